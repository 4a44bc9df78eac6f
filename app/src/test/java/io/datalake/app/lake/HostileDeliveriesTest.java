package io.datalake.app.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.locallake.ApiServer;
import io.datalake.locallake.LocalLakeRunner;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A corpus of hostile deliveries, each run through the local lake as a producer would deliver it
 * (drop bucket, watcher, ingest handler), each with its defined outcome: ingested under a stated
 * name, quarantined with a stated reason, refused (a failed update, and quarantined), ignored, or
 * refused by the local S3 at upload. After each, a good file dropped behind it must complete:
 * nothing hostile stalls the lake. The README's table of bad deliveries is this corpus in short.
 */
class HostileDeliveriesTest {
    static final LakeNames NAMES = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment(LakeApp.LOCAL));
    static final String DROP = NAMES.dropBucket(Tier.INTERNAL);
    static final String DATA = NAMES.dataBucket(Tier.INTERNAL);
    static final AtomicInteger GOOD = new AtomicInteger();

    @TempDir
    static Path folder;
    static LocalLakeRunner runner;
    static S3Client s3;

    @BeforeAll
    static void start() {
        runner = LocalLakeRunner.start(NAMES, folder, new LocalLakeRunner.Ports(0, 0, 0), new LocalHandlers(),
                ApiServer.routesOf(LocalHandlers.openApi(Path.of(".."))), new PrintWriter(new StringWriter()), false);
        s3 = runner.lake().s3();
        AwsCliLocalLakeTest.onboardRawOnly(runner, "hostile_plain", Tier.INTERNAL, "none");
        AwsCliLocalLakeTest.onboardRawOnly(runner, "hostile_gz", Tier.INTERNAL, "gzip");
        AwsCliLocalLakeTest.onboardRawOnly(runner, "hostile_zip", Tier.INTERNAL, "zip");
        AwsCliLocalLakeTest.onboardRawOnly(runner, "hostile_good", Tier.INTERNAL, "none");
        AwsCliLocalLakeTest.onboardRawOnly(runner, "hostile_restricted", Tier.RESTRICTED, "none");
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    /** What becomes of a delivery. */
    sealed interface Outcome permits Ingested, Quarantined, Refused, Ignored, UploadRefused {
    }

    /** A complete update whose raw files are these paths. */
    record Ingested(List<String> paths) implements Outcome {
    }

    /** Moved to {@code quarantine/<key>} with the reason beside it; no update. */
    record Quarantined(String reason) implements Outcome {
    }

    /** A failed update with the reason, and the file quarantined with it. */
    record Refused(String reason) implements Outcome {
    }

    /** Left where it is: a folder placeholder, or the quarantine itself. */
    record Ignored() implements Outcome {
    }

    /** The local S3 answers the upload with this status, so nothing reaches the lake. */
    record UploadRefused(int status) implements Outcome {
    }

    static Arguments hostile(String description, String key, byte[] content, Outcome outcome) {
        return Arguments.of(description, key, content, outcome);
    }

    static Ingested ingested(String... paths) {
        return new Ingested(List.of(paths));
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> corpus() {
        byte[] csv = text("id,name\n1,a\n");
        return Stream.of(
                // Control characters: valid in S3 keys, not in XML listings or in the lake's file names.
                hostile("SOH in the file name", "hostile_plain/a\u0001b.csv", csv, new Quarantined("control character U+0001")),
                hostile("tab in the file name", "hostile_plain/tab\there.csv", csv, new Quarantined("control character U+0009")),
                hostile("newline in the file name", "hostile_plain/nl\nhere.csv", csv, new Quarantined("control character U+000A")),
                hostile("carriage return", "hostile_plain/cr\rhere.csv", csv, new Quarantined("control character U+000D")),
                hostile("escape sequence", "hostile_plain/esc\u001b[31mred.csv", csv, new Quarantined("control character U+001B")),
                hostile("DEL", "hostile_plain/del\u007f.csv", csv, new Quarantined("control character U+007F")),
                hostile("control character in a middle folder", "hostile_plain/2026\u0002/x.csv", csv,
                        new Quarantined("control character U+0002")),
                hostile("control character in the dataset folder", "hostile\u0001plain/x.csv", csv,
                        new Quarantined("is not a dataset name")),
                // Spaces and unicode: kept as they are.
                hostile("spaces", "hostile_plain/with  two spaces .csv", csv, ingested("with  two spaces .csv")),
                hostile("accents", "hostile_plain/é ü ß ø.csv", csv, ingested("é ü ß ø.csv")),
                hostile("CJK", "hostile_plain/売上データ.csv", csv, ingested("売上データ.csv")),
                hostile("emoji (4-byte UTF-8)", "hostile_plain/orders 😀.csv", csv, ingested("orders 😀.csv")),
                hostile("literal plus and percent", "hostile_plain/a+b%20c%zz.csv", csv, ingested("a+b%20c%zz.csv")),
                hostile("right-to-left override", "hostile_plain/invoice\u202Evsc.exe", csv, ingested("invoice\u202Evsc.exe")),
                hostile("zero-width space", "hostile_plain/zero\u200Bwidth.csv", csv, ingested("zero\u200Bwidth.csv")),
                hostile("quotes and shell characters", "hostile_plain/'; rm -rf $HOME; \"`x`\".csv", csv,
                        ingested("'; rm -rf $HOME; \"`x`\".csv")),
                hostile("brackets and wildcards", "hostile_plain/[a]*?{b}.csv", csv, ingested("[a]*?{b}.csv")),
                // Folders.
                hostile("nested date folders", "hostile_plain/2026/12/04/orders.csv", csv, ingested("orders.csv")),
                hostile("deeply nested", "hostile_plain/" + "d/".repeat(60) + "deep.csv", csv, ingested("deep.csv")),
                hostile("a 1,000-byte key", "hostile_plain/" + "folder/".repeat(140) + "long.csv", csv, ingested("long.csv")),
                hostile("only the dataset folder (the placeholder deploy-dataset writes)", "hostile_plain/", null, new Ignored()),
                hostile("a folder placeholder", "hostile_plain/2026/", new byte[0], new Ignored()),
                hostile("a key under quarantine/", "quarantine/hostile_plain/x.csv", csv, new Ignored()),
                // Keys that name no dataset, or the wrong one.
                hostile("bucket root", "orders.csv", csv, new Quarantined("names no dataset")),
                hostile("bucket root, gzip", "orders.csv.gz", gzip(csv), new Quarantined("names no dataset")),
                hostile("folder that is no dataset name", "Sales Orders/x.csv", csv, new Quarantined("is not a dataset name")),
                hostile("upper-case dataset", "HOSTILE_PLAIN/x.csv", csv, new Quarantined("is not a dataset name")),
                hostile("unregistered dataset", "nobody_registered/x.csv", csv, new Quarantined("is not registered")),
                hostile("dataset of another tier", "hostile_restricted/x.csv", csv, new Quarantined("is in tier restricted")),
                hostile("a 1,017-byte key of no dataset", "nobody_registered/" + "f/".repeat(497) + "x.csv", csv,
                        new Quarantined("is not registered")),
                // Traversal and names file systems or Spark read differently.
                hostile("'..' segment", "hostile_plain/../x.csv", csv, new UploadRefused(400)),
                hostile("leading '..'", "../hostile_plain/x.csv", csv, new UploadRefused(400)),
                hostile("a key ending in /.gz", "hostile_gz/.gz", gzip(csv), new Quarantined("is hidden")),
                hostile("a key ending in /.csv", "hostile_plain/2026/.csv", csv, new Quarantined("is hidden")),
                hostile(".DS_Store", "hostile_plain/.DS_Store", csv, new Quarantined("is hidden")),
                hostile("'..' inside the name", "hostile_plain/a..b.csv", csv, new Quarantined("holds '..' or '\\'")),
                hostile("backslash traversal in the name", "hostile_plain/..\\..\\x.csv", csv, new Quarantined("is hidden")),
                hostile("backslash in the name", "hostile_plain/a\\b.csv", csv, new Quarantined("holds '..' or '\\'")),
                hostile("a 200-byte file name", "hostile_plain/" + "n".repeat(196) + ".csv", csv,
                        ingested("n".repeat(196) + ".csv")),
                hostile("a 250-byte file name (s3proxy's temporary name passes 255)", "hostile_plain/" + "n".repeat(246) + ".csv",
                        csv, new UploadRefused(500)),
                // Contents.
                hostile("empty file", "hostile_plain/empty.csv", new byte[0], ingested("empty.csv")),
                hostile("zip content in a plain dataset", "hostile_plain/x.zip", zip(Map.of("a.csv", csv)), ingested("x.zip")),
                hostile("zero-byte gzip", "hostile_gz/empty.csv.gz", new byte[0], new Refused("is not a gzip file: it is empty")),
                hostile("gzip of nothing", "hostile_gz/nothing.csv.gz", gzip(new byte[0]), ingested("nothing.csv")),
                hostile("text named .gz", "hostile_gz/plain.csv.gz", csv, new Refused("is not a gzip file")),
                hostile("zip named .gz", "hostile_gz/zip.csv.gz", zip(Map.of("a.csv", csv)), new Refused("is not a gzip file")),
                hostile("truncated gzip", "hostile_gz/cut.csv.gz", Arrays.copyOf(gzip(csv), 15), new Refused("truncated gzip")),
                hostile("gzip without .gz", "hostile_gz/orders.csv", gzip(csv), ingested("orders.csv")),
                hostile("gzip named .gz.gz", "hostile_gz/x.csv.gz.gz", gzip(csv), ingested("x.csv.gz")),
                hostile("gzip bomb", "hostile_gz/bomb.csv.gz", gzip(new byte[20 << 20]), new Refused("zip bomb")),
                hostile("compressible gzip within the limits", "hostile_gz/zeros.csv.gz", gzip(new byte[900 << 10]),
                        ingested("zeros.csv")),
                hostile("zip with one file", "hostile_zip/one.zip", zip(Map.of("a.csv", csv)), ingested("a.csv")),
                hostile("zip with folders", "hostile_zip/tree.zip", zip(entries("dir/", null, "dir/sub/b.csv", csv, "c.csv", csv)),
                        ingested("dir/sub/b.csv", "c.csv")),
                hostile("zip slip", "hostile_zip/slip.zip", zip(Map.of("../../evil.csv", csv)), new Refused("path traversal")),
                hostile("zip slip with backslashes", "hostile_zip/win.zip", zip(Map.of("..\\evil.csv", csv)),
                        new Refused("path traversal")),
                hostile("zip with an absolute path", "hostile_zip/abs.zip", zip(Map.of("/etc/cron.d/x", csv)),
                        new Refused("absolute path")),
                hostile("zip with a drive letter", "hostile_zip/drive.zip", zip(Map.of("C:\\x.csv", csv)),
                        new Refused("absolute path")),
                hostile("zip entry with a control character", "hostile_zip/ctrl.zip", zip(Map.of("a\u0001.csv", csv)),
                        new Refused("control characters")),
                hostile("zip with a name twice", "hostile_zip/twice.zip", zipTwice("a.csv", csv), new Refused("twice")),
                hostile("empty zip", "hostile_zip/empty.zip", zip(Map.of()), new Refused("holds no files")),
                hostile("zero-byte zip", "hostile_zip/zero.zip", new byte[0], new Refused("holds no files")),
                hostile("text named .zip", "hostile_zip/text.zip", csv, new Refused("holds no files")),
                hostile("nested zip", "hostile_zip/outer.zip", zip(Map.of("inner.zip", zip(Map.of("a.csv", csv)))),
                        ingested("inner.zip")),
                hostile("zip bomb", "hostile_zip/bomb.zip", zip(Map.of("zeros.csv", new byte[20 << 20])), new Refused("zip bomb")),
                hostile("gzip in a zip dataset", "hostile_zip/x.csv.gz", gzip(csv), new Refused("holds no files")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachHostileDeliveryHasItsOutcomeAndNothingStalls(String description, String key, byte[] content, Outcome outcome)
            throws Exception {
        if (outcome instanceof UploadRefused refused) {
            // s3proxy answers with the status, or closes the connection while the body is still being sent.
            assertThatThrownBy(() -> put(key, content)).isInstanceOfSatisfying(SdkException.class, e -> {
                if (e instanceof S3Exception s3Error) {
                    assertThat(s3Error.statusCode()).isEqualTo(refused.status());
                } else {
                    assertThat(e).hasMessageContaining("Unexpected end of file from server");
                }
            });
            assertThat(s3.listObjectsV2(r -> r.bucket(DROP).encodingType("url")).contents()).as("nothing was stored")
                    .noneMatch(o -> !o.key().startsWith("quarantine/") && o.key().endsWith(key.substring(key.lastIndexOf('/') + 1)));
            runner.process();
            assertGoodFileStillFlows();
            return;
        }
        String etag = content == null ? s3.headObject(r -> r.bucket(DROP).key(key)).eTag() : put(key, content);
        runner.process();
        assertGoodFileStillFlows();
        if (outcome instanceof Ingested ingested) {
            UpdateRecord update = update(key, etag).orElseThrow(() -> new AssertionError("no update for " + key));
            assertThat(update.state()).isEqualTo(UpdateState.COMPLETE);
            UpdateManifest manifest = manifest(update);
            assertThat(manifest.rawFiles()).extracting(ManifestFile::path).containsExactlyInAnyOrderElementsOf(ingested.paths());
            if (key.startsWith("hostile_plain/")) { // stored as delivered
                assertThat(manifest.rawFiles().get(0).sha256()).isEqualTo(sha256(content));
            }
            assertThat(exists(DROP, key)).as("the ingest took the file").isFalse();
            assertThat(exists(DROP, "quarantine/" + key)).isFalse();
        } else if (outcome instanceof Quarantined quarantined) {
            assertQuarantined(key, content, quarantined.reason());
            assertThat(update(key, etag)).as("no update").isEmpty();
        } else if (outcome instanceof Refused refused) {
            UpdateRecord update = update(key, etag).orElseThrow(() -> new AssertionError("no update for " + key));
            assertThat(update.state()).isEqualTo(UpdateState.FAILED);
            assertThat(update.error()).contains(refused.reason());
            assertThat(s3.listObjectsV2(r -> r.bucket(DATA).prefix(update.dataset() + "/raw/" + update.update() + "/"))
                    .contents()).as("nothing of a refused update is written").isEmpty();
            assertQuarantined(key, content, refused.reason());
        } else {
            assertThat(exists(DROP, key)).as("left where it is").isTrue();
            assertThat(update(key, etag)).isEmpty();
            assertThat(exists(DROP, "quarantine/" + key + ".reason.txt")).isFalse();
        }
    }

    @Test
    void theSameFileDroppedAgainAfterItsIngestIsADuplicateRemovedFromTheDropBucket() throws Exception {
        String key = "hostile_plain/again.csv";
        String etag = put(key, text("same\n"));
        processUntil(() -> update(key, etag).isPresent() && !exists(DROP, key));
        put(key, text("same\n"));
        processUntil(() -> !exists(DROP, key));
        assertThat(updates("hostile_plain").stream().filter(r -> r.deliveryKey().startsWith("drop:" + DROP + "/" + key + "#")))
                .as("one update").hasSize(1);
        assertThat(logs("ingest.log")).anyMatch(l -> l.contains("\"duplicate\"") && l.contains("again.csv")
                && l.contains("the dropped object was removed"));
        assertGoodFileStillFlows();
    }

    @Test
    void twoUploadsOfOneKeyBackToBackAreTwoUpdatesNeitherLost() throws Exception {
        String key = "hostile_plain/twice.csv";
        put(key, text("first\n"));
        // The second upload waits in the local S3 until the watcher's ingest has taken the first.
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> put(key, text("second\n")));
        processUntil(second::isDone);
        processUntil(() -> contentsOf(key).size() == 2);
        assertThat(contentsOf(key)).containsExactlyInAnyOrder("first\n", "second\n");
    }

    @Test
    void concurrentUploadsOfOneKeyAreEachIngested() throws Exception {
        String key = "hostile_plain/race.csv";
        List<CompletableFuture<String>> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String content = "writer " + i + "\n";
            writers.add(CompletableFuture.supplyAsync(() -> put(key, text(content))));
        }
        processUntil(() -> writers.stream().allMatch(CompletableFuture::isDone) && contentsOf(key).size() == 4);
        assertThat(contentsOf(key)).containsExactlyInAnyOrder("writer 0\n", "writer 1\n", "writer 2\n", "writer 3\n");
    }

    @Test
    void theSameContentUnderTwoKeysIsTwoUpdates() throws Exception {
        String a = put("hostile_plain/copy-a.csv", text("same\n"));
        String b = put("hostile_plain/copy-b.csv", text("same\n"));
        processUntil(() -> update("hostile_plain/copy-a.csv", a).isPresent() && update("hostile_plain/copy-b.csv", b).isPresent());
        assertThat(update("hostile_plain/copy-a.csv", a).orElseThrow().update())
                .isNotEqualTo(update("hostile_plain/copy-b.csv", b).orElseThrow().update());
    }

    @Test
    void anUnfinishedMultipartUploadIsNoDeliveryAndAFinishedOneIs() throws Exception {
        String key = "hostile_plain/multipart.bin";
        String upload = s3.createMultipartUpload(r -> r.bucket(DROP).key(key)).uploadId();
        byte[] part1 = new byte[5 << 20];
        Arrays.fill(part1, (byte) 'x');
        String etag1 = s3.uploadPart(r -> r.bucket(DROP).key(key).uploadId(upload).partNumber(1), RequestBody.fromBytes(part1))
                .eTag();
        runner.process();
        assertGoodFileStillFlows();
        assertThat(s3.listObjectsV2(r -> r.bucket(DROP).prefix("quarantine/")).contents())
                .as("no part or stub of the upload was quarantined").noneMatch(o -> o.key().contains(upload));
        String etag2 = s3.uploadPart(r -> r.bucket(DROP).key(key).uploadId(upload).partNumber(2), RequestBody.fromString("end"))
                .eTag();
        String etag = s3.completeMultipartUpload(r -> r.bucket(DROP).key(key).uploadId(upload).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                CompletedPart.builder().partNumber(2).eTag(etag2).build()))).eTag();
        processUntil(() -> update(key, etag).isPresent());
        assertThat(manifest(update(key, etag).orElseThrow()).rawFiles()).singleElement()
                .satisfies(f -> assertThat(f.size()).isEqualTo((5 << 20) + 3L));
    }

    // --- helpers

    static String put(String key, byte[] content) {
        return s3.putObject(r -> r.bucket(DROP).key(key), RequestBody.fromBytes(content)).eTag();
    }

    static boolean exists(String bucket, String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    static List<UpdateRecord> updates(String dataset) {
        return new UpdateRegistry(runner.lake().dynamo(), NAMES).page(dataset, 1000, null).items();
    }

    /** The update of the delivery of this key with this ETag (the local lake's version of an object). */
    static Optional<UpdateRecord> update(String key, String etag) {
        String dataset = key.contains("/") ? key.substring(0, key.indexOf('/')) : "";
        if (!dataset.matches("[a-z][a-z0-9_]*")) {
            return Optional.empty();
        }
        String deliveryKey = "drop:" + DROP + "/" + key + "#" + etag.replace("\"", "");
        return updates(dataset).stream().filter(r -> r.deliveryKey().equals(deliveryKey)).findFirst();
    }

    static UpdateManifest manifest(UpdateRecord record) {
        return UpdateManifest.fromJson(s3.getObjectAsBytes(r -> r.bucket(DATA).key(record.manifestKey())).asUtf8String());
    }

    /** The contents of every complete update delivered under this key. */
    static List<String> contentsOf(String key) {
        List<String> contents = new ArrayList<>();
        for (UpdateRecord r : updates(key.substring(0, key.indexOf('/')))) {
            if (r.deliveryKey().startsWith("drop:" + DROP + "/" + key + "#") && r.state() == UpdateState.COMPLETE) {
                ManifestFile file = manifest(r).rawFiles().get(0);
                contents.add(s3.getObjectAsBytes(g -> g.bucket(DATA).key(r.dataset() + "/raw/" + r.update() + "/" + file.path()))
                        .asUtf8String());
            }
        }
        return contents;
    }

    static void assertQuarantined(String key, byte[] content, String reason) {
        assertThat(exists(DROP, key)).as("moved out of the way").isFalse();
        String target = "quarantine/" + key;
        if ((target + ".reason.txt").getBytes(StandardCharsets.UTF_8).length > 1024) {
            target = s3.listObjectsV2(r -> r.bucket(DROP).prefix("quarantine/" + key.substring(0, 40)).encodingType("url"))
                    .contents().stream().map(o -> o.key()).filter(k -> !k.endsWith(".reason.txt")).findFirst().orElseThrow();
        }
        String quarantined = target;
        assertThat(s3.getObjectAsBytes(r -> r.bucket(DROP).key(quarantined)).asByteArray()).isEqualTo(content);
        assertThat(s3.getObjectAsBytes(r -> r.bucket(DROP).key(quarantined + ".reason.txt")).asUtf8String()).contains(reason);
    }

    /** A good file dropped now is ingested within a few rounds: the hostile one stalls nothing. */
    static void assertGoodFileStillFlows() {
        String key = "hostile_good/after-" + GOOD.incrementAndGet() + ".csv";
        String etag = put(key, text("ok\n"));
        processUntil(() -> update(key, etag).filter(r -> r.state() == UpdateState.COMPLETE).isPresent());
    }

    static void processUntil(BooleanSupplier done) {
        for (int round = 0; round < 50 && !done.getAsBoolean(); round++) {
            runner.process();
            if (!done.getAsBoolean()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(done.getAsBoolean()).as("done within 50 rounds").isTrue();
    }

    static List<String> logs(String name) throws IOException {
        return java.nio.file.Files.readAllLines(folder.resolve("logs").resolve(name));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> entries(Object... namesAndContents) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            entries.put((String) namesAndContents[i], (byte[]) namesAndContents[i + 1]);
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() != null) {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip holding the same name twice, which ZipOutputStream refuses to write: its second entry renamed in the bytes. */
    static byte[] zipTwice(String name, byte[] content) {
        String other = name.replace('a', 'A');
        byte[] bytes = zip(entries(name, content, other, content));
        byte[] from = other.getBytes(StandardCharsets.UTF_8);
        byte[] to = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, i, to.length);
            }
        }
        return bytes;
    }
}
