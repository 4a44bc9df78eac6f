package io.datalake.constructs.storage;

import io.datalake.core.EnvironmentSettings;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import java.util.Objects;
import software.amazon.awscdk.services.s3.IBucket;

/** Properties of a {@link TierBucket}. */
public final class TierBucketProps {
    private final LakeNames names;
    private final Tier tier;
    private final IBucket accessLogBucket;

    private TierBucketProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.tier = Objects.requireNonNull(b.tier, "tier is required");
        this.accessLogBucket = Objects.requireNonNull(b.accessLogBucket, "accessLogBucket is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public Tier tier() {
        return tier;
    }

    public IBucket accessLogBucket() {
        return accessLogBucket;
    }

    /** The environment's settings, which hold the retention of noncurrent versions. */
    public EnvironmentSettings settings() {
        return names.environment().settings();
    }

    /** Builds {@link TierBucketProps}; every field is required. */
    public static final class Builder {
        private LakeNames names;
        private Tier tier;
        private IBucket accessLogBucket;

        private Builder() {
        }

        /** The environment's names; the bucket and key alias come from them. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        public Builder tier(Tier tier) {
            this.tier = tier;
            return this;
        }

        public Builder accessLogBucket(IBucket bucket) {
            this.accessLogBucket = bucket;
            return this;
        }

        public TierBucketProps build() {
            return new TierBucketProps(this);
        }
    }
}
