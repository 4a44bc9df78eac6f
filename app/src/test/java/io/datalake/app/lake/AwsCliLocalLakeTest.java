package io.datalake.app.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.locallake.ApiServer;
import io.datalake.locallake.LocalLakeRunner;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local lake with the real AWS CLI, as a producer and a consumer use it: a 100 MB {@code cp}
 * (a multipart upload) ingested whole, {@code sync} both ways, {@code s3api head-object} and
 * {@code s3 ls}. The lake's worker runs in the background, as in {@code lake local}.
 */
class AwsCliLocalLakeTest {
    static final LakeNames NAMES = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment(LakeApp.LOCAL));
    static final String DROP = NAMES.dropBucket(Tier.INTERNAL);
    static final String DATA = NAMES.dataBucket(Tier.INTERNAL);
    static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    static Path folder;
    static LocalLakeRunner runner;
    static AwsCli aws;

    @BeforeAll
    static void start() {
        runner = LocalLakeRunner.start(NAMES, folder.resolve("lake"), new LocalLakeRunner.Ports(0, 0, 0), new LocalHandlers(),
                ApiServer.routesOf(LocalHandlers.openApi(Path.of(".."))), new PrintWriter(new StringWriter()), true);
        for (String dataset : List.of("cli_big", "cli_sync")) {
            onboardRawOnly(runner, dataset, Tier.INTERNAL, "none");
        }
        aws = new AwsCli(runner.lake().s3Endpoint(), folder.resolve("aws"));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    /** Registers a dataset without schema, whose updates are the delivered files as they are. */
    static DatasetSpec onboardRawOnly(LocalLakeRunner runner, String name, Tier tier, String compression) {
        String yaml = "name: " + name + "\ntier: " + tier.id() + "\nowner: ops@example.com\n"
                + "description: Files kept as delivered.\nformat:\n  type: csv\n  compression: " + compression + "\n";
        try {
            Path file = Files.writeString(Files.createTempFile(name, ".yaml"), yaml);
            DatasetSpec spec = DatasetFiles.load(file);
            new LocalOnboarding(runner.lake().s3(), runner.lake().dynamo(), runner.lake().names())
                    .onboard(spec, LocalOnboarding.specJson(file));
            Files.delete(file);
            return spec;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + WAIT + ": " + what);
    }

    static List<UpdateRecord> complete(String dataset) {
        return new UpdateRegistry(runner.lake().dynamo(), NAMES).inState(dataset, UpdateState.COMPLETE);
    }

    static UpdateManifest manifest(UpdateRecord record) {
        return UpdateManifest.fromJson(runner.lake().s3().getObjectAsBytes(r -> r.bucket(DATA).key(record.manifestKey()))
                .asUtf8String());
    }

    @Test
    void cpOfA100MegabyteFileIsOneMultipartUploadIngestedWhole() throws Exception {
        Path file = folder.resolve("big.bin");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 100; i++) {
                random.nextBytes(block);
                sha.update(block);
                out.write(block);
            }
        }
        String expected = HexFormat.of().formatHex(sha.digest());

        aws.run("s3", "cp", file.toString(), "s3://" + DROP + "/cli_big/2026/big.bin").ok();

        UpdateRecord update = await("the 100 MB delivery is ingested", () -> complete("cli_big").stream().findFirst().orElse(null));
        assertThat(manifest(update).rawFiles()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("big.bin");
            assertThat(f.size()).isEqualTo(100L << 20);
            assertThat(f.sha256()).isEqualTo(expected);
        });
        assertThat(complete("cli_big")).as("one delivery, one update").hasSize(1);
        String key = "cli_big/raw/" + update.update() + "/big.bin";
        assertThat(aws.run("s3api", "head-object", "--bucket", DATA, "--key", key).ok().out())
                .contains("\"ContentLength\": " + (100L << 20));
        String dropped = aws.run("s3", "ls", "--recursive", "s3://" + DROP + "/").ok().out();
        assertThat(dropped).as("no multipart part or stub was taken for a delivery, nothing quarantined")
                .doesNotContain("quarantine/").doesNotContain(".mpus-").doesNotContain("big.bin");
    }

    @Test
    void syncUploadsEveryFileAsADeliveryAndDownloadsTheLakesFiles() throws Exception {
        Path up = folder.resolve("up");
        Files.createDirectories(up.resolve("sub/deeper"));
        Files.writeString(up.resolve("a.csv"), "a\n1\n");
        Files.writeString(up.resolve("sub/b.csv"), "b\n2\n");
        Files.writeString(up.resolve("sub/deeper/c d é.csv"), "c\n3\n");

        aws.run("s3", "sync", up.toString(), "s3://" + DROP + "/cli_sync/2026-12-04/").ok();
        await("three updates", () -> complete("cli_sync").size() == 3 ? true : null);

        assertThat(aws.run("s3", "ls", "s3://" + DATA + "/cli_sync/raw/").ok().out().lines())
                .hasSize(3).allMatch(line -> line.trim().startsWith("PRE "));
        Path down = folder.resolve("down");
        // The whole dataset folder: its placeholder object and the folders s3proxy keeps must not break the download.
        aws.run("s3", "sync", "s3://" + DATA + "/cli_sync", down.toString()).ok();
        try (Stream<Path> files = Files.walk(down.resolve("raw"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("a.csv", "b.csv", "c d é.csv");
        }
        try (Stream<Path> manifests = Files.list(down.resolve("updates"))) {
            assertThat(manifests).hasSize(3);
        }
        for (UpdateRecord record : complete("cli_sync")) {
            ManifestFile raw = manifest(record).rawFiles().get(0);
            Path local = down.resolve("raw").resolve(record.update().toString()).resolve(raw.path());
            assertThat(Files.size(local)).isEqualTo(raw.size());
        }
        assertThat(Files.readString(down.resolve("raw").resolve(complete("cli_sync").stream()
                .filter(r -> manifest(r).rawFiles().get(0).path().equals("c d é.csv")).findFirst().orElseThrow()
                .update().toString()).resolve("c d é.csv"))).isEqualTo("c\n3\n");
    }
}
