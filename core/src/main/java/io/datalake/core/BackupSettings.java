package io.datalake.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS Backup of the registry tables: a daily backup kept {@link #retentionDays()} in a vault
 * encrypted with the platform key, optionally locked (compliance-mode vault lock) and copied to a
 * vault of another account or region. Point-in-time recovery covers the last 35 days of a table;
 * the backup plan adds copies that survive the table, its stack and, with a copy, the account.
 */
public final class BackupSettings {
    /** Backups are kept this many days unless set: a month beyond point-in-time recovery's window. */
    public static final int DEFAULT_RETENTION_DAYS = 35;
    /** The vault is not locked unless set: a compliance-mode lock cannot be undone after its grace period. */
    public static final boolean DEFAULT_VAULT_LOCK = false;
    /** Days after deployment during which a new vault lock can still be removed (AWS Backup's minimum is 3). */
    public static final int VAULT_LOCK_GRACE_DAYS = 3;

    private static final String FIELD = "settings.backup.";
    private static final Pattern VAULT_ARN = Pattern.compile(
            "arn:aws[a-z-]*:backup:[a-z]{2}(?:-[a-z]+)+-\\d{1,2}:\\d{12}:backup-vault:[A-Za-z0-9_.-]{2,50}");

    private final int retentionDays;
    private final boolean vaultLock;
    private final String copyToVaultArn;

    private BackupSettings(Builder b) {
        if (b.retentionDays < 1 || b.retentionDays > 36_500) {
            throw new LakeConfigException(FIELD + "retentionDays must be between 1 and 36500, but "
                    + b.retentionDays + " was given");
        }
        this.retentionDays = b.retentionDays;
        this.vaultLock = b.vaultLock;
        if (b.copyToVaultArn != null && !VAULT_ARN.matcher(b.copyToVaultArn).matches()) {
            throw new LakeConfigException(FIELD + "copyToVaultArn must be a backup vault ARN such as"
                    + " arn:aws:backup:eu-central-1:111122223333:backup-vault:lake-copies, but '" + b.copyToVaultArn
                    + "' was given");
        }
        this.copyToVaultArn = b.copyToVaultArn;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings with every default: daily backups kept 35 days, no lock, no copy. */
    public static BackupSettings defaults() {
        return builder().build();
    }

    /** @default {@link #DEFAULT_RETENTION_DAYS} */
    public int retentionDays() {
        return retentionDays;
    }

    /**
     * Whether the vault gets a compliance-mode lock: nobody, the account root included, can then
     * delete a backup before {@link #retentionDays()} or shorten the retention.
     *
     * @default {@link #DEFAULT_VAULT_LOCK}
     */
    public boolean vaultLock() {
        return vaultLock;
    }

    /** @return the vault each backup is copied to, in another account or region; @default none */
    public Optional<String> copyToVaultArn() {
        return Optional.ofNullable(copyToVaultArn);
    }

    /** Builds {@link BackupSettings}; unset values take the documented defaults. */
    public static final class Builder {
        private int retentionDays = DEFAULT_RETENTION_DAYS;
        private boolean vaultLock = DEFAULT_VAULT_LOCK;
        private String copyToVaultArn;

        private Builder() {
        }

        public Builder retentionDays(int days) {
            this.retentionDays = days;
            return this;
        }

        public Builder vaultLock(boolean lock) {
            this.vaultLock = lock;
            return this;
        }

        public Builder copyToVaultArn(String arn) {
            this.copyToVaultArn = arn;
            return this;
        }

        public BackupSettings build() {
            return new BackupSettings(this);
        }
    }
}
