package io.datalake.lambdas.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.local.LocalDynamo;
import io.datalake.local.LocalS3;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.RegistrySchema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The helper JVM of {@code bench/cold-start.sh}: s3proxy and DynamoDB Local on loopback with the
 * registry tables, the buckets of org {@code acme} env {@code bench}, the example dataset
 * {@code sales_orders} registered as {@code bench_orders}, and one gzipped CSV dropped per planned
 * run ({@code bench_orders/run-<i>.csv.gz}). Prints {@code READY <s3 endpoint> <dynamodb endpoint>}
 * and serves until its standard input closes.
 *
 * <p>Arguments: a data folder, the dataset example file, the number of files to drop.
 */
public final class BenchLake {
    private BenchLake() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Path example = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        LakeNames names = new LakeNames(Environment.builder().org("acme").name("bench").region("us-east-1").build());
        try (LocalS3 s3Server = LocalS3.start(folder, 0); LocalDynamo dynamoServer = LocalDynamo.start();
             S3Client s3 = s3Server.client(); DynamoDbClient dynamo = dynamoServer.client()) {
            RegistrySchema.createTables(dynamo, names);
            s3.createBucket(r -> r.bucket(names.dataBucket(Tier.INTERNAL)));
            s3.createBucket(r -> r.bucket(names.dropBucket(Tier.INTERNAL)));
            String yaml = Files.readString(example).replaceFirst("(?m)^name: .*$", "name: bench_orders");
            DatasetSpec spec = DatasetFiles.parse(example.toString(), yaml);
            new DatasetRegistry(dynamo, names).register(new DatasetRegistration(spec.name(), spec.tier(), spec.owner(),
                    spec.description(), "bench", names.datasetStack(spec.name()),
                    new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml)), Instant.now()));
            byte[] file = gzip(("order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country\n"
                    + "1001,1,2026-11-20,SKU-1,2,9.99,19.98,DE\n").repeat(200));
            for (int i = 0; i < runs; i++) {
                String key = "bench_orders/run-" + i + ".csv.gz";
                s3.putObject(r -> r.bucket(names.dropBucket(Tier.INTERNAL)).key(key), RequestBody.fromBytes(file));
            }
            System.out.println("READY " + s3Server.endpoint() + " " + dynamoServer.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the script closes our input
            }
        }
    }

    private static byte[] gzip(String text) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
