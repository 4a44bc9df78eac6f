package io.datalake.app.stacks;

import io.datalake.core.LakeNames;
import java.util.Objects;

/** Properties of an {@link EnvironmentStack}. */
public final class EnvironmentStackProps {
    private final LakeNames names;

    private EnvironmentStackProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    /** Builds {@link EnvironmentStackProps}. */
    public static final class Builder {
        private LakeNames names;

        private Builder() {
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
