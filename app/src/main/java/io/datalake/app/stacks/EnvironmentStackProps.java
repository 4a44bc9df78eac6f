package io.datalake.app.stacks;

import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Properties of an {@link EnvironmentStack}. */
public final class EnvironmentStackProps {
    private final LakeNames names;
    private final LambdaArtifacts lambdas;
    private final List<DatasetSpec> datasets;

    private EnvironmentStackProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.lambdas = Objects.requireNonNull(b.lambdas, "lambdas is required");
        this.datasets = List.copyOf(b.datasets);
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public LambdaArtifacts lambdas() {
        return lambdas;
    }

    /** The environment's datasets, whose raw retentions become the tier buckets' lifecycle rules. @default none */
    public List<DatasetSpec> datasets() {
        return datasets;
    }

    /** Builds {@link EnvironmentStackProps}. */
    public static final class Builder {
        private LakeNames names;
        private LambdaArtifacts lambdas;
        private final List<DatasetSpec> datasets = new ArrayList<>();

        private Builder() {
        }

        /** The datasets deployed with the environment (its datasets folder). @default none */
        public Builder datasets(Collection<DatasetSpec> datasets) {
            this.datasets.clear();
            datasets.forEach(d -> this.datasets.add(Objects.requireNonNull(d, "dataset")));
            return this;
        }

        /** The built ingest and api code. Required. */
        public Builder lambdas(LambdaArtifacts lambdas) {
            this.lambdas = lambdas;
            return this;
        }

        /** The names of the environment to deploy; its account, region and settings come with them. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        public EnvironmentStackProps build() {
            return new EnvironmentStackProps(this);
        }
    }
}
