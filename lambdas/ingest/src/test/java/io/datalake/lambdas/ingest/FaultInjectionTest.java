package io.datalake.lambdas.ingest;

import static io.datalake.lambdas.ingest.TestLake.files;
import static io.datalake.lambdas.ingest.TestLake.gzip;
import static io.datalake.lambdas.ingest.TestLake.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.UpdateRegistry;
import io.datalake.registry.commit.S3ObjectStore;
import io.datalake.registry.commit.UpdateCommitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crash after each step of an ingest, then the retry SQS would make: the result must be exactly
 * one update, complete as far as ingest goes, and no partial one anywhere.
 */
class FaultInjectionTest {
    @TempDir
    static Path folder;
    static TestLake lake;

    @BeforeAll
    static void start() {
        lake = TestLake.start(folder);
    }

    @AfterAll
    static void stop() {
        lake.close();
    }

    /** What a crashed Lambda leaves: the step completed, nothing after it ran. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(IngestStep step) {
            super("crashed after " + step);
        }
    }

    static Faults crashAfter(IngestStep step) {
        return (done, delivery) -> {
            if (done == step) {
                throw new Crash(step);
            }
        };
    }

    @ParameterizedTest
    @EnumSource(value = IngestStep.class, mode = EnumSource.Mode.EXCLUDE, names = "REFUSED")
    void zipDeliveryCrashedAfterAnyStepEndsAsOneRawCompleteUpdate(IngestStep step) {
        String dataset = "hr_crash_" + step.name().toLowerCase(Locale.ROOT);
        lake.register("hr_employees.yaml", dataset);
        Map<String, byte[]> content = files("a.csv", "k;m\n1;2026-11-01\n", "sub/b.csv", "k;m\n2;2026-11-01\n");
        Delivery delivery = lake.drop(Tier.SENSITIVE, dataset + "/export.zip", zip(content));
        int before = lake.trigger.received().size();

        assertThatThrownBy(() -> lake.ingestor(IngestLimits.defaults(), crashAfter(step)).ingest(delivery))
                .isInstanceOf(Crash.class);
        Outcome retry = lake.ingestor().ingest(delivery);

        assertThat(retry.status()).isEqualTo(step == IngestStep.DONE ? Outcome.Status.DUPLICATE : Outcome.Status.INGESTED);
        UpdateManifest manifest = lake.assertSingleUpdate(dataset, Tier.SENSITIVE, UpdateState.RAW_COMPLETE, content);
        assertThat(retry.update()).isEqualTo(manifest.update());
        assertThat(lake.exists(delivery.bucket(), delivery.key())).isFalse();
        // At least once, and only ever for this update.
        assertThat(lake.trigger.received().subList(before, lake.trigger.received().size()))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.update()).isEqualTo(manifest.update()));
        assertThat(lake.ingestor().ingest(delivery).status()).isEqualTo(Outcome.Status.DUPLICATE);
    }

    @ParameterizedTest
    @EnumSource(value = IngestStep.class, names = {"COPIED", "MANIFEST_WRITTEN", "SOURCE_DELETED"})
    void plainDeliveryCrashedAfterCopyManifestOrDeleteEndsAsOneCompleteUpdate(IngestStep step) {
        String dataset = "ops_crash_" + step.name().toLowerCase(Locale.ROOT);
        lake.registerRawOnly(dataset, Tier.INTERNAL, "none");
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.INTERNAL, dataset + "/in/x.csv", csv);

        assertThatThrownBy(() -> lake.ingestor(IngestLimits.defaults(), crashAfter(step)).ingest(delivery))
                .isInstanceOf(Crash.class);
        if (step == IngestStep.COPIED) {
            // Between copy and manifest the files exist, but no manifest says so: the update is not visible.
            assertThat(lake.keys(lake.names.dataBucket(Tier.INTERNAL), dataset + "/updates/")).isEmpty();
            assertThat(lake.updates(dataset)).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(UpdateState.RECEIVING));
        }
        lake.ingestor().ingest(delivery);

        lake.assertSingleUpdate(dataset, Tier.INTERNAL, UpdateState.COMPLETE, files("x.csv", csv));
        assertThat(lake.exists(delivery.bucket(), delivery.key())).isFalse();
    }

    @Test
    void recoveryLeavesAnUnfinishedIngestToItsRetryAndFindsNothingAfterIt() {
        lake.registerRawOnly("ops_recover", Tier.INTERNAL, "none");
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.INTERNAL, "ops_recover/x.csv", csv);
        assertThatThrownBy(() -> lake.ingestor(IngestLimits.defaults(), crashAfter(IngestStep.COPIED)).ingest(delivery))
                .isInstanceOf(Crash.class);
        UpdateId update = lake.updates("ops_recover").get(0).update();
        String bucket = lake.names.dataBucket(Tier.INTERNAL);
        UpdateCommitter committer = UpdateCommitter.builder().store(new S3ObjectStore(lake.s3))
                .registry(new UpdateRegistry(lake.dynamo, lake.names)).build();

        assertThat(committer.recover(bucket, "ops_recover", update)).isEqualTo(UpdateCommitter.Recovery.LEFT_TO_INGEST);
        lake.ingestor().ingest(delivery);

        lake.assertSingleUpdate("ops_recover", Tier.INTERNAL, UpdateState.COMPLETE, files("x.csv", csv));
        assertThat(committer.recover(bucket, "ops_recover", update)).isEqualTo(UpdateCommitter.Recovery.NOTHING);
    }

    @Test
    void aRetryAfterACrashMidCopyReplacesWhatTheCrashLeft() {
        lake.register("sales_orders.yaml", "orders_stray");
        byte[] csv = "order_id\n1\n".getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.INTERNAL, "orders_stray/o.csv.gz", gzip(csv));
        assertThatThrownBy(() -> lake.ingestor(IngestLimits.defaults(), crashAfter(IngestStep.RECORDED)).ingest(delivery))
                .isInstanceOf(Crash.class);
        // Half a file under the update's folder, as a crash in the middle of a copy could leave.
        UpdateId update = lake.updates("orders_stray").get(0).update();
        String bucket = lake.names.dataBucket(Tier.INTERNAL);
        lake.s3.putObject(r -> r.bucket(bucket).key("orders_stray/raw/" + update + "/o.csv"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("order_"));
        lake.s3.putObject(r -> r.bucket(bucket).key("orders_stray/raw/" + update + "/partial.tmp"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("x"));

        lake.ingestor().ingest(delivery);

        lake.assertSingleUpdate("orders_stray", Tier.INTERNAL, UpdateState.RAW_COMPLETE, files("o.csv", csv));
    }

    @Test
    void aRefusalCrashedBeforeTheQuarantineIsFinishedByTheRetry() {
        lake.register("hr_employees.yaml", "hr_crash_refused");
        byte[] archive = zip(files("../x.csv", "x"));
        Delivery delivery = lake.drop(Tier.SENSITIVE, "hr_crash_refused/x.zip", archive);
        assertThatThrownBy(() -> lake.ingestor(IngestLimits.defaults(), crashAfter(IngestStep.REFUSED)).ingest(delivery))
                .isInstanceOf(Crash.class);
        assertThat(lake.exists(delivery.bucket(), delivery.key())).isTrue();

        Outcome retry = lake.ingestor().ingest(delivery);

        assertThat(retry.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(retry.reason()).contains("path traversal");
        assertThat(lake.exists(delivery.bucket(), delivery.key())).isFalse();
        assertThat(lake.read(delivery.bucket(), Quarantine.keyOf(delivery.key()))).isEqualTo(archive);
        assertThat(lake.updates("hr_crash_refused")).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(UpdateState.FAILED));
        lake.assertNothingWritten("hr_crash_refused", Tier.SENSITIVE);
        assertThat(lake.ingestor().ingest(delivery).status()).isEqualTo(Outcome.Status.DUPLICATE);
    }
}
