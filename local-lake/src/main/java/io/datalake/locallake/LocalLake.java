package io.datalake.locallake;

import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.local.DropBuckets;
import io.datalake.local.LocalDynamo;
import io.datalake.local.LocalS3;
import io.datalake.registry.RegistrySchema;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The lake's storage on one machine: an S3-compatible server whose objects are plain files under
 * {@code <folder>/s3/<bucket>/<key>} and DynamoDB Local persisted under {@code <folder>/dynamodb},
 * with the environment's buckets and registry tables created from {@link LakeNames}. Everything
 * stays in the folder for the next start. An upload to a drop bucket waits while its key holds a
 * delivery the ingest has not taken yet ({@link DropBuckets}): without versions, it would replace it.
 */
public final class LocalLake implements LakeStorage, AutoCloseable {
    private final LakeNames names;
    private final Path folder;
    private final LocalS3 s3Server;
    private final LocalDynamo dynamoServer;
    private final S3Client s3;
    private final DynamoDbClient dynamo;

    private LocalLake(LakeNames names, Path folder, LocalS3 s3Server, LocalDynamo dynamoServer) {
        this.names = names;
        this.folder = folder;
        this.s3Server = s3Server;
        this.dynamoServer = dynamoServer;
        this.s3 = s3Server.client();
        this.dynamo = dynamoServer.client();
    }

    /**
     * Starts the stand-ins on loopback and creates what is missing.
     *
     * @param s3Port the S3 port, or 0 for a free one
     * @param dynamoPort the DynamoDB port, or 0 for a free one
     */
    public static LocalLake start(LakeNames names, Path folder, int s3Port, int dynamoPort) {
        List<String> drops = names.environment().settings().enabledTiers().stream().map(names::dropBucket).toList();
        LocalS3 s3 = LocalS3.start(folder.resolve("s3"), s3Port,
                new DropBuckets(Set.copyOf(drops), List.of(DropWatcher.QUARANTINE), DropBuckets.DEFAULT_WAIT));
        LocalDynamo dynamo;
        try {
            dynamo = LocalDynamo.start(folder.resolve("dynamodb"), dynamoPort);
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
        LocalLake lake = new LocalLake(names, folder, s3, dynamo);
        lake.createBuckets();
        RegistrySchema.createTables(lake.dynamo, names);
        return lake;
    }

    /** Every bucket of the environment, as on AWS. */
    public List<String> bucketNames() {
        List<String> buckets = new ArrayList<>();
        for (Tier tier : names.environment().settings().enabledTiers()) {
            buckets.add(names.dataBucket(tier));
            buckets.add(names.dropBucket(tier));
        }
        buckets.addAll(List.of(names.artifactBucket(), names.athenaResultsBucket(), names.accessLogBucket()));
        return buckets;
    }

    private void createBuckets() {
        for (String bucket : bucketNames()) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException e) {
                // Created by an earlier start.
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                if (e.statusCode() != 409) {
                    throw e;
                }
            }
        }
    }

    @Override
    public LakeNames names() {
        return names;
    }

    public Path folder() {
        return folder;
    }

    /** Where a bucket's objects are on disk, for DuckDB to read directly. */
    @Override
    public Path bucketFolder(String bucket) {
        return s3Server.folder().resolve(bucket);
    }

    public URI s3Endpoint() {
        return s3Server.endpoint();
    }

    public URI dynamoEndpoint() {
        return dynamoServer.endpoint();
    }

    /** The lake's S3 client (shared; do not close). */
    @Override
    public S3Client s3() {
        return s3;
    }

    /** The lake's DynamoDB client (shared; do not close). */
    @Override
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** A new S3 client for another component, which it closes itself. */
    public S3Client newS3Client() {
        return s3Server.client();
    }

    /** A new DynamoDB client for another component, which it closes itself. */
    public DynamoDbClient newDynamoClient() {
        return dynamoServer.client();
    }

    @Override
    public void close() {
        s3.close();
        dynamo.close();
        try {
            dynamoServer.close();
        } finally {
            s3Server.close();
        }
    }
}
