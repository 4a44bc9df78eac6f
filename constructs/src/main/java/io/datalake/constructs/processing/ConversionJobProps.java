package io.datalake.constructs.processing;

import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.pipelines.model.Engine;
import io.datalake.pipelines.model.GlueWorkerType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;

/** Properties of {@link ConversionJob}. */
public final class ConversionJobProps {
    /** Deliveries arrive in bursts; this many convert at once, the rest wait and retry. */
    public static final int DEFAULT_MAX_CONCURRENT_RUNS = 10;
    /** A delivery of one update converts well within an hour on two workers. */
    public static final int DEFAULT_TIMEOUT_MINUTES = 60;

    private final LakeNames names;
    private final Map<Tier, IBucket> tierBuckets;
    private final PipelineArtifacts artifacts;
    private final IKey registryKey;
    private final int workers;
    private final GlueWorkerType workerType;
    private final int maxConcurrentRuns;
    private final int timeoutMinutes;
    private final String glueVersion;
    private final RetentionDays logRetention;

    private ConversionJobProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.tierBuckets = new EnumMap<>(b.tierBuckets);
        for (Tier tier : names.environment().settings().enabledTiers()) {
            IBucket bucket = tierBuckets.get(tier);
            if (bucket == null || bucket.getEncryptionKey() == null) {
                throw new IllegalArgumentException("tierBuckets must hold the " + tier.id() + " bucket with its key: the"
                        + " conversion serves every enabled tier");
            }
        }
        this.artifacts = Objects.requireNonNull(b.artifacts, "artifacts is required");
        this.registryKey = Objects.requireNonNull(b.registryKey, "registryKey is required");
        if (b.workers < Engine.MIN_WORKERS || b.workers > Engine.MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be from " + Engine.MIN_WORKERS + " to " + Engine.MAX_WORKERS
                    + ", but " + b.workers + " was given");
        }
        this.workers = b.workers;
        this.workerType = b.workerType;
        if (b.maxConcurrentRuns < 1 || b.maxConcurrentRuns > 1000) {
            throw new IllegalArgumentException("maxConcurrentRuns must be from 1 to 1000, but " + b.maxConcurrentRuns
                    + " was given");
        }
        this.maxConcurrentRuns = b.maxConcurrentRuns;
        if (b.timeoutMinutes < 1 || b.timeoutMinutes > 2880) {
            throw new IllegalArgumentException("timeoutMinutes must be from 1 to 2880, but " + b.timeoutMinutes
                    + " was given");
        }
        this.timeoutMinutes = b.timeoutMinutes;
        this.glueVersion = b.glueVersion;
        this.logRetention = b.logRetention;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public Map<Tier, IBucket> tierBuckets() {
        return tierBuckets;
    }

    public PipelineArtifacts artifacts() {
        return artifacts;
    }

    public IKey registryKey() {
        return registryKey;
    }

    /** @default {@link Engine#DEFAULT_WORKERS} */
    public int workers() {
        return workers;
    }

    /** @default {@link Engine#DEFAULT_WORKER_TYPE} */
    public GlueWorkerType workerType() {
        return workerType;
    }

    /** @default {@link #DEFAULT_MAX_CONCURRENT_RUNS} */
    public int maxConcurrentRuns() {
        return maxConcurrentRuns;
    }

    /** @default {@link #DEFAULT_TIMEOUT_MINUTES} */
    public int timeoutMinutes() {
        return timeoutMinutes;
    }

    /** @default {@link SparkPipelineJobProps#DEFAULT_GLUE_VERSION} */
    public String glueVersion() {
        return glueVersion;
    }

    /** @default {@link SparkPipelineJobProps#DEFAULT_LOG_RETENTION} */
    public RetentionDays logRetention() {
        return logRetention;
    }

    /** Builds {@link ConversionJobProps}. */
    public static final class Builder {
        private LakeNames names;
        private final Map<Tier, IBucket> tierBuckets = new EnumMap<>(Tier.class);
        private PipelineArtifacts artifacts;
        private IKey registryKey;
        private int workers = Engine.DEFAULT_WORKERS;
        private GlueWorkerType workerType = Engine.DEFAULT_WORKER_TYPE;
        private int maxConcurrentRuns = DEFAULT_MAX_CONCURRENT_RUNS;
        private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        private String glueVersion = SparkPipelineJobProps.DEFAULT_GLUE_VERSION;
        private RetentionDays logRetention = SparkPipelineJobProps.DEFAULT_LOG_RETENTION;

        private Builder() {
        }

        /** The environment's names; its enabled tiers are the ones converted. Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** A tier's data bucket, imported with its key. Required for every enabled tier. */
        public Builder tierBucket(Tier tier, IBucket bucket) {
            tierBuckets.put(tier, Objects.requireNonNull(bucket, "bucket"));
            return this;
        }

        /** Where the runner jar is. Required. */
        public Builder artifacts(PipelineArtifacts artifacts) {
            this.artifacts = artifacts;
            return this;
        }

        /** The key of the registry tables (the platform key). Required. */
        public Builder registryKey(IKey key) {
            this.registryKey = key;
            return this;
        }

        /** @default {@link Engine#DEFAULT_WORKERS} */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** @default {@link Engine#DEFAULT_WORKER_TYPE} */
        public Builder workerType(GlueWorkerType type) {
            this.workerType = Objects.requireNonNull(type, "workerType");
            return this;
        }

        /** @default {@link #DEFAULT_MAX_CONCURRENT_RUNS} */
        public Builder maxConcurrentRuns(int runs) {
            this.maxConcurrentRuns = runs;
            return this;
        }

        /** @default {@link #DEFAULT_TIMEOUT_MINUTES} */
        public Builder timeoutMinutes(int minutes) {
            this.timeoutMinutes = minutes;
            return this;
        }

        /** @default {@link SparkPipelineJobProps#DEFAULT_GLUE_VERSION} */
        public Builder glueVersion(String version) {
            this.glueVersion = Objects.requireNonNull(version, "glueVersion");
            return this;
        }

        /** @default {@link SparkPipelineJobProps#DEFAULT_LOG_RETENTION} */
        public Builder logRetention(RetentionDays retention) {
            this.logRetention = Objects.requireNonNull(retention, "logRetention");
            return this;
        }

        public ConversionJobProps build() {
            return new ConversionJobProps(this);
        }
    }
}
