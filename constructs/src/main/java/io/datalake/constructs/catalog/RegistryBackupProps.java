package io.datalake.constructs.catalog;

import io.datalake.core.BackupSettings;
import io.datalake.core.LakeNames;
import java.util.Objects;
import software.amazon.awscdk.services.kms.IKey;

/** Properties of a {@link RegistryBackup}. */
public final class RegistryBackupProps {
    /** The hour (UTC) of the daily backup: after the nightly pipelines' usual start, before office hours. */
    public static final int BACKUP_HOUR_UTC = 3;

    private final LakeNames names;
    private final Registry registry;
    private final IKey encryptionKey;
    private final BackupSettings settings;

    private RegistryBackupProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.registry = Objects.requireNonNull(b.registry, "registry is required");
        this.encryptionKey = Objects.requireNonNull(b.encryptionKey, "encryptionKey is required");
        this.settings = b.settings == null ? names.environment().settings().backup() : b.settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public Registry registry() {
        return registry;
    }

    public IKey encryptionKey() {
        return encryptionKey;
    }

    /** @default the environment's {@code settings.backup} */
    public BackupSettings settings() {
        return settings;
    }

    /** Builds {@link RegistryBackupProps}. */
    public static final class Builder {
        private LakeNames names;
        private Registry registry;
        private IKey encryptionKey;
        private BackupSettings settings;

        private Builder() {
        }

        /** The environment's names; the vault and plan are named from them. Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The tables backed up. Required. */
        public Builder registry(Registry registry) {
            this.registry = registry;
            return this;
        }

        /** The customer-managed key that encrypts the vault (the platform key). Required. */
        public Builder encryptionKey(IKey key) {
            this.encryptionKey = key;
            return this;
        }

        /** @default the environment's {@code settings.backup} */
        public Builder settings(BackupSettings settings) {
            this.settings = settings;
            return this;
        }

        public RegistryBackupProps build() {
            return new RegistryBackupProps(this);
        }
    }
}
