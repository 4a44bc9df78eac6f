package io.datalake.constructs.processing;

import io.datalake.core.LakeNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;

/** Properties of {@link PipelineArtifacts}. */
public final class PipelineArtifactsProps {
    /** How long the upload function's logs are kept. */
    public static final RetentionDays DEFAULT_LOG_RETENTION = RetentionDays.THREE_MONTHS;

    private final LakeNames names;
    private final IBucket artifactBucket;
    private final Path runnerJar;
    private final RetentionDays logRetention;

    private PipelineArtifactsProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.artifactBucket = Objects.requireNonNull(b.artifactBucket, "artifactBucket is required");
        if (artifactBucket.getEncryptionKey() == null) {
            throw new IllegalArgumentException("artifactBucket must carry its encryption key (the platform key), so"
                    + " uploads and readers are granted it; import it with Bucket.fromBucketAttributes(encryptionKey)");
        }
        this.runnerJar = Objects.requireNonNull(b.runnerJar, "runnerJar is required");
        if (!Files.isRegularFile(runnerJar) || !runnerJar.toString().endsWith(".jar")) {
            throw new IllegalArgumentException("runnerJar must be the built runner jar, but " + runnerJar
                    + " is not a jar file; build it with ./mvnw -q -DskipTests package -pl pipelines/runner -am");
        }
        this.logRetention = b.logRetention;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public IBucket artifactBucket() {
        return artifactBucket;
    }

    public Path runnerJar() {
        return runnerJar;
    }

    /** @default {@link #DEFAULT_LOG_RETENTION} */
    public RetentionDays logRetention() {
        return logRetention;
    }

    /** Builds {@link PipelineArtifactsProps}. */
    public static final class Builder {
        private LakeNames names;
        private IBucket artifactBucket;
        private Path runnerJar;
        private RetentionDays logRetention = DEFAULT_LOG_RETENTION;

        private Builder() {
        }

        /** The environment's names. Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The environment's artifact bucket, with its encryption key. Required. */
        public Builder artifactBucket(IBucket bucket) {
            this.artifactBucket = bucket;
            return this;
        }

        /** The shaded runner jar, {@code pipelines/runner/target/lake-runner.jar}. Required. */
        public Builder runnerJar(Path jar) {
            this.runnerJar = jar;
            return this;
        }

        /** @default {@link #DEFAULT_LOG_RETENTION} */
        public Builder logRetention(RetentionDays retention) {
            this.logRetention = Objects.requireNonNull(retention, "logRetention");
            return this;
        }

        public PipelineArtifactsProps build() {
            return new PipelineArtifactsProps(this);
        }
    }
}
