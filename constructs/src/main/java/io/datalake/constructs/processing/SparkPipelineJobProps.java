package io.datalake.constructs.processing;

import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/** Properties of {@link SparkPipelineJob}. */
public final class SparkPipelineJobProps {
    /** Glue 5.0: Spark 3.5 and Java 17, what the runner is built for. */
    public static final String DEFAULT_GLUE_VERSION = "5.0";
    /** EMR 7.5: Spark 3.5 and Java 17. */
    public static final String DEFAULT_EMR_RELEASE = "emr-7.5.0";
    /** A job's logs hold values of its data; they are kept as long as a quarter's audits need them. */
    public static final RetentionDays DEFAULT_LOG_RETENTION = RetentionDays.THREE_MONTHS;

    private final LakeNames names;
    private final PipelineConfig pipeline;
    private final Path folder;
    private final Map<String, DatasetSpec> datasets;
    private final Map<String, Path> datasetFiles;
    private final Map<Tier, IBucket> tierBuckets;
    private final PipelineArtifacts artifacts;
    private final IKey registryKey;
    private final ISecret tokenKeySecret;
    private final String glueVersion;
    private final String emrRelease;
    private final RetentionDays logRetention;

    private SparkPipelineJobProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.pipeline = Objects.requireNonNull(b.pipeline, "pipeline is required");
        this.folder = Objects.requireNonNull(b.folder, "folder is required");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("folder must be the pipeline's folder, but " + folder + " is not a folder");
        }
        // Sorted, not Map.copyOf: the uploaded files are listed in this order in the template, and
        // Map.copyOf iterates in an order that changes between JVMs (lake synth vs cdk synth).
        this.datasets = Collections.unmodifiableMap(new TreeMap<>(b.datasets));
        this.datasetFiles = Collections.unmodifiableMap(new TreeMap<>(b.datasetFiles));
        List<String> needed = new ArrayList<>(pipeline.inputs().stream().map(PipelineInput::dataset).toList());
        needed.add(pipeline.output().dataset());
        List<String> missing = needed.stream().filter(d -> !datasets.containsKey(d)).distinct().toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("datasets must hold every input and the output of pipeline "
                    + pipeline.name() + ", but " + String.join(", ", missing) + " " + (missing.size() == 1 ? "is" : "are")
                    + " missing");
        }
        this.tierBuckets = new EnumMap<>(b.tierBuckets);
        for (String dataset : needed) {
            Tier tier = datasets.get(dataset).tier();
            IBucket bucket = tierBuckets.get(tier);
            if (bucket == null || bucket.getEncryptionKey() == null) {
                throw new IllegalArgumentException("tierBuckets must hold the " + tier.id() + " bucket with its key,"
                        + " which dataset " + dataset + " of pipeline " + pipeline.name() + " lives in");
            }
        }
        this.artifacts = Objects.requireNonNull(b.artifacts, "artifacts is required");
        this.registryKey = Objects.requireNonNull(b.registryKey, "registryKey is required");
        this.tokenKeySecret = b.tokenKeySecret;
        this.glueVersion = b.glueVersion;
        this.emrRelease = b.emrRelease;
        this.logRetention = b.logRetention;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public PipelineConfig pipeline() {
        return pipeline;
    }

    public Path folder() {
        return folder;
    }

    /** The dataset files of the pipeline's inputs and output, by dataset name. */
    public Map<String, DatasetSpec> datasets() {
        return datasets;
    }

    /** Where each dataset file is, to upload beside the pipeline; empty for datasets built in code. */
    public Map<String, Path> datasetFiles() {
        return datasetFiles;
    }

    /** The tier buckets, each with its key. */
    public Map<Tier, IBucket> tierBuckets() {
        return tierBuckets;
    }

    public PipelineArtifacts artifacts() {
        return artifacts;
    }

    public IKey registryKey() {
        return registryKey;
    }

    /** @default none: the pipeline must not mask with tokenize */
    public Optional<ISecret> tokenKeySecret() {
        return Optional.ofNullable(tokenKeySecret);
    }

    /** @default {@link #DEFAULT_GLUE_VERSION} */
    public String glueVersion() {
        return glueVersion;
    }

    /** @default {@link #DEFAULT_EMR_RELEASE} */
    public String emrRelease() {
        return emrRelease;
    }

    /** @default {@link #DEFAULT_LOG_RETENTION} */
    public RetentionDays logRetention() {
        return logRetention;
    }

    /** Builds {@link SparkPipelineJobProps}. */
    public static final class Builder {
        private LakeNames names;
        private PipelineConfig pipeline;
        private Path folder;
        private final Map<String, DatasetSpec> datasets = new LinkedHashMap<>();
        private final Map<String, Path> datasetFiles = new LinkedHashMap<>();
        private final Map<Tier, IBucket> tierBuckets = new EnumMap<>(Tier.class);
        private PipelineArtifacts artifacts;
        private IKey registryKey;
        private ISecret tokenKeySecret;
        private String glueVersion = DEFAULT_GLUE_VERSION;
        private String emrRelease = DEFAULT_EMR_RELEASE;
        private RetentionDays logRetention = DEFAULT_LOG_RETENTION;

        private Builder() {
        }

        /** The environment's names. Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The pipeline, as read from its folder. Required. */
        public Builder pipeline(PipelineConfig pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        /** The pipeline's folder: its config and SQL files are uploaded from here. Required. */
        public Builder folder(Path folder) {
            this.folder = folder;
            return this;
        }

        /** A dataset the pipeline reads or writes, and its file (uploaded so the runner knows its schema). */
        public Builder dataset(DatasetSpec dataset, Path file) {
            datasets.put(dataset.name(), dataset);
            if (file != null) {
                datasetFiles.put(dataset.name(), file);
            }
            return this;
        }

        /** A tier's data bucket, imported with its key. Required for every tier the pipeline touches. */
        public Builder tierBucket(Tier tier, IBucket bucket) {
            tierBuckets.put(tier, Objects.requireNonNull(bucket, "bucket"));
            return this;
        }

        /** Where the runner jar and the pipeline's files are uploaded. Required. */
        public Builder artifacts(PipelineArtifacts artifacts) {
            this.artifacts = artifacts;
            return this;
        }

        /** The key of the registry tables (the platform key), for recording runs and updates. Required. */
        public Builder registryKey(IKey key) {
            this.registryKey = key;
            return this;
        }

        /** The secret holding the key of the tokenize mask. @default none */
        public Builder tokenKeySecret(ISecret secret) {
            this.tokenKeySecret = secret;
            return this;
        }

        /** @default {@link #DEFAULT_GLUE_VERSION} */
        public Builder glueVersion(String version) {
            this.glueVersion = Objects.requireNonNull(version, "glueVersion");
            return this;
        }

        /** @default {@link #DEFAULT_EMR_RELEASE} */
        public Builder emrRelease(String release) {
            this.emrRelease = Objects.requireNonNull(release, "emrRelease");
            return this;
        }

        /** @default {@link #DEFAULT_LOG_RETENTION} */
        public Builder logRetention(RetentionDays retention) {
            this.logRetention = Objects.requireNonNull(retention, "logRetention");
            return this;
        }

        public SparkPipelineJobProps build() {
            return new SparkPipelineJobProps(this);
        }
    }
}
