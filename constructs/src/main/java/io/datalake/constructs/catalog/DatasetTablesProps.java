package io.datalake.constructs.catalog;

import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetSpec;
import java.util.Objects;

/** Properties of {@link DatasetTables}. */
public final class DatasetTablesProps {
    private final LakeNames names;
    private final DatasetSpec dataset;

    private DatasetTablesProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.dataset = Objects.requireNonNull(b.dataset, "dataset is required");
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

    /** Builds {@link DatasetTablesProps}; every field is required. */
    public static final class Builder {
        private LakeNames names;
        private DatasetSpec dataset;

        private Builder() {
        }

        /** The environment's names: bucket, database and table names come from them. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The dataset whose schema, format and partitioning the tables describe. */
        public Builder dataset(DatasetSpec dataset) {
            this.dataset = dataset;
            return this;
        }

        public DatasetTablesProps build() {
            return new DatasetTablesProps(this);
        }
    }
}
