package io.datalake.lambdas.ingest;

import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.UpdateId;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * SnapStart priming: before Lambda snapshots the initialized function, run the code paths a first
 * event runs, so that their classes are loaded and initialized inside the snapshot instead of after
 * every restore. It reads an S3 event and a manifest with Jackson, and makes one harmless call with
 * each SDK client that needs nothing but the function's own permissions: a read of a registry item
 * that does not exist, and a HEAD of an object that does not exist. EventBridge is primed without a
 * call (a PutEvents would publish). Nothing unique (ids, random seeds) is created here: update ids
 * draw a new {@link java.security.SecureRandom} per id, after restore.
 *
 * <p>Outside a CRaC-capable runtime (tests, the local lake, plain Lambda) registering it does nothing.
 */
final class Priming implements Resource {
    private static final String EVENT = "{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{"
            + "\"bucket\":{\"name\":\"priming\"},\"object\":{\"key\":\"priming/file.csv\",\"size\":1,"
            + "\"etag\":\"d41d8cd98f00b204e9800998ecf8427e\",\"sequencer\":\"00\"},\"reason\":\"PutObject\"}}";
    private static final String KEY = "__priming__";

    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final String dataBucket;
    private final LakeNames names;
    private final JsonLog log;

    /**
     * @param dataBucket a data bucket to HEAD a missing object in
     */
    Priming(S3Client s3, DynamoDbClient dynamo, String dataBucket, LakeNames names, JsonLog log) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.dataBucket = Objects.requireNonNull(dataBucket, "dataBucket");
        this.names = Objects.requireNonNull(names, "names");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to restore: the clients reconnect by themselves, and no unique state was captured.
    }

    /** Runs the priming; never fails, since a snapshot without priming is still a working one. */
    void prime() {
        long start = System.nanoTime();
        MessageReader.read(EVENT);
        UpdateId update = UpdateId.create(Instant.EPOCH, new SplittableRandom(0));
        UpdateManifest manifest = UpdateManifest.builder().dataset("priming").update(update).state(UpdateState.RAW_COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.DROP, "priming", "priming/file.csv", "00"))
                .createdAt(Instant.EPOCH).rawFile(new ManifestFile("file.csv", 0, "0".repeat(64))).build();
        UpdateManifest.fromJson(manifest.toJson());
        int calls = 0;
        try {
            dynamo.getItem(r -> r.tableName(names.registryTable(RegistryTable.DATASETS))
                    .key(Map.of(RegistryTable.DATASETS.partitionKey(), AttributeValue.fromS(KEY))));
            calls++;
        } catch (RuntimeException e) {
            log.warn("priming: the registry read failed", "error", e.getMessage());
        }
        try {
            s3.headObject(r -> r.bucket(dataBucket).key(KEY));
            calls++;
        } catch (S3Exception e) {
            calls++; // a 404 (or a 403 without s3:ListBucket) is the expected answer: the call path ran
        } catch (RuntimeException e) {
            log.warn("priming: the S3 call failed", "error", e.getMessage());
        }
        log.info("primed", "calls", calls, "ms", (System.nanoTime() - start) / 1_000_000);
    }
}
