package io.datalake.constructs.access;

import io.datalake.constructs.catalog.QueryWorkgroup;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.dataset.DatasetSpec;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/** Properties of {@link DatasetRoles}. */
public final class DatasetRolesProps {
    private final LakeNames names;
    private final DatasetSpec dataset;
    private final IBucket bucket;
    private final IBucket dropBucket;
    private final IKey key;
    private final IKey registryKey;
    private final QueryWorkgroup workgroup;
    private final List<String> tables;
    private final IPrincipal defaultReader;

    private DatasetRolesProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.dataset = Objects.requireNonNull(b.dataset, "dataset is required");
        this.bucket = Objects.requireNonNull(b.bucket, "bucket is required");
        this.dropBucket = Objects.requireNonNull(b.dropBucket, "dropBucket is required");
        this.key = Objects.requireNonNull(b.key, "key is required");
        this.registryKey = Objects.requireNonNull(b.registryKey, "registryKey is required");
        this.workgroup = Objects.requireNonNull(b.workgroup, "workgroup is required");
        this.tables = List.copyOf(b.tables);
        if (b.defaultReader != null && dataset.tier() != Tier.INTERNAL) {
            throw new IllegalArgumentException("defaultReader may only read internal-tier datasets, but dataset '"
                    + dataset.name() + "' is " + dataset.tier().id());
        }
        this.defaultReader = b.defaultReader;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public DatasetSpec dataset() {
        return dataset;
    }

    public IBucket bucket() {
        return bucket;
    }

    public IKey key() {
        return key;
    }

    public IBucket dropBucket() {
        return dropBucket;
    }

    public IKey registryKey() {
        return registryKey;
    }

    public QueryWorkgroup workgroup() {
        return workgroup;
    }

    public List<String> tables() {
        return tables;
    }

    /** @return the environment's default reader, or {@code null} (always for restricted and sensitive data) */
    public IPrincipal defaultReader() {
        return defaultReader;
    }

    /** Builds {@link DatasetRolesProps}. */
    public static final class Builder {
        private LakeNames names;
        private DatasetSpec dataset;
        private IBucket bucket;
        private IBucket dropBucket;
        private IKey key;
        private IKey registryKey;
        private QueryWorkgroup workgroup;
        private List<String> tables = List.of();
        private IPrincipal defaultReader;

        private Builder() {
        }

        /** The environment's names. Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The dataset; its access lists name who may assume each role. Required. */
        public Builder dataset(DatasetSpec dataset) {
            this.dataset = dataset;
            return this;
        }

        /** The tier's data bucket. Required. */
        public Builder bucket(IBucket bucket) {
            this.bucket = bucket;
            return this;
        }

        /** The tier's drop bucket, where the write and admin roles deliver files. Required. */
        public Builder dropBucket(IBucket bucket) {
            this.dropBucket = bucket;
            return this;
        }

        /** The tier's key. Required. */
        public Builder key(IKey key) {
            this.key = key;
            return this;
        }

        /** The key of the registry tables, for the admin role. Required. */
        public Builder registryKey(IKey key) {
            this.registryKey = key;
            return this;
        }

        /** The dataset's own workgroup. Required. */
        public Builder workgroup(QueryWorkgroup workgroup) {
            this.workgroup = workgroup;
            return this;
        }

        /** The dataset's Glue table names. @default none (a raw-only dataset) */
        public Builder tables(List<String> tables) {
            this.tables = Objects.requireNonNull(tables, "tables");
            return this;
        }

        /** The environment's default reader, allowed to assume the read role. Only for internal datasets. @default none */
        public Builder defaultReader(IPrincipal reader) {
            this.defaultReader = reader;
            return this;
        }

        public DatasetRolesProps build() {
            return new DatasetRolesProps(this);
        }
    }
}
