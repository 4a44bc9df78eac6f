package io.datalake.locallake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.datalake.core.DatasetLayout;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The local lake applies rawRetentionDays itself: raw files of old updates go, data and manifests stay. */
class RawExpiryTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:15:00Z");
    static final LakeNames NAMES = new LakeNames(Environment.builder().org("acme").name("local").region("eu-west-1").build());
    static final Path EXAMPLES = Path.of("..", "dataset-templates", "examples");
    static final String BUCKET = NAMES.dataBucket(Tier.INTERNAL);

    @TempDir
    static Path folder;
    static LocalLake lake;

    @BeforeAll
    static void start() throws IOException {
        lake = LocalLake.start(NAMES, folder, 0, 0);
        // sales_orders keeps raw files 180 days; daily_sales has no retention: its raw files stay.
        for (String dataset : List.of("sales_orders", "daily_sales")) {
            String json = new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory())
                    .readTree(EXAMPLES.resolve(dataset + ".yaml").toFile()));
            new DatasetRegistry(lake.dynamo(), NAMES).register(new DatasetRegistration(dataset, Tier.INTERNAL, "team", "",
                    "local", NAMES.datasetStack(dataset), json, NOW));
        }
    }

    @AfterAll
    static void stop() {
        lake.close();
    }

    static UpdateId updateAged(Duration age) {
        return UpdateId.create(NOW.minus(age), new Random(age.toHours()));
    }

    static void put(String key) {
        lake.s3().putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("x"));
    }

    static List<String> keys(String prefix) {
        return lake.s3().listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).filter(k -> !k.endsWith("/")).sorted().toList();
    }

    @Test
    void deletesOnlyTheRawFilesOfUpdatesPastTheRetentionAndOnlyWhenDue() {
        UpdateId old = updateAged(Duration.ofDays(181));
        UpdateId edge = updateAged(Duration.ofDays(180));
        UpdateId young = updateAged(Duration.ofDays(179));
        for (UpdateId update : List.of(old, edge, young)) {
            put(DatasetLayout.rawPrefix("sales_orders", update) + "orders.csv");
            put(DatasetLayout.rawPrefix("sales_orders", update) + "nested/more.csv");
            put(DatasetLayout.dataPrefix("sales_orders", update) + "part-0.parquet");
            put(DatasetLayout.manifestKey("sales_orders", update));
            put(DatasetLayout.rawPrefix("daily_sales", update) + "x.csv");
        }
        put(DatasetLayout.rawPrefix("sales_orders") + "not-an-update/file.csv");

        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        RawExpiry expiry = new RawExpiry(lake, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        });
        assertThat(expiry.sweepIfDue()).as("at start").isEqualTo(4);
        assertThat(keys(DatasetLayout.rawPrefix("sales_orders"))).containsExactlyInAnyOrder(
                DatasetLayout.rawPrefix("sales_orders") + "not-an-update/file.csv",
                DatasetLayout.rawPrefix("sales_orders", young) + "nested/more.csv",
                DatasetLayout.rawPrefix("sales_orders", young) + "orders.csv");
        assertThat(keys(DatasetLayout.dataPrefix("sales_orders"))).hasSize(3);
        assertThat(keys(DatasetLayout.manifestPrefix("sales_orders"))).hasSize(3);
        assertThat(keys(DatasetLayout.rawPrefix("daily_sales"))).hasSize(3);

        now.set(NOW.plus(Duration.ofDays(2)));
        assertThat(expiry.sweepIfDue()).as("an hour has passed: the young update is due now").isEqualTo(2);
        now.set(NOW.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(30)));
        put(DatasetLayout.rawPrefix("sales_orders", old) + "late.csv");
        assertThat(expiry.sweepIfDue()).as("within the interval").isZero();
        assertThat(expiry.sweep(now.get())).isEqualTo(1);
        assertThat(Files.exists(lake.bucketFolder(BUCKET).resolve(DatasetLayout.manifestKey("sales_orders", old)))).isTrue();
    }
}
