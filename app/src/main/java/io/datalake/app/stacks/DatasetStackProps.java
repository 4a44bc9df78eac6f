package io.datalake.app.stacks;

import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetSpec;
import java.util.Objects;

/** Properties of a {@link DatasetStack}. */
public final class DatasetStackProps {
    private final LakeNames names;
    private final DatasetSpec dataset;

    private DatasetStackProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.dataset = Objects.requireNonNull(b.dataset, "dataset is required");
        if (!names.environment().hasTier(dataset.tier())) {
            throw new io.datalake.core.LakeConfigException("tier " + dataset.tier().id() + " of dataset '"
                    + dataset.name() + "' is not enabled in environment " + names.environment().name());
        }
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

    /** Builds {@link DatasetStackProps}; every field is required. */
    public static final class Builder {
        private LakeNames names;
        private DatasetSpec dataset;

        private Builder() {
        }

        /** The names of the environment the dataset belongs to. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The validated dataset file. */
        public Builder dataset(DatasetSpec dataset) {
            this.dataset = dataset;
            return this;
        }

        public DatasetStackProps build() {
            return new DatasetStackProps(this);
        }
    }
}
