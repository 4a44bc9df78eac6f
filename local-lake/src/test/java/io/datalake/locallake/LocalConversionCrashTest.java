package io.datalake.locallake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.datalake.core.DatasetLayout;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import io.datalake.registry.commit.CommitFaults;
import io.datalake.registry.commit.CommitStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local conversion killed after each step of its commit, and in the middle of its upload (an
 * s3proxy temporary left under {@code data/<update>/}); then the restarted lake converts what is
 * pending. There is exactly one complete update, its data folder lists exactly its manifest's files,
 * and the registry agrees.
 */
class LocalConversionCrashTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:15:00Z");
    static final LakeNames NAMES = new LakeNames(Environment.builder().org("acme").name("local").region("eu-west-1").build());
    static final String BUCKET = NAMES.dataBucket(Tier.INTERNAL);
    static final String CSV = "order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country\n"
            + "1,1,2026-11-20,A,2,10.50,21.00,DE\n2,1,2026-11-21,A,3,10.50,31.50,FR\n";
    @TempDir
    static Path folder;
    static LocalLake lake;

    @BeforeAll
    static void start() {
        lake = LocalLake.start(NAMES, folder, 0, 0);
    }

    @AfterAll
    static void stop() {
        lake.close();
    }

    static final class Kill extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Kill(CommitStep step) {
            super("killed after " + step);
        }
    }

    /** Registers sales_orders under its own name and leaves one raw-complete update, as ingest does. */
    static UpdateRecord rawComplete(String dataset) throws Exception {
        String yaml = Files.readString(Path.of("..", "dataset-templates", "examples", "sales_orders.yaml"))
                .replaceFirst("(?m)^name: .*$", "name: " + dataset);
        DatasetSpec spec = DatasetFiles.parse(dataset + ".yaml", yaml);
        String json = new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        new DatasetRegistry(lake.dynamo(), NAMES).register(new DatasetRegistration(dataset, spec.tier(), spec.owner(),
                spec.description(), "local", NAMES.datasetStack(dataset), json, NOW));
        UpdateId update = UpdateId.parse("2026-11-21T101500Z-0c0c");
        lake.s3().putObject(r -> r.bucket(BUCKET).key(DatasetLayout.rawPrefix(dataset, update) + "orders.csv"),
                RequestBody.fromString(CSV));
        UpdateManifest raw = UpdateManifest.builder().dataset(dataset).update(update).state(UpdateState.RAW_COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.DROP, "drop", dataset + "/orders.csv", "e1")).createdAt(NOW)
                .rawFile(new ManifestFile("orders.csv", CSV.length(), "0".repeat(64))).build();
        lake.s3().putObject(r -> r.bucket(BUCKET).key(raw.key()), RequestBody.fromString(raw.toJson()));
        UpdateRecord record = new UpdateRecord(dataset, update, UpdateState.RAW_COMPLETE, "drop:x", raw.key(), CSV.length(),
                null, NOW, NOW, null);
        new UpdateRegistry(lake.dynamo(), NAMES).create(record);
        return record;
    }

    static LocalConverter converter(CommitFaults faults) {
        return new LocalConverter(lake, Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC), faults);
    }

    static List<String> keys(String prefix) {
        return lake.s3().listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).filter(k -> !k.endsWith("/")).sorted().toList();
    }

    static void assertOneCompleteUpdate(UpdateRecord record) {
        UpdateManifest manifest = UpdateManifest.fromJson(lake.s3().getObjectAsBytes(r -> r.bucket(BUCKET)
                .key(DatasetLayout.manifestKey(record.dataset(), record.update()))).asUtf8String());
        assertThat(manifest.state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(manifest.rowCount()).hasValue(2);
        String data = DatasetLayout.dataPrefix(record.dataset(), record.update());
        assertThat(keys(data)).isNotEmpty()
                .containsExactlyElementsOf(manifest.dataFiles().stream().map(f -> data + f.path()).sorted().toList());
        assertThat(keys(DatasetLayout.manifestPrefix(record.dataset()))).hasSize(1);
        UpdateRegistry updates = new UpdateRegistry(lake.dynamo(), NAMES);
        assertThat(updates.find(record.dataset(), record.update()).orElseThrow().state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(updates.attempt(record.dataset(), record.update())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CommitStep.class)
    void aConversionKilledAfterAnyStepIsFinishedByTheRestartedLake(CommitStep step) throws Exception {
        UpdateRecord record = rawComplete("crash_" + step.name().toLowerCase(Locale.ROOT));
        DatasetRegistration registration = new DatasetRegistry(lake.dynamo(), NAMES).find(record.dataset()).orElseThrow();

        assertThatThrownBy(() -> converter((done, m) -> {
            if (done == step) {
                throw new Kill(step);
            }
        }).convert(registration, record)).isInstanceOf(Kill.class);
        converter(CommitFaults.NONE).convertPending();

        assertOneCompleteUpdate(record);
        // Converting a complete update again does nothing.
        assertThat(converter(CommitFaults.NONE).convertPending()).isZero();
        assertOneCompleteUpdate(record);
    }

    @Test
    void aKillDuringTheUploadLeavesNoTemporaryUnderTheCompleteUpdate() throws Exception {
        UpdateRecord record = rawComplete("crash_upload");
        DatasetRegistration registration = new DatasetRegistry(lake.dynamo(), NAMES).find(record.dataset()).orElseThrow();
        assertThatThrownBy(() -> converter((done, m) -> {
            if (done == CommitStep.BEGUN) {
                throw new Kill(done);
            }
        }).convert(registration, record)).isInstanceOf(Kill.class);
        // What s3proxy leaves when the process dies while it receives a file, beside a half-written part.
        String data = DatasetLayout.dataPrefix(record.dataset(), record.update());
        lake.s3().putObject(r -> r.bucket(BUCKET).key(data + "order_date=2026-11-20/data_0.parquet-3f1e2d4c-5b6a-4789-8abc-0123456789ab"),
                RequestBody.fromString("PAR1half"));
        lake.s3().putObject(r -> r.bucket(BUCKET).key(data + "order_date=2026-11-19/data_0.parquet"), RequestBody.fromString("PAR1"));

        assertThat(converter(CommitFaults.NONE).convertPending()).isEqualTo(1);

        assertOneCompleteUpdate(record);
        assertThat(keys(data)).noneMatch(k -> k.contains("-3f1e2d4c") || k.contains("2026-11-19"));
    }
}
