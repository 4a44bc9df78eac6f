package io.datalake.constructs.storage;

import io.datalake.core.LakeNames;
import java.util.Objects;
import software.amazon.awscdk.services.s3.IBucket;

/** Properties of {@link TieredStorage}. */
public final class TieredStorageProps {
    private final LakeNames names;
    private final IBucket accessLogBucket;

    private TieredStorageProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.accessLogBucket = Objects.requireNonNull(b.accessLogBucket, "accessLogBucket is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public IBucket accessLogBucket() {
        return accessLogBucket;
    }

    /** Builds {@link TieredStorageProps}; every field is required. */
    public static final class Builder {
        private LakeNames names;
        private IBucket accessLogBucket;

        private Builder() {
        }

        /** The environment's names; its settings decide the enabled tiers and retention. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** Receives the server access logs of every tier bucket. */
        public Builder accessLogBucket(IBucket bucket) {
            this.accessLogBucket = bucket;
            return this;
        }

        public TieredStorageProps build() {
            return new TieredStorageProps(this);
        }
    }
}
