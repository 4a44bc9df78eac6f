package io.datalake.pipelines.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.DatasetLayout;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.ObjectStore;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.local.LocalDynamo;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineFiles;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.RegistrySchema;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import io.datalake.registry.commit.CommitFaults;
import io.datalake.registry.commit.CommitStep;
import io.datalake.registry.commit.UpdateCommitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Spark conversion and a pipeline run, each killed after every step of its commit, against the
 * runner's Hadoop store (a lake folder) and the registry in DynamoDB Local; then the restart
 * recovers and retries. Afterwards there is no visible update or exactly one complete one, whose
 * data folder lists exactly its manifest's files, and the registry agrees.
 */
class RunnerCrashTest {
    static final DatasetSpec SALES_ORDERS = TestLakeFolder.example("sales_orders");
    static final DatasetSpec DAILY_SALES = TestLakeFolder.example("daily_sales");
    static final Duration LEASE = Duration.ofMinutes(30);
    static final AtomicInteger ENVS = new AtomicInteger();
    static LocalDynamo local;
    static DynamoDbClient dynamo;

    @TempDir
    Path dir;
    TestLakeFolder lake;
    LakeNames registryNames;
    UpdateRegistry updates;
    DatasetRegistry datasets;
    Instant now = Instant.parse("2026-11-21T12:00:00Z");

    @BeforeAll
    static void start() {
        local = LocalDynamo.start();
        dynamo = local.client();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        local.close();
    }

    @BeforeEach
    void lake() {
        lake = new TestLakeFolder(dir.resolve("lake"));
        // Tables of their own per test: the folder's update ids repeat from test to test.
        registryNames = new LakeNames(Environment.builder().org("acme").name("c" + ENVS.incrementAndGet())
                .region("eu-west-1").build());
        RegistrySchema.createTables(dynamo, registryNames);
        updates = new UpdateRegistry(dynamo, registryNames);
        datasets = new DatasetRegistry(dynamo, registryNames);
        for (DatasetSpec spec : List.of(SALES_ORDERS, DAILY_SALES)) {
            datasets.register(new DatasetRegistration(spec.name(), spec.tier(), spec.owner(), spec.description(), "test",
                    registryNames.datasetStack(spec.name()), "{}", now));
        }
    }

    /** A kill: an Error, so no catch of the code under test runs, as none would in a killed JVM. */
    static final class Kill extends Error {
        private static final long serialVersionUID = 1L;

        Kill(CommitStep step) {
            super("killed after " + step);
        }
    }

    static CommitFaults killAfter(CommitStep step) {
        return (done, manifest) -> {
            if (done == step) {
                throw new Kill(step);
            }
        };
    }

    UpdateCommitter committer(CommitFaults faults) {
        return UpdateCommitter.builder().store(lake.storage).registry(updates).datasets(datasets).announcer(lake.changed::add)
                .clock(Clock.fixed(now, ZoneOffset.UTC)).lease(LEASE).faults(faults).build();
    }

    RunContext context(CommitFaults faults) {
        return new RunContext(lake.spark, lake.storage, DatasetCatalog.of(List.of(SALES_ORDERS, DAILY_SALES)), lake.runs::add,
                committer(faults), Clock.fixed(now, ZoneOffset.UTC), Optional.empty());
    }

    UpdateId rawComplete() {
        UpdateId update = lake.rawComplete(SALES_ORDERS, Map.of("orders.csv", ("order_id,line_no,order_date,product_sku,"
                + "quantity,unit_price_eur,amount_eur,store_country\n1,1,2026-11-20,A,2,10.00,20.00,DE\n"
                + "2,1,2026-11-21,A,1,10.00,10.00,FR\n").getBytes(StandardCharsets.UTF_8)));
        updates.create(new UpdateRecord("sales_orders", update, UpdateState.RAW_COMPLETE, "drop:b/k#1",
                DatasetLayout.manifestKey("sales_orders", update), 100, null, now, now, null));
        return update;
    }

    List<String> keys(String prefix) {
        return lake.storage.list(lake.storage.bucket(Tier.INTERNAL), prefix).stream().map(ObjectStore.StoredObject::key).toList();
    }

    /** Exactly one complete update: its data folder lists exactly its manifest's files, the registry agrees. */
    void assertComplete(DatasetSpec dataset, UpdateId update, long rows) {
        UpdateManifest manifest = lake.manifest(dataset, update);
        assertThat(manifest.state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(manifest.rowCount()).hasValue(rows);
        String data = DatasetLayout.dataPrefix(dataset.name(), update);
        assertThat(keys(data)).isNotEmpty()
                .containsExactlyElementsOf(manifest.dataFiles().stream().map(f -> data + f.path()).sorted().toList());
        assertThat(updates.find(dataset.name(), update).orElseThrow().state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(updates.attempt(dataset.name(), update)).isEmpty();
        assertThat(lake.rows(dataset, update, dataset.schema().get(0).name())).hasSize((int) rows);
        assertThat(lake.changed).filteredOn(m -> m.update().equals(update)).isNotEmpty()
                .allSatisfy(m -> assertThat(m.state()).isEqualTo(UpdateState.COMPLETE));
    }

    @ParameterizedTest
    @EnumSource(CommitStep.class)
    void aSparkConversionKilledAfterAnyStepEndsAsOneCompleteUpdate(CommitStep step) {
        UpdateId update = rawComplete();

        assertThatThrownBy(() -> new Conversion(context(killAfter(step))).convert("sales_orders", update)).isInstanceOf(Kill.class);
        if (step.compareTo(CommitStep.MANIFEST_WRITTEN) < 0) {
            assertThat(lake.manifest(SALES_ORDERS, update).state()).as("nothing visible").isEqualTo(UpdateState.RAW_COMPLETE);
        }

        now = now.plus(LEASE).plusSeconds(1); // the restart, after the dead job's lease
        committer(CommitFaults.NONE).recoverAll(lake.storage.bucket(Tier.INTERNAL), "sales_orders");
        new Conversion(context(CommitFaults.NONE)).convert("sales_orders", update);

        assertComplete(SALES_ORDERS, update, 2);
    }

    @Test
    void aKillWhileSparkWritesLeavesNothingTheNextRunWouldRead() {
        UpdateId update = rawComplete();
        assertThatThrownBy(() -> new Conversion(context(killAfter(CommitStep.BEGUN))).convert("sales_orders", update))
                .isInstanceOf(Kill.class);
        // What a killed Spark job leaves: a task's part file and its committer's temporary folder.
        String data = DatasetLayout.dataPrefix("sales_orders", update);
        String bucket = lake.storage.bucket(Tier.INTERNAL);
        lake.storage.put(bucket, data + "order_date=2026-11-19/part-00000-0b1c.c000.snappy.parquet", new byte[] {1});
        lake.storage.put(bucket, data + "_temporary/0/_temporary/attempt_1/part-00001.parquet", new byte[] {2});

        now = now.plus(LEASE).plusSeconds(1);
        new Conversion(context(CommitFaults.NONE)).convert("sales_orders", update);

        assertComplete(SALES_ORDERS, update, 2);
        assertThat(keys(data)).noneMatch(k -> k.contains("2026-11-19") || k.contains("_temporary"));
    }

    @ParameterizedTest
    @EnumSource(CommitStep.class)
    void aPipelineRunKilledAfterAnyStepLeavesNoUpdateOrOneCompleteOne(CommitStep step) {
        lake.complete(SALES_ORDERS, List.of(PipelineRunTest.order(1, 1, "2026-11-20", "A", 2, "10.00", "20.00", "DE")));
        PipelineConfig config = PipelineFiles.load(PipelineRunTest.PIPELINES.resolve("daily_sales"));
        UpdateId runId = lake.nextId();

        assertThatThrownBy(() -> new PipelineRun(context(killAfter(step))).run(config, runId)).isInstanceOf(Kill.class);
        now = now.plus(LEASE).plusSeconds(1);
        UpdateCommitter.Recovery recovery = committer(CommitFaults.NONE).recover(lake.storage.bucket(Tier.INTERNAL),
                "daily_sales", runId);

        if (step.compareTo(CommitStep.MANIFEST_WRITTEN) >= 0) {
            assertComplete(DAILY_SALES, runId, 1);
            assertThat(datasets.downstreams("sales_orders")).containsExactly("daily_sales");
        } else {
            // The run died before its commit point: nothing of it is left, and the registry says so.
            assertThat(recovery).isEqualTo(UpdateCommitter.Recovery.CLEANED_UP);
            assertThat(lake.storage.manifest(Tier.INTERNAL, "daily_sales", runId)).isEmpty();
            assertThat(keys(DatasetLayout.dataPrefix("daily_sales", runId))).isEmpty();
            assertThat(updates.find("daily_sales", runId).orElseThrow().state()).isEqualTo(UpdateState.FAILED);
            // The next run commits.
            UpdateId next = lake.nextId();
            new PipelineRun(context(CommitFaults.NONE)).run(config, next);
            assertComplete(DAILY_SALES, next, 1);
        }
    }

    @Test
    void theNextRunOfAPipelineCleansUpARunThatDiedBeforeItsCommit() {
        lake.complete(SALES_ORDERS, List.of(PipelineRunTest.order(1, 1, "2026-11-20", "A", 2, "10.00", "20.00", "DE")));
        PipelineConfig config = PipelineFiles.load(PipelineRunTest.PIPELINES.resolve("daily_sales"));
        UpdateId dead = lake.nextId();
        assertThatThrownBy(() -> new PipelineRun(context(killAfter(CommitStep.VERIFIED))).run(config, dead))
                .isInstanceOf(Kill.class);
        assertThat(keys(DatasetLayout.dataPrefix("daily_sales", dead))).as("data without a manifest").isNotEmpty();

        now = now.plus(LEASE).plusSeconds(1);
        UpdateId next = lake.nextId();
        new PipelineRun(context(CommitFaults.NONE)).run(config, next);

        assertComplete(DAILY_SALES, next, 1);
        assertThat(keys(DatasetLayout.dataPrefix("daily_sales", dead))).isEmpty();
        assertThat(updates.find("daily_sales", dead).orElseThrow().state()).isEqualTo(UpdateState.FAILED);
    }

    @Test
    void aPipelineRunWhoseUpdateAnotherAttemptHoldsWritesNothing() {
        lake.complete(SALES_ORDERS, List.of(PipelineRunTest.order(1, 1, "2026-11-20", "A", 2, "10.00", "20.00", "DE")));
        PipelineConfig config = PipelineFiles.load(PipelineRunTest.PIPELINES.resolve("daily_sales"));
        UpdateId runId = lake.nextId();
        // Another attempt holds the run's update id: the run is refused before it writes anything.
        updates.create(new UpdateRecord("daily_sales", runId, UpdateState.RECEIVING, "pipeline:/daily_sales#" + runId, null, 0,
                null, now, now, null));
        updates.begin("daily_sales", runId, UpdateState.RECEIVING, "someone-else", now, now.minus(LEASE));

        assertThatThrownBy(() -> new PipelineRun(context(CommitFaults.NONE)).run(config, runId))
                .isInstanceOf(io.datalake.registry.commit.UpdateBusyException.class).hasMessageContaining("someone-else");
        assertThat(keys(DatasetLayout.dataPrefix("daily_sales", runId))).isEmpty();
        assertThat(lake.storage.manifest(Tier.INTERNAL, "daily_sales", runId)).isEmpty();
    }
}
