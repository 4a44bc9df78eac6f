package io.datalake.constructs.catalog;

import io.datalake.constructs.storage.TieredStorage;
import io.datalake.core.LakeNames;
import java.util.Objects;
import software.amazon.awscdk.services.s3.IBucket;

/** Properties of a {@link LakeCatalog}. */
public final class LakeCatalogProps {
    private final LakeNames names;
    private final TieredStorage storage;
    private final IBucket resultsBucket;

    private LakeCatalogProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.storage = Objects.requireNonNull(b.storage, "storage is required");
        this.resultsBucket = Objects.requireNonNull(b.resultsBucket, "resultsBucket is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public TieredStorage storage() {
        return storage;
    }

    public IBucket resultsBucket() {
        return resultsBucket;
    }

    /** Builds {@link LakeCatalogProps}; every field is required. */
    public static final class Builder {
        private LakeNames names;
        private TieredStorage storage;
        private IBucket resultsBucket;

        private Builder() {
        }

        /** The environment's names; its settings hold the per-query scan cutoff. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The tiers' storage: a tier's query results are encrypted with its key. */
        public Builder storage(TieredStorage storage) {
            this.storage = storage;
            return this;
        }

        /** The Athena-results bucket; each workgroup writes under its tier's prefix. */
        public Builder resultsBucket(IBucket bucket) {
            this.resultsBucket = bucket;
            return this;
        }

        public LakeCatalogProps build() {
            return new LakeCatalogProps(this);
        }
    }
}
