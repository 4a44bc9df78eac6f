package io.datalake.lambda.api.bench;

import io.datalake.core.AccessLevel;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.lambda.api.fakes.FakeIam;
import io.datalake.lambda.api.fakes.FakeSqs;
import io.datalake.local.LocalCredentials;
import io.datalake.local.LocalDynamo;
import io.datalake.local.LocalS3;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.RegistrySchema;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local lake the cold-start benchmark runs against ({@code bench/cold-start-api.sh}): S3
 * (s3proxy), DynamoDB Local, and the fake SQS and IAM endpoints of the tests, seeded with the
 * dataset the test events name. Writes the function's environment variables to
 * {@code <folder>/bench.env}, prints {@code READY}, and runs until its standard input closes.
 */
public final class BenchLake {
    private BenchLake() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        LakeNames names = new LakeNames(Environment.builder().org("acme").name("bench").region("eu-west-1").build());
        try (LocalS3 s3Server = LocalS3.start(folder.resolve("s3"), 0);
             LocalDynamo dynamoServer = LocalDynamo.start();
             FakeSqs sqs = FakeSqs.start();
             FakeIam iam = FakeIam.start();
             S3Client s3 = s3Server.client();
             // DynamoDB Local keeps one database per region: seed in the function's region.
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(dynamoServer.endpoint()).region(Region.EU_WEST_1)
                     .credentialsProvider(LocalCredentials.provider()).httpClient(UrlConnectionHttpClient.create()).build()) {
            RegistrySchema.createTables(dynamo, names);
            new DatasetRegistry(dynamo, names).register(new DatasetRegistration("orders", Tier.INTERNAL, "data-team", "orders",
                    "bench", names.datasetStack("orders"), "{\"name\":\"orders\"}", Instant.parse("2026-11-20T09:00:00Z")));
            s3.createBucket(r -> r.bucket(names.dataBucket(Tier.INTERNAL)));
            s3.createBucket(r -> r.bucket(names.dropBucket(Tier.INTERNAL)));
            UpdateId update = UpdateId.parse("2026-11-21T101500Z-3f9a");
            UpdateManifest manifest = UpdateManifest.builder().dataset("orders").update(update).state(UpdateState.COMPLETE)
                    .source(new UpdateSource(UpdateSource.Kind.DROP, names.dropBucket(Tier.INTERNAL), "orders/2026-11-21/orders.csv", "v1"))
                    .createdAt(Instant.parse("2026-11-21T10:15:00Z")).completedAt(Instant.parse("2026-11-21T10:16:00Z"))
                    .rawFile(new ManifestFile("orders.csv", 16, "a".repeat(64))).rowCount(1).build();
            s3.putObject(r -> r.bucket(names.dataBucket(Tier.INTERNAL)).key(manifest.key()), RequestBody.fromString(manifest.toJson()));
            s3.putObject(r -> r.bucket(names.dropBucket(Tier.INTERNAL)).key("orders/2026-11-21/orders.csv"),
                    RequestBody.fromString("id,amount\n1,10\n"));
            Instant at = Instant.parse("2026-11-21T10:16:00Z");
            new UpdateRegistry(dynamo, names).create(new UpdateRecord("orders", update, UpdateState.COMPLETE, null, manifest.key(),
                    16, 1L, at, at, null));
            for (AccessLevel level : AccessLevel.values()) {
                // The admin role trusts the role the grant events' caller is a session of, as a dataset file would make it.
                String principal = level == AccessLevel.ADMIN ? "arn:aws:iam::123456789012:role/lake-admin"
                        : "arn:aws:iam::123456789012:root";
                iam.createRole(names.datasetRole("orders", level), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                        + "\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"sts:AssumeRole\"}]}");
            }
            iam.addPrincipal("arn:aws:iam::210987654321:role/analytics");

            Map<String, String> env = new LinkedHashMap<>();
            env.put("LAKE_ORG", "acme");
            env.put("LAKE_ENV", "bench");
            env.put("AWS_REGION", "eu-west-1");
            env.put("AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_KEY);
            env.put("LAKE_INGEST_QUEUE_URL", sqs.createQueue(names.dropQueue()));
            env.put("LAKE_S3_ENDPOINT", s3Server.endpoint().toString());
            env.put("LAKE_DYNAMODB_ENDPOINT", dynamoServer.endpoint().toString());
            env.put("LAKE_SQS_ENDPOINT", sqs.endpoint().toString());
            env.put("LAKE_IAM_ENDPOINT", iam.endpoint().toString());
            StringBuilder file = new StringBuilder();
            env.forEach((k, v) -> file.append("export ").append(k).append('=').append(v).append('\n'));
            Files.writeString(folder.resolve("bench.env"), file);
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the script closes our standard input
            }
        }
        // The servers leave non-daemon threads behind.
        System.exit(0);
    }
}
