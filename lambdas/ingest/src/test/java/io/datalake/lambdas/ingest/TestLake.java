package io.datalake.lambdas.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.datalake.core.update.UpdateState;
import io.datalake.local.LocalDynamo;
import io.datalake.local.LocalS3;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.RegistrySchema;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A lake on loopback for tests: s3proxy and DynamoDB Local, the registry tables, every tier's data
 * and drop bucket, and helpers to register datasets, drop files and check what ingest left behind.
 * One per test class.
 */
final class TestLake implements AutoCloseable {
    static final Environment ENVIRONMENT = Environment.builder().org("acme").name("test").region("eu-west-1").build();
    static final Path EXAMPLES = Path.of("../../dataset-templates/examples");

    final LakeNames names = new LakeNames(ENVIRONMENT);
    final InMemoryConversionTrigger trigger = new InMemoryConversionTrigger();
    final LocalS3 s3Server;
    final LocalDynamo dynamoServer;
    final S3Client s3;
    final DynamoDbClient dynamo;
    private final AtomicLong sequencer = new AtomicLong(0x6000_0000_0000L);

    private TestLake(Path folder) {
        this.s3Server = LocalS3.start(folder, 0);
        this.dynamoServer = LocalDynamo.start();
        this.s3 = recordingClient();
        this.dynamo = dynamoServer.client();
        RegistrySchema.createTables(dynamo, names);
        for (Tier tier : Tier.values()) {
            s3.createBucket(r -> r.bucket(names.dataBucket(tier)));
            s3.createBucket(r -> r.bucket(names.dropBucket(tier)));
        }
    }

    static TestLake start(Path folder) {
        return new TestLake(folder);
    }

    Ingestor ingestor() {
        return ingestor(IngestLimits.defaults(), Faults.NONE);
    }

    Ingestor ingestor(IngestLimits limits, Faults faults) {
        return Ingestor.builder().s3(s3).dynamo(dynamo).names(names).trigger(trigger).limits(limits).faults(faults).build();
    }

    /** Registers an example dataset file under another name, so each test has a dataset of its own. */
    DatasetSpec register(String example, String name) {
        try {
            String yaml = Files.readString(EXAMPLES.resolve(example)).replaceFirst("(?m)^name: .*$", "name: " + name);
            return register(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a dataset without a schema: its updates are complete once copied. */
    DatasetSpec registerRawOnly(String name, Tier tier, String compression) {
        return register("name: " + name + "\ntier: " + tier.id() + "\nowner: ops@example.com\n"
                + "description: Raw files kept as delivered.\nformat:\n  type: csv\n  compression: " + compression + "\n");
    }

    private DatasetSpec register(String yaml) {
        try {
            String json = new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
            DatasetSpec spec = DatasetFiles.parse("test.yaml", yaml);
            new DatasetRegistry(dynamo, names).register(new DatasetRegistration(spec.name(), spec.tier(), spec.owner(),
                    spec.description(), ENVIRONMENT.name(), names.datasetStack(spec.name()), json, Instant.now()));
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a file in a tier's drop bucket and returns the delivery its S3 event announces. */
    Delivery drop(Tier tier, String key, byte[] content) {
        String bucket = names.dropBucket(tier);
        String etag = s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content)).eTag();
        return Delivery.drop(bucket, key, null, Long.toHexString(sequencer.incrementAndGet()), etag);
    }

    /** Records an ingest request in the delivery ledger as the REST API does before it queues one. */
    void accept(io.datalake.core.update.IngestRequest request) {
        new io.datalake.registry.DeliveryLedger(dynamo, names).claim(request.deliveryKey(), request.dataset(), request.update(),
                Instant.now(), new io.datalake.registry.DeliveryLedger.Accepted(request.bucket(), request.key(),
                        request.versionId(), request.etag()));
    }

    List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).filter(k -> !k.endsWith("/")).sorted().toList();
    }

    boolean exists(String bucket, String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    byte[] read(String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    List<UpdateRecord> updates(String dataset) {
        return new UpdateRegistry(dynamo, names).page(dataset, 100, null).items();
    }

    /**
     * Checks that the dataset has exactly one update, in the given state, whose manifest lists
     * exactly the expected files (sizes and SHA-256), with nothing else under raw/ or updates/.
     */
    UpdateManifest assertSingleUpdate(String dataset, Tier tier, UpdateState state, Map<String, byte[]> files) {
        List<UpdateRecord> records = updates(dataset);
        assertThat(records).hasSize(1);
        UpdateRecord record = records.get(0);
        assertThat(record.state()).isEqualTo(state);
        UpdateId update = record.update();
        String bucket = names.dataBucket(tier);
        assertThat(keys(bucket, DatasetLayout.manifestPrefix(dataset))).containsExactly(DatasetLayout.manifestKey(dataset, update));
        UpdateManifest manifest = UpdateManifest.fromJson(new String(read(bucket, DatasetLayout.manifestKey(dataset, update)),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(manifest.state()).isEqualTo(state);
        assertThat(manifest.update()).isEqualTo(update);
        assertThat(manifest.createdAt()).isEqualTo(record.createdAt());
        List<ManifestFile> expected = files.entrySet().stream()
                .map(e -> new ManifestFile(e.getKey(), e.getValue().length, sha256(e.getValue()))).toList();
        assertThat(manifest.rawFiles()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(record.rawBytes()).isEqualTo(manifest.rawBytes());
        assertThat(record.manifestKey()).isEqualTo(manifest.key());
        String raw = DatasetLayout.rawPrefix(dataset, update);
        assertThat(keys(bucket, DatasetLayout.rawPrefix(dataset)))
                .containsExactlyInAnyOrderElementsOf(files.keySet().stream().map(p -> raw + p).toList());
        files.forEach((path, content) -> assertThat(read(bucket, raw + path)).isEqualTo(content));
        return manifest;
    }

    /**
     * Nothing of the dataset is in its tier's bucket, and nothing ever was: no request of the
     * client wrote or deleted anything under the dataset's folder there.
     */
    void assertNothingWritten(String dataset, Tier tier) {
        String folder = "/" + names.dataBucket(tier) + "/" + DatasetLayout.prefix(dataset);
        assertThat(keys(names.dataBucket(tier), DatasetLayout.prefix(dataset))).isEmpty();
        assertThat(requests).noneMatch(r -> !r.startsWith("GET ") && !r.startsWith("HEAD ") && r.contains(folder));
    }

    /** Every request the client sent, as {@code METHOD /bucket/key}. */
    private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A client of the local S3 like {@link LocalS3#client()}, which also records each request it sends. */
    private S3Client recordingClient() {
        return S3Client.builder()
                .endpointOverride(s3Server.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(io.datalake.local.LocalCredentials.provider())
                .forcePathStyle(true)
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        requests.add(context.httpRequest().method() + " " + context.httpRequest().encodedPath());
                    }
                }))
                .build();
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

    /** A zip of the given entries, in order; a {@code null} content makes a folder entry. */
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

    static Map<String, byte[]> files(Object... pathsAndContents) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Object content = pathsAndContents[i + 1];
            map.put((String) pathsAndContents[i], content instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : (byte[]) content);
        }
        return map;
    }

    @Override
    public void close() {
        s3.close();
        dynamo.close();
        s3Server.close();
        dynamoServer.close();
    }
}
