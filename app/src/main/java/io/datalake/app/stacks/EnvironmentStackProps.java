package io.datalake.app.stacks;

import io.datalake.core.LakeNames;
import java.util.Objects;

/** Properties of an {@link EnvironmentStack}. */
public final class EnvironmentStackProps {
    private final LakeNames names;
    private final LambdaArtifacts lambdas;

    private EnvironmentStackProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.lambdas = Objects.requireNonNull(b.lambdas, "lambdas is required");
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

    /** Builds {@link EnvironmentStackProps}. */
    public static final class Builder {
        private LakeNames names;
        private LambdaArtifacts lambdas;

        private Builder() {
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
