package io.datalake.app.stacks;

import io.datalake.core.LakeNames;
import java.util.Objects;

/** Properties of a {@link ClusterStack}. */
public final class ClusterStackProps {
    private final LakeNames names;

    private ClusterStackProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    /** Builds {@link ClusterStackProps}. */
    public static final class Builder {
        private LakeNames names;

        private Builder() {
        }

        /** The environment whose {@code settings.cluster} describes the cluster. Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        public ClusterStackProps build() {
            return new ClusterStackProps(this);
        }
    }
}
