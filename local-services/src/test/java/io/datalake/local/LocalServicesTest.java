package io.datalake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

class LocalServicesTest {

    @Test
    void s3KeepsObjectsAsPlainFilesAcrossRestarts(@TempDir Path dir) throws Exception {
        try (LocalS3 s3 = LocalS3.start(dir, 0); S3Client client = s3.client()) {
            client.createBucket(b -> b.bucket("acme-datalake-local-internal-eu-west-1"));
            client.putObject(p -> p.bucket("acme-datalake-local-internal-eu-west-1").key("sales/raw/u1/a.csv"),
                    RequestBody.fromString("id,amount\n1,2.5\n"));
        }
        assertThat(Files.readString(dir.resolve("acme-datalake-local-internal-eu-west-1/sales/raw/u1/a.csv")))
                .isEqualTo("id,amount\n1,2.5\n");
        try (LocalS3 s3 = LocalS3.start(dir, 0); S3Client client = s3.client()) {
            assertThat(client.getObjectAsBytes(g -> g.bucket("acme-datalake-local-internal-eu-west-1")
                    .key("sales/raw/u1/a.csv")).asUtf8String()).startsWith("id,amount");
        }
    }

    @Test
    void dynamoPersistsTablesInItsFolder(@TempDir Path dir) {
        try (LocalDynamo dynamo = LocalDynamo.start(dir, 0); DynamoDbClient client = dynamo.client()) {
            client.createTable(t -> t.tableName("things").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            client.putItem(p -> p.tableName("things").item(java.util.Map.of("id", AttributeValue.fromS("x"))));
        }
        try (LocalDynamo dynamo = LocalDynamo.start(dir, 0); DynamoDbClient client = dynamo.client()) {
            assertThat(client.getItem(g -> g.tableName("things").key(java.util.Map.of("id", AttributeValue.fromS("x")))).hasItem()).isTrue();
        }
    }
}
