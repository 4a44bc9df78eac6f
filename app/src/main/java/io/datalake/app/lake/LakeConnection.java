package io.datalake.app.lake;

import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.locallake.LakeStorage;
import io.datalake.locallake.LocalLake;
import io.datalake.locallake.RunningLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The registry and buckets of one lake, for the reading commands: the local lake (through the
 * running {@code lake local}, or by opening its folder when none runs), or an environment on AWS.
 */
public final class LakeConnection implements AutoCloseable {
    private final LakeNames names;
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final LakeStorage local;
    private final AutoCloseable owned;

    private LakeConnection(LakeNames names, S3Client s3, DynamoDbClient dynamo, LakeStorage local, AutoCloseable owned) {
        this.names = names;
        this.s3 = s3;
        this.dynamo = dynamo;
        this.local = local;
        this.owned = owned;
    }

    public static LakeConnection open(Environment env, Path localFolder, Function<String, DynamoDbClient> dynamoFactory,
            Function<String, S3Client> s3Factory) {
        LakeNames names = new LakeNames(env);
        if (io.datalake.app.LakeApp.LOCAL.equals(env.name())) {
            Optional<RunningLake> running = RunningLake.find(names, localFolder);
            if (running.isPresent()) {
                return new LakeConnection(names, running.get().s3(), running.get().dynamo(), running.get(), running.get());
            }
            if (!Files.isDirectory(localFolder)) {
                throw new io.datalake.core.LakeConfigException("no local lake in " + localFolder + ": start one with lake local");
            }
            LocalLake lake = LocalLake.start(names, localFolder, 0, 0);
            return new LakeConnection(names, lake.s3(), lake.dynamo(), lake, lake);
        }
        S3Client s3 = s3Factory.apply(env.region());
        DynamoDbClient dynamo = dynamoFactory.apply(env.region());
        return new LakeConnection(names, s3, dynamo, null, () -> {
            s3.close();
            dynamo.close();
        });
    }

    public LakeNames names() {
        return names;
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** The local lake's storage, for DuckDB queries; empty for an environment on AWS. */
    public Optional<LakeStorage> local() {
        return Optional.ofNullable(local);
    }

    @Override
    public void close() {
        try {
            owned.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
