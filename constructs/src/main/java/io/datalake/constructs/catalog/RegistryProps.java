package io.datalake.constructs.catalog;

import io.datalake.core.LakeNames;
import java.util.Objects;
import software.amazon.awscdk.services.kms.IKey;

/** Properties of a {@link Registry}. */
public final class RegistryProps {
    private final LakeNames names;
    private final IKey encryptionKey;

    private RegistryProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.encryptionKey = Objects.requireNonNull(b.encryptionKey, "encryptionKey is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public IKey encryptionKey() {
        return encryptionKey;
    }

    /** Builds {@link RegistryProps}; every field is required. */
    public static final class Builder {
        private LakeNames names;
        private IKey encryptionKey;

        private Builder() {
        }

        /** The environment's names; the tables are named from them. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The customer-managed key that encrypts every table. */
        public Builder encryptionKey(IKey key) {
            this.encryptionKey = key;
            return this;
        }

        public RegistryProps build() {
            return new RegistryProps(this);
        }
    }
}
