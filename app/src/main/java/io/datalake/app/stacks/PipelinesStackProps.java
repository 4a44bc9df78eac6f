package io.datalake.app.stacks;

import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.pipelines.model.PipelineProject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Properties of a {@link PipelinesStack}. */
public final class PipelinesStackProps {
    private final LakeNames names;
    private final PipelineProject project;
    private final Map<Path, DatasetSpec> datasets;
    private final Path runnerJar;

    private PipelinesStackProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.project = b.project;
        this.datasets = Map.copyOf(b.datasets);
        this.runnerJar = Objects.requireNonNull(b.runnerJar, "runnerJar is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    /** The environment's pipeline folders; empty when it deploys only the conversion. */
    public Optional<PipelineProject> project() {
        return Optional.ofNullable(project);
    }

    /** The environment's dataset files and what they declare, which pipelines read and write. */
    public Map<Path, DatasetSpec> datasets() {
        return datasets;
    }

    /** The shaded runner jar. */
    public Path runnerJar() {
        return runnerJar;
    }

    /** Builds {@link PipelinesStackProps}. */
    public static final class Builder {
        private LakeNames names;
        private PipelineProject project;
        private final Map<Path, DatasetSpec> datasets = new LinkedHashMap<>();
        private Path runnerJar;

        private Builder() {
        }

        /** The environment's names. Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The pipeline folders, validated. @default none */
        public Builder project(PipelineProject project) {
            this.project = project;
            return this;
        }

        /** The dataset files, by file. @default none */
        public Builder datasets(Map<Path, DatasetSpec> datasets) {
            this.datasets.putAll(datasets);
            return this;
        }

        /** The shaded runner jar, {@code pipelines/runner/target/lake-runner.jar}. Required. */
        public Builder runnerJar(Path jar) {
            this.runnerJar = jar;
            return this;
        }

        public PipelinesStackProps build() {
            return new PipelinesStackProps(this);
        }
    }
}
