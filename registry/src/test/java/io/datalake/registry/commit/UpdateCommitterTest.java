package io.datalake.registry.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.DatasetLayout;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.UpdateId;
import io.datalake.core.update.IllegalTransitionException;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.ObjectStore;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.core.update.UpstreamRef;
import io.datalake.local.LocalDynamo;
import io.datalake.local.LocalS3;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.core.Tier;
import io.datalake.registry.RegistrySchema;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The committer against s3proxy and DynamoDB Local: a kill after every step of a conversion and of
 * a pipeline run, then recovery and the retry a restart makes. Afterwards there is no visible update
 * or exactly one complete one, whose folders list exactly its manifest's files.
 */
class UpdateCommitterTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final LakeNames NAMES = new LakeNames(Environment.builder().org("acme").name("test").region("eu-west-1").build());
    static final String BUCKET = NAMES.dataBucket(Tier.INTERNAL);

    @TempDir
    static Path folder;
    static LocalS3 s3Server;
    static LocalDynamo dynamoServer;
    static S3Client s3;
    static DynamoDbClient dynamo;
    static UpdateRegistry updates;
    static final AtomicInteger ids = new AtomicInteger(1);
    final MovableClock clock = new MovableClock(T0);
    final List<UpdateManifest> announced = new ArrayList<>();

    @BeforeAll
    static void start() {
        s3Server = LocalS3.start(folder, 0);
        dynamoServer = LocalDynamo.start();
        s3 = s3Server.client();
        dynamo = dynamoServer.client();
        RegistrySchema.createTables(dynamo, NAMES);
        updates = new UpdateRegistry(dynamo, NAMES);
        s3.createBucket(r -> r.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        dynamoServer.close();
        s3Server.close();
    }

    /** A clock a test moves forward, as time passes between a kill and the restart. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class Kill extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Kill(CommitStep step) {
            super("killed after " + step);
        }
    }

    UpdateCommitter committer(CommitFaults faults) {
        return UpdateCommitter.builder().store(new S3ObjectStore(s3)).registry(updates)
                .datasets(new DatasetRegistry(dynamo, NAMES)).announcer(announced::add).clock(clock)
                .lease(Duration.ofMinutes(30)).faults(faults).build();
    }

    static CommitFaults killAfter(CommitStep step) {
        return (done, manifest) -> {
            if (done == step) {
                throw new Kill(step);
            }
        };
    }

    static UpdateId nextId() {
        return UpdateId.parse(String.format("2026-11-21T10%04dZ-%04x", ids.get(), ids.getAndIncrement()));
    }

    /** A raw-complete update, as ingest leaves it: raw file, manifest, registry record. */
    UpdateManifest rawComplete(String dataset) {
        UpdateId update = nextId();
        byte[] csv = "a\n1\n".getBytes(StandardCharsets.UTF_8);
        put(DatasetLayout.rawPrefix(dataset, update) + "a.csv", csv);
        UpdateManifest raw = UpdateManifest.builder().dataset(dataset).update(update).state(UpdateState.RAW_COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.DROP, "drop", dataset + "/a.csv", "1")).createdAt(T0)
                .rawFile(new ManifestFile("a.csv", csv.length, "c".repeat(64))).build();
        put(raw.key(), raw.toJson().getBytes(StandardCharsets.UTF_8));
        updates.create(new UpdateRecord(dataset, update, UpdateState.RAW_COMPLETE, raw.source().deliveryKey(), raw.key(),
                csv.length, null, T0, T0, null));
        return raw;
    }

    void put(String key, byte[] content) {
        s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    }

    /** Writes two Parquet stand-ins into the attempt's folder, and what a killed upload leaves on s3proxy. */
    List<ManifestFile> writeData(PendingUpdate pending, boolean leaveTemporary) {
        List<ManifestFile> files = new ArrayList<>();
        for (String path : List.of("country=DE/part-0.parquet", "country=FR/part-0.parquet")) {
            byte[] bytes = (pending.attempt() + path).getBytes(StandardCharsets.UTF_8);
            put(pending.folder() + path, bytes);
            files.add(new ManifestFile(path, bytes.length, "d".repeat(64)));
        }
        if (leaveTemporary) {
            put(pending.folder() + "country=DE/part-1.parquet-8d0c6f4e-2b7a-4c43-9a55-1f1b3e0b4a11", new byte[7]);
        }
        return files;
    }

    /** A conversion as the local lake and the runner do it: take the update, write, commit. */
    UpdateManifest convert(UpdateCommitter committer, UpdateManifest raw, String attempt) {
        PendingUpdate pending = committer.begin(BUCKET, raw.dataset(), raw.update(), UpdateState.RAW_COMPLETE,
                UpdateFolder.DATA, attempt);
        pending.clear();
        List<ManifestFile> files = writeData(pending, true);
        return pending.commit(raw.completed(clock.instant(), files, 2));
    }

    List<String> keys(String prefix) {
        return new S3ObjectStore(s3).list(BUCKET, prefix).stream().map(ObjectStore.StoredObject::key).sorted().toList();
    }

    /** No visible update, or exactly one complete one whose data folder lists exactly its manifest's files. */
    void assertOneCompleteUpdateOrNone(String dataset, UpdateId update, boolean mustBeComplete) {
        assertVisible(dataset, update, mustBeComplete, true);
    }

    /**
     * @param recovered whether recovery ran: before, the registry may lag the manifest, and an update that
     *                  is not complete may have data that nobody reads
     */
    void assertVisible(String dataset, UpdateId update, boolean mustBeComplete, boolean recovered) {
        UpdateManifest manifest = committer(CommitFaults.NONE).manifest(BUCKET, dataset, update).orElse(null);
        UpdateRecord record = updates.find(dataset, update).orElse(null);
        String data = DatasetLayout.dataPrefix(dataset, update);
        if (manifest != null && manifest.state() == UpdateState.COMPLETE) {
            // Complete: the data folder holds exactly the manifest's files, from the moment the manifest exists.
            assertThat(keys(data)).containsExactlyElementsOf(manifest.dataFiles().stream().map(f -> data + f.path()).sorted().toList());
            if (!recovered) {
                assertThat(record.state()).isIn(UpdateState.RAW_COMPLETE, UpdateState.RECEIVING, UpdateState.COMPLETE);
                return;
            }
            assertThat(record).isNotNull();
            assertThat(record.state()).isEqualTo(UpdateState.COMPLETE);
            assertThat(record.rows()).hasValue(manifest.rowCount().orElseThrow());
            assertThat(keys(data)).containsExactlyElementsOf(manifest.dataFiles().stream().map(f -> data + f.path()).sorted().toList());
            assertThat(updates.attempt(dataset, update)).isEmpty();
        } else {
            assertThat(mustBeComplete).as("the update must be complete").isFalse();
            assertThat(record == null || record.state() != UpdateState.COMPLETE).as("the registry is never ahead").isTrue();
            if (recovered) {
                assertThat(keys(data)).as("nothing under data/ of an update that is not complete").isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CommitStep.class)
    void aConversionKilledAfterAnyStepEndsAsOneCompleteUpdateAfterRecoveryAndRetry(CommitStep step) {
        String dataset = "conv_" + step.name().toLowerCase(Locale.ROOT);
        UpdateManifest raw = rawComplete(dataset);

        assertThatThrownBy(() -> convert(committer(killAfter(step)), raw, "job-1")).isInstanceOf(Kill.class);
        // Whatever the kill left, nothing half-made is visible.
        assertVisible(dataset, raw.update(), false, false);

        // The restart: at first the dead job still holds the update ...
        UpdateCommitter.Recovery early = committer(CommitFaults.NONE).recover(BUCKET, dataset, raw.update());
        if (step.compareTo(CommitStep.MANIFEST_WRITTEN) < 0) {
            assertThat(early).isEqualTo(UpdateCommitter.Recovery.BUSY);
            assertThatThrownBy(() -> convert(committer(CommitFaults.NONE), raw, "job-2")).isInstanceOf(UpdateBusyException.class);
            // ... until its lease ends: its partial data goes, and the conversion runs again.
            clock.advance(Duration.ofMinutes(31));
            assertThat(committer(CommitFaults.NONE).recover(BUCKET, dataset, raw.update()))
                    .isEqualTo(UpdateCommitter.Recovery.CLEANED_UP);
            assertThat(keys(DatasetLayout.dataPrefix(dataset, raw.update()))).isEmpty();
            convert(committer(CommitFaults.NONE), raw, "job-2");
        } else {
            // Past the manifest the update is committed: recovery finishes the registry and removes the temporary.
            assertThat(early).isIn(UpdateCommitter.Recovery.ROLLED_FORWARD, UpdateCommitter.Recovery.STRAYS_REMOVED,
                    UpdateCommitter.Recovery.NOTHING);
            // Converting a complete update again is refused by the lifecycle.
            assertThatThrownBy(() -> convert(committer(CommitFaults.NONE), raw, "job-2"))
                    .isInstanceOf(IllegalTransitionException.class);
        }
        assertOneCompleteUpdateOrNone(dataset, raw.update(), true);
        assertThat(announced).isNotEmpty().allSatisfy(m -> assertThat(m.state()).isEqualTo(UpdateState.COMPLETE));
    }

    @ParameterizedTest
    @EnumSource(CommitStep.class)
    void aPipelineRunKilledAfterAnyStepLeavesNoUpdateOrOneCompleteOne(CommitStep step) {
        String dataset = "run_" + step.name().toLowerCase(Locale.ROOT);
        UpdateId run = nextId();
        UpdateRecord receiving = new UpdateRecord(dataset, run, UpdateState.RECEIVING, "pipeline:/daily#" + run, null, 0,
                null, T0, T0, null);
        assertThatThrownBy(() -> {
            PendingUpdate pending = committer(killAfter(step)).create(BUCKET, receiving, run.toString());
            List<ManifestFile> files = writeData(pending, true);
            pending.commit(UpdateManifest.builder().dataset(dataset).update(run).state(UpdateState.COMPLETE)
                    .source(new UpdateSource(UpdateSource.Kind.PIPELINE, null, "daily", run.toString())).createdAt(T0)
                    .completedAt(T0).dataFiles(files).rowCount(2)
                    .upstream(new UpstreamRef("orders_in", UpdateId.parse("2026-11-20T000000Z-0001"))).build());
        }).isInstanceOf(Kill.class);
        assertVisible(dataset, run, false, false);

        clock.advance(Duration.ofMinutes(31));
        UpdateCommitter.Recovery recovery = committer(CommitFaults.NONE).recover(BUCKET, dataset, run);

        boolean committed = step.compareTo(CommitStep.MANIFEST_WRITTEN) >= 0;
        assertOneCompleteUpdateOrNone(dataset, run, committed);
        UpdateRecord record = updates.find(dataset, run).orElseThrow();
        if (committed) {
            assertThat(record.state()).isEqualTo(UpdateState.COMPLETE);
        } else {
            assertThat(recovery).isEqualTo(UpdateCommitter.Recovery.CLEANED_UP);
            assertThat(record.state()).isEqualTo(UpdateState.FAILED);
            assertThat(record.error()).contains("abandoned");
        }
    }

    @Test
    void aCommitRefusesAManifestWhoseFilesAreNotAllThereAndRemovesStrays() {
        UpdateManifest raw = rawComplete("conv_missing");
        PendingUpdate pending = committer(CommitFaults.NONE).begin(BUCKET, raw.dataset(), raw.update(),
                UpdateState.RAW_COMPLETE, UpdateFolder.DATA, "job-1");
        List<ManifestFile> files = new ArrayList<>(writeData(pending, true));
        files.add(new ManifestFile("country=IT/part-0.parquet", 3, "e".repeat(64)));

        assertThatThrownBy(() -> pending.commit(raw.completed(T0, files, 3))).isInstanceOf(IncompleteUpdateException.class)
                .hasMessageContaining("country=IT/part-0.parquet is missing");
        assertThat(committer(CommitFaults.NONE).manifest(BUCKET, raw.dataset(), raw.update()).orElseThrow().state())
                .isEqualTo(UpdateState.RAW_COMPLETE);

        UpdateManifest done = pending.commit(raw.completed(T0, files.subList(0, 2), 2));
        assertThat(keys(DatasetLayout.dataPrefix(raw.dataset(), raw.update()))).hasSize(2).noneMatch(k -> k.contains("-8d0c"));
        assertThat(done.state()).isEqualTo(UpdateState.COMPLETE);
    }

    @Test
    void aFailedConversionKeepsTheRawFilesAndNothingUnderData() {
        UpdateManifest raw = rawComplete("conv_failed");
        PendingUpdate pending = committer(CommitFaults.NONE).begin(BUCKET, raw.dataset(), raw.update(),
                UpdateState.RAW_COMPLETE, UpdateFolder.DATA, "job-1");
        writeData(pending, true);
        pending.commit(raw.failed("column x: 'abc' is not an integer"));

        assertThat(keys(DatasetLayout.dataPrefix(raw.dataset(), raw.update()))).isEmpty();
        assertThat(keys(DatasetLayout.rawPrefix(raw.dataset(), raw.update()))).hasSize(1);
        assertThat(updates.find(raw.dataset(), raw.update()).orElseThrow().error()).isEqualTo("column x: 'abc' is not an integer");
        assertThatThrownBy(() -> committer(CommitFaults.NONE).begin(BUCKET, raw.dataset(), raw.update(),
                UpdateState.RAW_COMPLETE, UpdateFolder.DATA, "job-2")).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is failed");
    }

    @Test
    void aCompleteUpdatesStraysAreRemovedByRecoveryAndLineageIsRecorded() {
        DatasetRegistry datasets = new DatasetRegistry(dynamo, NAMES);
        datasets.register(new DatasetRegistration("orders_up2", Tier.INTERNAL, "team", "", "test",
                NAMES.datasetStack("orders_up2"), "{}", T0));
        UpdateId run = nextId();
        PendingUpdate pending = committer(CommitFaults.NONE).create(BUCKET, new UpdateRecord("daily_up2", run,
                UpdateState.RECEIVING, "pipeline:/daily#" + run, null, 0, null, T0, T0, null), "run");
        List<ManifestFile> files = writeData(pending, false);
        pending.commit(UpdateManifest.builder().dataset("daily_up2").update(run).state(UpdateState.COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.PIPELINE, null, "daily", run.toString())).createdAt(T0)
                .completedAt(T0).dataFiles(files).rowCount(2)
                .upstream(new UpstreamRef("orders_up2", UpdateId.parse("2026-11-20T000000Z-0001"))).build());
        assertThat(datasets.downstreams("orders_up2")).containsExactly("daily_up2");
        // A zombie writer's file after the commit.
        put(DatasetLayout.dataPrefix("daily_up2", run) + "late.parquet", new byte[3]);

        assertThat(committer(CommitFaults.NONE).recover(BUCKET, "daily_up2", run)).isEqualTo(UpdateCommitter.Recovery.STRAYS_REMOVED);
        assertOneCompleteUpdateOrNone("daily_up2", run, true);
        assertThat(committer(CommitFaults.NONE).recover(BUCKET, "daily_up2", run)).isEqualTo(UpdateCommitter.Recovery.NOTHING);
    }

    @Test
    void aRunThatFailsBeforeItsCommitIsAbandonedWithoutAManifest() {
        UpdateId run = nextId();
        PendingUpdate pending = committer(CommitFaults.NONE).create(BUCKET, new UpdateRecord("run_abandoned", run,
                UpdateState.RECEIVING, "pipeline:/p#" + run, null, 0, null, T0, T0, null), "run");
        writeData(pending, true);

        pending.abandon("step 'daily': division by zero");

        assertThat(keys(DatasetLayout.dataPrefix("run_abandoned", run))).isEmpty();
        assertThat(committer(CommitFaults.NONE).manifest(BUCKET, "run_abandoned", run)).isEmpty();
        UpdateRecord record = updates.find("run_abandoned", run).orElseThrow();
        assertThat(record.state()).isEqualTo(UpdateState.FAILED);
        assertThat(record.error()).isEqualTo("step 'daily': division by zero");
        assertThat(updates.attempt("run_abandoned", run)).isEmpty();
        assertThat(announced).isEmpty();
    }

    @Test
    void withoutARegistryTheStoresWriteOnceKeepsANewUpdateFromBeingMadeTwice() {
        UpdateCommitter plain = UpdateCommitter.builder().store(new S3ObjectStore(s3)).build();
        UpdateId run = nextId();
        UpdateRecord receiving = new UpdateRecord("plain_run", run, UpdateState.RECEIVING, "pipeline:/p#" + run, null, 0,
                null, T0, T0, null);
        PendingUpdate pending = plain.create(BUCKET, receiving, "a");
        List<ManifestFile> files = writeData(pending, true);
        UpdateManifest m = UpdateManifest.builder().dataset("plain_run").update(run).state(UpdateState.COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.PIPELINE, null, "p", run.toString())).createdAt(T0)
                .completedAt(T0).dataFiles(files).rowCount(2).build();
        pending.commit(m);

        assertThatThrownBy(() -> plain.create(BUCKET, receiving, "b")).isInstanceOf(IllegalTransitionException.class);
        assertThat(keys(DatasetLayout.dataPrefix("plain_run", run))).hasSize(2);
    }

    @Test
    void theRegistryRefusesMovesTheLifecycleDoesNotHave() {
        UpdateManifest raw = rawComplete("reg_moves");
        UpdateRecord record = updates.find(raw.dataset(), raw.update()).orElseThrow();
        assertThatThrownBy(() -> updates.transition(record.with(UpdateState.COMPLETE, T0).with(UpdateState.RECEIVING, T0),
                UpdateState.COMPLETE)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> updates.transition(new UpdateRecord(raw.dataset(), raw.update(), UpdateState.RECEIVING,
                null, null, 0, null, T0, T0, null), UpdateState.RAW_COMPLETE)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is raw-complete and cannot become receiving");
        assertThat(updates.find(raw.dataset(), raw.update()).orElseThrow().state()).isEqualTo(UpdateState.RAW_COMPLETE);
    }
}
