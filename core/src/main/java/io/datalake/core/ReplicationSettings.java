package io.datalake.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Replication of the tier data buckets and the access-log bucket to replica buckets with S3 Object
 * Lock, in a replica stack that may live in another account and region. Off unless
 * {@code settings.replication} is set; every field of it has a default, so {@code "replication": {}}
 * replicates within the environment's own account and region.
 */
public final class ReplicationSettings {
    /** Object Lock keeps each replicated object version this many days unless set. */
    public static final int DEFAULT_RETENTION_DAYS = 30;
    /** Object Lock mode unless set: governance, which a principal with s3:BypassGovernanceRetention can lift. */
    public static final LockMode DEFAULT_LOCK_MODE = LockMode.GOVERNANCE;

    private static final String FIELD = "settings.replication.";

    /** The S3 Object Lock modes. */
    public enum LockMode {
        /** Principals allowed {@code s3:BypassGovernanceRetention} may delete a locked version early. */
        GOVERNANCE,
        /** Nobody, the account root included, can delete a locked version before its retention ends. */
        COMPLIANCE;

        static LockMode parse(String value) {
            for (LockMode mode : values()) {
                if (mode.name().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
            throw new LakeConfigException(FIELD + "lockMode must be GOVERNANCE or COMPLIANCE, but '" + value
                    + "' was given");
        }
    }

    private final String account;
    private final String region;
    private final int retentionDays;
    private final LockMode lockMode;

    private ReplicationSettings(Builder b) {
        if (b.account != null && !Environment.ACCOUNT.matcher(b.account).matches()) {
            throw new LakeConfigException(FIELD + "account must be 12 digits, but '" + b.account + "' was given");
        }
        if (b.region != null && !Environment.REGION.matcher(b.region).matches()) {
            throw new LakeConfigException(FIELD + "region must be an AWS region such as eu-central-1, but '"
                    + b.region + "' was given");
        }
        if (b.retentionDays < 1 || b.retentionDays > 36_500) {
            throw new LakeConfigException(FIELD + "retentionDays must be between 1 and 36500, but "
                    + b.retentionDays + " was given");
        }
        this.account = b.account;
        this.region = b.region;
        this.retentionDays = b.retentionDays;
        this.lockMode = b.lockMode;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the account of the replica buckets; @default the environment's account */
    public Optional<String> account() {
        return Optional.ofNullable(account);
    }

    /** @return the region of the replica buckets; @default the environment's region */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** @default {@link #DEFAULT_RETENTION_DAYS} */
    public int retentionDays() {
        return retentionDays;
    }

    /** @default {@link #DEFAULT_LOCK_MODE} */
    public LockMode lockMode() {
        return lockMode;
    }

    /** Builds {@link ReplicationSettings}; unset values take the documented defaults. */
    public static final class Builder {
        private String account;
        private String region;
        private int retentionDays = DEFAULT_RETENTION_DAYS;
        private LockMode lockMode = DEFAULT_LOCK_MODE;

        private Builder() {
        }

        public Builder account(String account) {
            this.account = account;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder retentionDays(int days) {
            this.retentionDays = days;
            return this;
        }

        /** GOVERNANCE or COMPLIANCE, in any case. */
        public Builder lockMode(String mode) {
            this.lockMode = LockMode.parse(mode == null ? "" : mode.trim().toUpperCase(Locale.ROOT));
            return this;
        }

        public ReplicationSettings build() {
            return new ReplicationSettings(this);
        }
    }
}
