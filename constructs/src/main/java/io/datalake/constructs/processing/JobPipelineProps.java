package io.datalake.constructs.processing;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.pipelines.model.job.JobStep;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Properties of {@link JobPipeline}. */
public final class JobPipelineProps {
    /** How long the state machine's execution logs are kept. */
    public static final RetentionDays DEFAULT_LOG_RETENTION = RetentionDays.THREE_MONTHS;
    /** How long to wait before the first retry of a failed pipeline; each further retry waits twice as long. */
    public static final int RETRY_INTERVAL_SECONDS = 60;

    private final LakeNames names;
    private final io.datalake.pipelines.model.job.JobPipeline job;
    private final Map<String, SparkPipelineJob> pipelines;
    private final List<String> liveDatasets;
    private final RetentionDays logRetention;
    private final IKey logKey;

    private JobPipelineProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.job = Objects.requireNonNull(b.job, "job is required");
        this.pipelines = Collections.unmodifiableMap(new TreeMap<>(b.pipelines)); // same order in every JVM
        List<String> missing = job.steps().stream().map(JobStep::pipeline).filter(p -> !pipelines.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("pipelines must hold a SparkPipelineJob for every pipeline of job "
                    + job.name() + ", but " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " missing");
        }
        b.liveDatasets.forEach(DatasetLayout::checkName);
        this.liveDatasets = List.copyOf(b.liveDatasets);
        this.logRetention = b.logRetention;
        this.logKey = Objects.requireNonNull(b.logKey, "logKey is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    /** The job: its pipelines, their dependencies and failure policies, its schedule. */
    public io.datalake.pipelines.model.job.JobPipeline job() {
        return job;
    }

    /** The deployed pipelines, by name. */
    public Map<String, SparkPipelineJob> pipelines() {
        return pipelines;
    }

    /** Datasets whose new complete updates start the job. @default none */
    public List<String> liveDatasets() {
        return liveDatasets;
    }

    /** @default {@link #DEFAULT_LOG_RETENTION} */
    public RetentionDays logRetention() {
        return logRetention;
    }

    /** The platform key, which encrypts the state machine's log group. */
    public IKey logKey() {
        return logKey;
    }

    /** Builds {@link JobPipelineProps}. */
    public static final class Builder {
        private LakeNames names;
        private io.datalake.pipelines.model.job.JobPipeline job;
        private final Map<String, SparkPipelineJob> pipelines = new LinkedHashMap<>();
        private List<String> liveDatasets = List.of();
        private RetentionDays logRetention = DEFAULT_LOG_RETENTION;
        private IKey logKey;

        private Builder() {
        }

        /** The platform key, which CloudWatch Logs may use for {@code /aws/vendedlogs/states/<org>-datalake-<env>-*}. Required. */
        public Builder logKey(IKey key) {
            this.logKey = key;
            return this;
        }

        /** The environment's names. Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /**
         * The job, as read from its {@code job.yaml}, or a job of one pipeline that its own schedule
         * or live inputs start. Required.
         */
        public Builder job(io.datalake.pipelines.model.job.JobPipeline job) {
            this.job = job;
            return this;
        }

        /** A deployed pipeline of the job; one for every pipeline it lists. */
        public Builder pipeline(SparkPipelineJob pipeline) {
            pipelines.put(pipeline.pipeline().name(), pipeline);
            return this;
        }

        /** Datasets whose complete updates start the job (a pipeline's live inputs). @default none */
        public Builder liveDatasets(List<String> datasets) {
            this.liveDatasets = Objects.requireNonNull(datasets, "liveDatasets");
            return this;
        }

        /** @default {@link #DEFAULT_LOG_RETENTION} */
        public Builder logRetention(RetentionDays retention) {
            this.logRetention = Objects.requireNonNull(retention, "logRetention");
            return this;
        }

        public JobPipelineProps build() {
            return new JobPipelineProps(this);
        }
    }
}
