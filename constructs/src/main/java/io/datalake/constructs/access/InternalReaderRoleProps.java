package io.datalake.constructs.access;

import io.datalake.constructs.catalog.LakeCatalog;
import io.datalake.constructs.storage.TieredStorage;
import io.datalake.core.LakeNames;
import java.util.Objects;

/** Properties of an {@link InternalReaderRole}. */
public final class InternalReaderRoleProps {
    private final LakeNames names;
    private final TieredStorage storage;
    private final LakeCatalog catalog;

    private InternalReaderRoleProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.storage = Objects.requireNonNull(b.storage, "storage is required");
        this.catalog = Objects.requireNonNull(b.catalog, "catalog is required");
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

    public LakeCatalog catalog() {
        return catalog;
    }

    /** Builds {@link InternalReaderRoleProps}; every field is required. */
    public static final class Builder {
        private LakeNames names;
        private TieredStorage storage;
        private LakeCatalog catalog;

        private Builder() {
        }

        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The storage whose internal tier the role reads. */
        public Builder storage(TieredStorage storage) {
            this.storage = storage;
            return this;
        }

        /** The catalog whose internal workgroup and database the role queries. */
        public Builder catalog(LakeCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        public InternalReaderRoleProps build() {
            return new InternalReaderRoleProps(this);
        }
    }
}
