package io.datalake.lambdas.ingest;

import static io.datalake.lambdas.ingest.TestLake.files;
import static io.datalake.lambdas.ingest.TestLake.gzip;
import static io.datalake.lambdas.ingest.TestLake.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.DatasetLayout;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.IngestRequest;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.lambdas.ingest.exceptions.UnknownDropBucketException;
import io.datalake.registry.DeliveryLedger;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import io.datalake.registry.commit.S3ObjectStore;
import io.datalake.registry.commit.UpdateCommitter;
import io.datalake.registry.commit.UpdateFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The ingest steps against s3proxy and DynamoDB Local: what lands in raw/, the manifest, the registry. */
class IngestorTest {
    static final String ORDERS = """
            order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country
            1001,1,2026-11-20,SKU-1,2,9.99,19.98,DE
            1001,2,2026-11-20,SKU-7,1,24.50,24.50,DE
            1002,1,2026-11-21,SKU-3,5,1.20,6.00,FR
            """;

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

    @Test
    void gzipDeliveryBecomesOneRawCompleteUpdateAndIsHandedToTheConversion() {
        lake.register("sales_orders.yaml", "orders_gz");
        byte[] csv = ORDERS.getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.INTERNAL, "orders_gz/incoming/orders-2026-11-21.csv.gz", gzip(csv));

        Outcome outcome = lake.ingestor().ingest(delivery);

        assertThat(outcome.status()).isEqualTo(Outcome.Status.INGESTED);
        assertThat(outcome.state()).isEqualTo(UpdateState.RAW_COMPLETE);
        UpdateManifest manifest = lake.assertSingleUpdate("orders_gz", Tier.INTERNAL, UpdateState.RAW_COMPLETE,
                files("orders-2026-11-21.csv", csv));
        assertThat(manifest.update()).isEqualTo(outcome.update());
        assertThat(manifest.completedAt()).isEmpty();
        assertThat(manifest.source()).isEqualTo(new UpdateSource(UpdateSource.Kind.DROP, delivery.bucket(), delivery.key(),
                delivery.sequencer()));
        assertThat(lake.exists(delivery.bucket(), delivery.key())).isFalse();
        assertThat(lake.trigger.received()).contains(new RawComplete("orders_gz", outcome.update(), Tier.INTERNAL,
                lake.names.dataBucket(Tier.INTERNAL), DatasetLayout.manifestKey("orders_gz", outcome.update())));
        DeliveryLedger.Claim claim = new DeliveryLedger(lake.dynamo, lake.names).claim(delivery.deliveryKey(), "orders_gz",
                UpdateId.parse("2000-01-01T000000Z-0000"), Instant.now());
        assertThat(claim.done()).isTrue();
        assertThat(claim.update()).isEqualTo(outcome.update());
    }

    @Test
    void zipDeliveryUnpacksEveryFileKeepingItsFolders() {
        lake.register("hr_employees.yaml", "hr_zip");
        byte[] employees = "employee_key;month;org_unit\nE1;2026-11-01;OU-1\nE2;2026-11-01;OU-2\n".getBytes(StandardCharsets.UTF_8);
        byte[] units = "org_unit;name\nOU-1;Finance\n".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("export/", null);
        entries.put("export/employees.csv", employees);
        entries.put("./units.csv", units);
        Delivery delivery = lake.drop(Tier.SENSITIVE, "hr_zip/2026-11.zip", zip(entries));

        Outcome outcome = lake.ingestor().ingest(delivery);

        assertThat(outcome.status()).isEqualTo(Outcome.Status.INGESTED);
        assertThat(outcome.files()).hasSize(2);
        lake.assertSingleUpdate("hr_zip", Tier.SENSITIVE, UpdateState.RAW_COMPLETE,
                files("export/employees.csv", employees, "units.csv", units));
        assertThat(lake.exists(delivery.bucket(), delivery.key())).isFalse();
    }

    @Test
    void plainFileOfADatasetWithoutSchemaIsCopiedAndCompleteAtOnce() {
        lake.registerRawOnly("ops_plain", Tier.RESTRICTED, "none");
        byte[] content = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.RESTRICTED, "ops_plain/day/events.csv", content);
        int handedOff = lake.trigger.received().size();

        Outcome outcome = lake.ingestor().ingest(delivery);

        assertThat(outcome.state()).isEqualTo(UpdateState.COMPLETE);
        UpdateManifest manifest = lake.assertSingleUpdate("ops_plain", Tier.RESTRICTED, UpdateState.COMPLETE,
                files("events.csv", content));
        assertThat(manifest.completedAt()).isPresent();
        assertThat(lake.exists(delivery.bucket(), delivery.key())).isFalse();
        assertThat(lake.trigger.received()).hasSize(handedOff); // nothing to convert
    }

    @Test
    void theSameEventTwiceMakesOneUpdate() {
        lake.register("sales_orders.yaml", "orders_twice");
        byte[] csv = ORDERS.getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.INTERNAL, "orders_twice/orders.csv.gz", gzip(csv));
        Ingestor ingestor = lake.ingestor();

        Outcome first = ingestor.ingest(delivery);
        Outcome second = ingestor.ingest(delivery);

        assertThat(second.status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(second.update()).isEqualTo(first.update());
        lake.assertSingleUpdate("orders_twice", Tier.INTERNAL, UpdateState.RAW_COMPLETE, files("orders.csv", csv));
    }

    @Test
    void aNewUploadOfTheSameKeyIsANewUpdate() {
        lake.registerRawOnly("ops_again", Tier.INTERNAL, "none");
        Ingestor ingestor = lake.ingestor();
        Outcome first = ingestor.ingest(lake.drop(Tier.INTERNAL, "ops_again/x.csv", "one\n".getBytes(StandardCharsets.UTF_8)));
        Outcome second = ingestor.ingest(lake.drop(Tier.INTERNAL, "ops_again/x.csv", "two\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(second.status()).isEqualTo(Outcome.Status.INGESTED);
        assertThat(second.update()).isNotEqualTo(first.update());
        assertThat(lake.updates("ops_again")).hasSize(2).allMatch(r -> r.state() == UpdateState.COMPLETE);
    }

    @Test
    void anEventForAKeyWrittenAgainSinceIsLeftToTheNewerEvent() {
        lake.registerRawOnly("ops_superseded", Tier.INTERNAL, "none");
        Delivery older = lake.drop(Tier.INTERNAL, "ops_superseded/x.csv", "old\n".getBytes(StandardCharsets.UTF_8));
        Delivery newer = lake.drop(Tier.INTERNAL, "ops_superseded/x.csv", "new\n".getBytes(StandardCharsets.UTF_8));
        Ingestor ingestor = lake.ingestor();

        assertThat(ingestor.ingest(older).status()).isEqualTo(Outcome.Status.IGNORED);
        assertThat(ingestor.ingest(newer).status()).isEqualTo(Outcome.Status.INGESTED);

        lake.assertSingleUpdate("ops_superseded", Tier.INTERNAL, UpdateState.COMPLETE, files("x.csv", "new\n"));
    }

    @Test
    void largePlainFilesAreCopiedInPartsAboveTheThreshold() {
        lake.registerRawOnly("ops_big", Tier.INTERNAL, "none");
        byte[] big = new byte[12 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        byte[] small = "under the threshold\n".getBytes(StandardCharsets.UTF_8);
        IngestLimits limits = IngestLimits.builder().multipartCopyThreshold(6L << 20).copyPartSize(5L << 20).build();
        Ingestor ingestor = Ingestor.builder().s3(lake.s3).dynamo(lake.dynamo).names(lake.names).trigger(lake.trigger)
                .limits(limits).build();

        Outcome bigOutcome = ingestor.ingest(lake.drop(Tier.INTERNAL, "ops_big/big.bin", big));
        Outcome smallOutcome = ingestor.ingest(lake.drop(Tier.INTERNAL, "ops_big/small.bin", small));

        String bucket = lake.names.dataBucket(Tier.INTERNAL);
        String bigKey = DatasetLayout.rawPrefix("ops_big", bigOutcome.update()) + "big.bin";
        // s3proxy, like S3, gives a multipart object the ETag "<hash>-<parts>": 5 + 5 + 2 MiB.
        assertThat(lake.s3.headObject(r -> r.bucket(bucket).key(bigKey)).eTag()).endsWith("-3\"");
        assertThat(lake.read(bucket, bigKey)).isEqualTo(big);
        assertThat(bigOutcome.files().get(0).sha256()).isEqualTo(TestLake.sha256(big));
        String smallKey = DatasetLayout.rawPrefix("ops_big", smallOutcome.update()) + "small.bin";
        assertThat(lake.s3.headObject(r -> r.bucket(bucket).key(smallKey)).eTag()).doesNotContain("-");
    }

    @Test
    void largeUnpackedFilesAreUploadedInParts() {
        lake.register("sales_orders.yaml", "orders_parts");
        byte[] big = new byte[11 * 1024 * 1024];
        new Random(11).nextBytes(big);
        IngestLimits limits = IngestLimits.builder().uploadPartSize(5 << 20).build();
        Ingestor ingestor = lake.ingestor(limits, Faults.NONE);

        Outcome outcome = ingestor.ingest(lake.drop(Tier.INTERNAL, "orders_parts/big.csv.gz", gzip(big)));

        lake.assertSingleUpdate("orders_parts", Tier.INTERNAL, UpdateState.RAW_COMPLETE, files("big.csv", big));
        String key = DatasetLayout.rawPrefix("orders_parts", outcome.update()) + "big.csv";
        assertThat(lake.s3.headObject(r -> r.bucket(lake.names.dataBucket(Tier.INTERNAL)).key(key)).eTag()).endsWith("-3\"");
    }

    @Test
    void zipSlipIsRefusedWithNothingLeftInRawAndTheArchiveQuarantined() {
        lake.register("hr_employees.yaml", "hr_slip");
        byte[] archive = zip(files("good.csv", "a;b\n", "../../escaped.csv", "x;y\n"));
        Delivery delivery = lake.drop(Tier.SENSITIVE, "hr_slip/export.zip", archive);

        Outcome outcome = lake.ingestor().ingest(delivery);

        assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(outcome.reason()).contains("'../../escaped.csv'").contains("path traversal");
        assertRefused("hr_slip", Tier.SENSITIVE, delivery, archive, "path traversal");
    }

    @Test
    void absoluteAndWindowsTraversalPathsAreRefused() {
        lake.register("hr_employees.yaml", "hr_abs");
        Delivery absolute = lake.drop(Tier.SENSITIVE, "hr_abs/a.zip", zip(files("/etc/passwd", "root")));
        Delivery windows = lake.drop(Tier.SENSITIVE, "hr_abs/b.zip", zip(files("..\\..\\boot.ini", "x")));

        assertThat(lake.ingestor().ingest(absolute).reason()).contains("absolute path");
        assertThat(lake.ingestor().ingest(windows).reason()).contains("path traversal");
        assertThat(lake.keys(lake.names.dataBucket(Tier.SENSITIVE), "hr_abs/raw/")).isEmpty();
    }

    @Test
    void zipBombIsRefusedByItsExpansionRatio() {
        lake.register("hr_employees.yaml", "hr_bomb");
        byte[] archive = zip(files("zeros.csv", new byte[24 * 1024 * 1024]));
        assertThat(archive.length).isLessThan(100_000);
        Delivery delivery = lake.drop(Tier.SENSITIVE, "hr_bomb/bomb.zip", archive);
        // A ratio that allows more than one 5 MiB part, so the bomb is caught inside a multipart upload,
        // which must be aborted without leaving parts behind.
        IngestLimits limits = IngestLimits.builder().uploadPartSize(5 << 20).maxExpansionRatio(400).build();
        assertThat(limits.allowedExpansion(archive.length)).isGreaterThan(5 << 20);
        Ingestor ingestor = lake.ingestor(limits, Faults.NONE);

        Outcome outcome = ingestor.ingest(delivery);

        assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(outcome.reason()).contains("zip bomb").contains("400 times its size of " + archive.length + " bytes");
        assertRefused("hr_bomb", Tier.SENSITIVE, delivery, archive, "zip bomb");
    }

    @Test
    void archivesBeyondTheTotalLimitAreRefused() {
        lake.register("sales_orders.yaml", "orders_total");
        byte[] text = new byte[4000];
        new Random(3).nextBytes(text);
        byte[] gz = gzip(text);
        Delivery delivery = lake.drop(Tier.INTERNAL, "orders_total/o.csv.gz", gz);

        Outcome outcome = lake.ingestor(IngestLimits.builder().maxExpandedBytes(1000).build(), Faults.NONE).ingest(delivery);

        assertThat(outcome.reason()).isEqualTo("the delivery unpacks to more than 1000 bytes, the limit per delivery"
                + " (LAKE_MAX_EXPANDED_BYTES)");
        assertRefused("orders_total", Tier.INTERNAL, delivery, gz, "LAKE_MAX_EXPANDED_BYTES");
    }

    @Test
    void aFileThatIsNotGzipIsRefused() {
        lake.register("sales_orders.yaml", "orders_notgz");
        byte[] csv = ORDERS.getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.INTERNAL, "orders_notgz/o.csv.gz", csv);

        Outcome outcome = lake.ingestor().ingest(delivery);

        assertThat(outcome.reason()).startsWith("'o.csv.gz' is not a gzip file");
        assertRefused("orders_notgz", Tier.INTERNAL, delivery, csv, "not a gzip file");
    }

    @Test
    void aRefusedDeliveryDeliveredAgainStaysRefused() {
        lake.register("hr_employees.yaml", "hr_refused_twice");
        Delivery delivery = lake.drop(Tier.SENSITIVE, "hr_refused_twice/x.zip", zip(files("../x.csv", "x")));
        Ingestor ingestor = lake.ingestor();
        Outcome first = ingestor.ingest(delivery);

        Outcome second = ingestor.ingest(delivery);

        assertThat(second.status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(second.update()).isEqualTo(first.update());
        assertThat(lake.updates("hr_refused_twice")).hasSize(1);
    }

    private static void assertRefused(String dataset, Tier tier, Delivery delivery, byte[] original, String reason) {
        lake.assertNothingWritten(dataset, tier);
        assertThat(lake.updates(dataset)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(UpdateState.FAILED);
            assertThat(r.error()).contains(reason);
        });
        assertQuarantined(delivery, original, reason);
    }

    private static void assertQuarantined(Delivery delivery, byte[] original, String reason) {
        String target = Quarantine.keyOf(delivery.key());
        assertThat(lake.exists(delivery.bucket(), delivery.key())).isFalse();
        assertThat(lake.read(delivery.bucket(), target)).isEqualTo(original);
        assertThat(lake.s3.headObject(r -> r.bucket(delivery.bucket()).key(target)).metadata())
                .hasEntrySatisfying(Quarantine.REASON_METADATA, v -> assertThat(v).contains(reason));
        assertThat(new String(lake.read(delivery.bucket(), target + Quarantine.REASON_SUFFIX), StandardCharsets.UTF_8))
                .contains(delivery.key()).contains(reason);
    }

    @Test
    void aKeyWithoutDatasetFolderIsQuarantined() {
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.INTERNAL, "orders.csv", content);

        Outcome outcome = lake.ingestor().ingest(delivery);

        assertThat(outcome.status()).isEqualTo(Outcome.Status.QUARANTINED);
        assertThat(outcome.reason()).contains("names no dataset");
        assertQuarantined(delivery, content, "names no dataset");
    }

    @Test
    void anUnregisteredDatasetIsQuarantined() {
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.INTERNAL, "nobody_knows/2026/x.csv", content);

        Outcome outcome = lake.ingestor().ingest(delivery);

        assertThat(outcome.status()).isEqualTo(Outcome.Status.QUARANTINED);
        assertThat(outcome.dataset()).isEqualTo("nobody_knows");
        assertQuarantined(delivery, content, "dataset 'nobody_knows' is not registered in acme-datalake-test-datasets");
        assertThat(lake.updates("nobody_knows")).isEmpty();
    }

    @Test
    void aDatasetDroppedInAnotherTiersBucketIsQuarantined() {
        lake.register("sales_orders.yaml", "orders_wrong_tier");
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.SENSITIVE, "orders_wrong_tier/x.csv.gz", content);

        Outcome outcome = lake.ingestor().ingest(delivery);

        assertThat(outcome.status()).isEqualTo(Outcome.Status.QUARANTINED);
        assertQuarantined(delivery, content, "is in tier internal, but the file was dropped in the sensitive drop bucket");
        assertThat(lake.updates("orders_wrong_tier")).isEmpty();
    }

    @Test
    void aFolderThatIsNoDatasetNameIsQuarantined() {
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.INTERNAL, "Sales Orders/x.csv", content);

        assertThat(lake.ingestor().ingest(delivery).reason()).contains("'Sales Orders' is not a dataset name");
        assertQuarantined(delivery, content, "is not a dataset name");
    }

    @Test
    void theSameKeyAndContentDroppedAgainAfterItsIngestIsADuplicateAndIsRemoved() {
        lake.registerRawOnly("ops_redropped", Tier.INTERNAL, "none");
        byte[] content = "same\n".getBytes(StandardCharsets.UTF_8);
        // Without versions (the local lake), the event's sequencer is the ETag: the same content is the same delivery.
        Delivery first = lake.drop(Tier.INTERNAL, "ops_redropped/x.csv", content);
        Delivery local = Delivery.drop(first.bucket(), first.key(), null, first.etag(), first.etag());
        Outcome ingested = lake.ingestor().ingest(local);
        assertThat(ingested.status()).isEqualTo(Outcome.Status.INGESTED);

        lake.drop(Tier.INTERNAL, "ops_redropped/x.csv", content);
        Outcome again = lake.ingestor().ingest(local);

        assertThat(again.status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(again.update()).isEqualTo(ingested.update());
        assertThat(again.reason()).contains("ingested before as update " + ingested.update()).contains("removed");
        assertThat(lake.exists(local.bucket(), local.key())).as("not left in the drop bucket").isFalse();
        assertThat(lake.updates("ops_redropped")).hasSize(1);

        Delivery other = lake.drop(Tier.INTERNAL, "ops_redropped/x.csv", "newer\n".getBytes(StandardCharsets.UTF_8));
        assertThat(lake.ingestor().ingest(local).status()).as("a redelivered old event").isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(lake.exists(other.bucket(), other.key())).as("a newer upload is never removed as a duplicate").isTrue();
    }

    @Test
    void aKeyWithAControlCharacterIsQuarantinedWithoutAnUpdate() {
        lake.registerRawOnly("ops_control", Tier.INTERNAL, "none");
        byte[] content = "x\n".getBytes(StandardCharsets.UTF_8);
        Delivery delivery = lake.drop(Tier.INTERNAL, "ops_control/a\u0001b.csv", content);

        Outcome outcome = lake.ingestor().ingest(delivery);

        assertThat(outcome.status()).isEqualTo(Outcome.Status.QUARANTINED);
        assertThat(outcome.reason()).contains("control character U+0001 at position 13");
        assertQuarantined(delivery, content, "control character U+0001");
        assertThat(lake.updates("ops_control")).isEmpty();
    }

    @Test
    void aKeyTooLongForTheQuarantinePrefixIsQuarantinedUnderAShortenedKey() {
        byte[] content = "x\n".getBytes(StandardCharsets.UTF_8);
        String key = "unknown_ds/" + "folder/".repeat(143) + "x.csv"; // 1,017 bytes: the prefix would pass 1,024
        Delivery delivery = lake.drop(Tier.INTERNAL, key, content);

        Outcome outcome = lake.ingestor().ingest(delivery);

        assertThat(outcome.status()).isEqualTo(Outcome.Status.QUARANTINED);
        String target = Quarantine.keyOf(key);
        assertThat((target + Quarantine.REASON_SUFFIX).length()).isEqualTo(Quarantine.MAX_KEY_BYTES);
        assertThat(target).startsWith("quarantine/unknown_ds/folder/").matches(".*~[0-9a-f]{8}");
        assertQuarantined(delivery, content, "is not registered");
    }

    @Test
    void quarantineAndFolderMarkersAreIgnoredNotLooped() {
        String bucket = lake.names.dropBucket(Tier.INTERNAL);
        assertThat(lake.ingestor().ingest(Delivery.drop(bucket, "quarantine/orders.csv", null, "1", null)).status())
                .isEqualTo(Outcome.Status.IGNORED);
        assertThat(lake.ingestor().ingest(Delivery.drop(bucket, "sales_orders/", null, "2", null)).status())
                .isEqualTo(Outcome.Status.IGNORED);
    }

    @Test
    void eventsOfOtherBucketsFail() {
        assertThatThrownBy(() -> lake.ingestor().ingest(Delivery.drop("someone-elses-bucket", "sales/x.csv", null, "1", null)))
                .isInstanceOf(UnknownDropBucketException.class)
                .hasMessageContaining("acme-datalake-drop-test-internal-eu-west-1");
    }

    @Test
    void eventsOfADisabledTiersDropBucketFail() {
        Ingestor internalOnly = Ingestor.builder().s3(lake.s3).dynamo(lake.dynamo).names(lake.names).trigger(lake.trigger)
                .tiers(java.util.Set.of(Tier.INTERNAL)).build();
        String restricted = lake.names.dropBucket(Tier.RESTRICTED);

        assertThatThrownBy(() -> internalOnly.ingest(Delivery.drop(restricted, "sales/x.csv", null, "1", null)))
                .isInstanceOf(UnknownDropBucketException.class)
                .hasMessage("bucket '" + restricted + "' is not a drop bucket of this environment; expected one of "
                        + lake.names.dropBucket(Tier.INTERNAL));
    }

    @Test
    void aUrlEncodedKeyIsDecodedOnlyWhenTheKeyAsGivenDoesNotExist() {
        lake.registerRawOnly("ops_names", Tier.INTERNAL, "none");
        byte[] spaced = "spaced\n".getBytes(StandardCharsets.UTF_8);
        byte[] plus = "plus\n".getBytes(StandardCharsets.UTF_8);
        Delivery stored = lake.drop(Tier.INTERNAL, "ops_names/my file+1.csv", spaced);
        lake.drop(Tier.INTERNAL, "ops_names/a+b.csv", plus);
        Ingestor ingestor = lake.ingestor();

        Outcome encoded = ingestor.ingest(Delivery.drop(stored.bucket(), "ops_names/my+file%2B1.csv", null, "e1", stored.etag()));
        Outcome literal = ingestor.ingest(Delivery.drop(stored.bucket(), "ops_names/a+b.csv", null, "e2", null));

        assertThat(encoded.files()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("my file+1.csv"));
        assertThat(literal.files()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("a+b.csv"));
        assertThat(lake.keys(stored.bucket(), "ops_names/")).isEmpty();
    }

    @Test
    void anIngestRequestOfTheApiBecomesTheUpdateTheApiAnnounced() {
        lake.register("sales_orders.yaml", "orders_api");
        String staging = "acme-api-staging";
        lake.s3.createBucket(r -> r.bucket(staging));
        byte[] csv = ORDERS.getBytes(StandardCharsets.UTF_8);
        lake.s3.putObject(r -> r.bucket(staging).key("uploads/req-1/orders.csv.gz"), RequestBody.fromBytes(gzip(csv)));
        UpdateId announced = UpdateId.parse("2026-11-21T101500Z-3f9a");
        IngestRequest request = new IngestRequest("orders_api", announced, staging, "uploads/req-1/orders.csv.gz", "api:req-1", null, null);
        lake.accept(request);

        Outcome outcome = lake.ingestor().ingest(Delivery.api(request));

        assertThat(outcome.update()).isEqualTo(announced);
        UpdateManifest manifest = lake.assertSingleUpdate("orders_api", Tier.INTERNAL, UpdateState.RAW_COMPLETE,
                files("orders.csv", csv));
        assertThat(manifest.source().kind()).isEqualTo(UpdateSource.Kind.API);
        assertThat(lake.updates("orders_api").get(0).deliveryKey()).isEqualTo("api:req-1");
        // Not the lake's bucket: the producer's object stays.
        assertThat(lake.exists(staging, "uploads/req-1/orders.csv.gz")).isTrue();
        assertThat(lake.ingestor().ingest(Delivery.api(request)).status()).isEqualTo(Outcome.Status.DUPLICATE);
    }

    @Test
    void anIngestRequestCopiesTheContentTheApiSawOrRefusesALaterWrite() {
        lake.register("sales_orders.yaml", "orders_pinned");
        String staging = "acme-api-pinned";
        lake.s3.createBucket(r -> r.bucket(staging));
        byte[] csv = ORDERS.getBytes(StandardCharsets.UTF_8);
        String seen = lake.s3.putObject(r -> r.bucket(staging).key("orders.csv.gz"), RequestBody.fromBytes(gzip(csv)))
                .eTag().replace("\"", "");
        UpdateId first = UpdateId.parse("2026-11-21T101500Z-0a01");
        IngestRequest pinned = new IngestRequest("orders_pinned", first, staging, "orders.csv.gz", "api:pinned-1", null, seen);
        lake.accept(pinned);

        Outcome copied = lake.ingestor().ingest(Delivery.api(pinned));
        assertThat(copied.status()).as(copied.reason()).isEqualTo(Outcome.Status.INGESTED);
        assertThat(UpdateCommitter.builder().store(new S3ObjectStore(lake.s3)).build().manifest(lake.names.dataBucket(Tier.INTERNAL),
                "orders_pinned", first)).hasValueSatisfying(m -> assertThat(m.source().version())
                .isEqualTo(seen));

        // The producer writes the key again before ingest reads it: the update fails, naming both ETags.
        UpdateId second = UpdateId.parse("2026-11-21T101600Z-0a02");
        IngestRequest stale = new IngestRequest("orders_pinned", second, staging, "orders.csv.gz", "api:pinned-2", null, seen);
        lake.accept(stale);
        String now = lake.s3.putObject(r -> r.bucket(staging).key("orders.csv.gz"), RequestBody.fromBytes(gzip(
                (ORDERS + "99,1,2026-11-21,Z,1,1.00,1.00,DE\n").getBytes(StandardCharsets.UTF_8)))).eTag().replace("\"", "");
        Outcome refused = lake.ingestor().ingest(Delivery.api(stale));
        assertThat(refused.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(refused.reason()).isEqualTo("the object s3://acme-api-pinned/orders.csv.gz was written again after the"
                + " API accepted it (ETag " + seen + " then, " + now + " now); ask again to ingest the new content");
        assertThat(lake.updates("orders_pinned")).filteredOn(r -> r.update().equals(second)).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(UpdateState.FAILED));
        assertThat(lake.keys(lake.names.dataBucket(Tier.INTERNAL), "orders_pinned/raw/" + second + "/")).isEmpty();
    }

    @Test
    void anIngestRequestForAnUnknownDatasetFailsItsUpdate() {
        UpdateId announced = UpdateId.parse("2026-11-21T101500Z-0001");
        IngestRequest request = new IngestRequest("ghost_api", announced, "acme-api-staging", "x.csv", "api:req-ghost", null, null);
        lake.accept(request);

        Outcome outcome = lake.ingestor().ingest(Delivery.api(request));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
        UpdateRecord record = lake.updates("ghost_api").get(0);
        assertThat(record.update()).isEqualTo(announced);
        assertThat(record.state()).isEqualTo(UpdateState.FAILED);
        assertThat(record.error()).isEqualTo("dataset 'ghost_api' is not registered in acme-datalake-test-datasets");
    }

    @Test
    void anIngestRequestForAMissingObjectFailsItsUpdate() {
        lake.registerRawOnly("ops_api_missing", Tier.INTERNAL, "none");
        UpdateId announced = UpdateId.parse("2026-11-21T101500Z-0002");
        lake.s3.createBucket(r -> r.bucket("acme-api-empty"));
        IngestRequest request = new IngestRequest("ops_api_missing", announced, "acme-api-empty", "nothing.csv", "api:req-2", null, null);
        lake.accept(request);

        Outcome outcome = lake.ingestor().ingest(Delivery.api(request));

        assertThat(outcome.reason()).isEqualTo("the delivered object s3://acme-api-empty/nothing.csv no longer exists");
        assertThat(lake.updates("ops_api_missing")).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(UpdateState.FAILED));
    }

    @Test
    void aManifestIsWrittenOnceAndAdoptedAfterwards() {
        S3ObjectStore store = new S3ObjectStore(lake.s3);
        String bucket = lake.names.dataBucket(Tier.INTERNAL);
        UpdateId update = UpdateId.parse("2026-11-21T101500Z-aaaa");
        UpdateManifest first = UpdateManifest.builder().dataset("manifest_once").update(update)
                .state(UpdateState.COMPLETE).source(new UpdateSource(UpdateSource.Kind.DROP, "b", "k", "1"))
                .createdAt(Instant.parse("2026-11-21T10:15:00Z")).completedAt(Instant.parse("2026-11-21T10:16:00Z")).build();
        UpdateManifest retry = first.toBuilder().completedAt(Instant.parse("2026-11-21T10:20:00Z")).build();
        byte[] json = first.toJson().getBytes(StandardCharsets.UTF_8);

        assertThat(store.putIfAbsent(bucket, first.key(), json)).isTrue();
        assertThat(store.putIfAbsent(bucket, first.key(), retry.toJson().getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(store.get(bucket, first.key())).hasValueSatisfying(b -> assertThat(b).isEqualTo(json));

        // The same delivery's retry after a kill past the manifest adopts the manifest it had written.
        new UpdateRegistry(lake.dynamo, lake.names).create(new UpdateRecord("manifest_once", update, UpdateState.RECEIVING,
                "drop:b/k#1", first.key(), 0, null, first.createdAt(), first.createdAt(), null));
        UpdateCommitter committer = UpdateCommitter.builder().store(store).registry(new UpdateRegistry(lake.dynamo, lake.names)).build();
        assertThat(committer.begin(bucket, "manifest_once", update, UpdateState.RECEIVING, UpdateFolder.RAW, "drop:b/k#1")
                .commit(retry)).isEqualTo(first);
        assertThat(lake.updates("manifest_once")).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(UpdateState.COMPLETE));
    }
}
