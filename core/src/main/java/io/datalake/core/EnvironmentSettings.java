package io.datalake.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tunable settings of one environment. Every value has a documented default, kept as a named
 * constant so tests can assert it, and is validated when the settings are built.
 */
public final class EnvironmentSettings {
    /** Noncurrent object versions in data buckets expire after this many days. */
    public static final int DEFAULT_NONCURRENT_VERSION_DAYS = 90;
    /** Objects in drop buckets expire after this many days: ingest moves them out long before. */
    public static final int DEFAULT_DROP_EXPIRY_DAYS = 14;
    /** Incomplete multipart uploads are aborted after this many days in every bucket. */
    public static final int DEFAULT_ABORT_MULTIPART_DAYS = 7;
    /** An Athena query is cancelled once it has scanned this many bytes (1 TiB). */
    public static final long DEFAULT_BYTES_SCANNED_CUTOFF = 1L << 40;
    /** Athena's own lower bound for a workgroup's per-query cutoff (10 MB). */
    public static final long MIN_BYTES_SCANNED_CUTOFF = 10_000_000L;
    /** Athena query results expire after this many days. */
    public static final int DEFAULT_QUERY_RESULT_DAYS = 30;
    /** Server access logs are kept this many days. */
    public static final int DEFAULT_ACCESS_LOG_DAYS = 365;
    /** At most this many ingest functions consume the drop queue at once (the SQS event source's MaximumConcurrency). */
    public static final int DEFAULT_INGEST_MAX_CONCURRENCY = 10;
    /** Concurrency reserved for (and capping) the API function: a runaway client cannot starve the account. */
    public static final int DEFAULT_API_RESERVED_CONCURRENCY = 20;

    /**
     * Who administers the lake's KMS keys (and cannot use them): the CloudFormation execution role of
     * the CDK's default bootstrap, which changes the keys on every deployment. {@code ${AWS::AccountId}}
     * and {@code ${AWS::Region}} stand for the environment's account and region.
     */
    public static final String DEFAULT_KEY_ADMIN = "cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}";
    /** A role name (with the placeholders above) or a role ARN. */
    private static final Pattern KEY_ADMIN = Pattern.compile(
            "arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}|([A-Za-z0-9+=,.@_-]|\\$\\{AWS::(AccountId|Region)})+");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Set<Tier> enabledTiers;
    private final int noncurrentVersionDays;
    private final int dropExpiryDays;
    private final int queryResultDays;
    private final int accessLogDays;
    private final long bytesScannedCutoff;
    private final String alarmEmail;
    private final ClusterSettings cluster;
    private final BackupSettings backup;
    private final ReplicationSettings replication;
    private final int ingestMaxConcurrency;
    private final int apiReservedConcurrency;
    private final java.util.List<String> keyAdmins;

    private EnvironmentSettings(Builder b) {
        if (b.enabledTiers.isEmpty()) {
            throw new LakeConfigException("settings.tiers must name at least one of " + Tier.allowed()
                    + ", but none was given");
        }
        this.enabledTiers = Collections.unmodifiableSet(EnumSet.copyOf(b.enabledTiers));
        this.noncurrentVersionDays = range("settings.noncurrentVersionDays", b.noncurrentVersionDays, 1, 3650);
        this.dropExpiryDays = range("settings.dropExpiryDays", b.dropExpiryDays, 1, 365);
        this.queryResultDays = range("settings.queryResultDays", b.queryResultDays, 1, 3650);
        this.accessLogDays = range("settings.accessLogDays", b.accessLogDays, 1, 3650);
        if (b.bytesScannedCutoff < MIN_BYTES_SCANNED_CUTOFF) {
            throw new LakeConfigException("settings.bytesScannedCutoff must be at least "
                    + MIN_BYTES_SCANNED_CUTOFF + " (Athena's minimum), but " + b.bytesScannedCutoff + " was given");
        }
        this.bytesScannedCutoff = b.bytesScannedCutoff;
        if (b.alarmEmail != null && !EMAIL.matcher(b.alarmEmail).matches()) {
            throw new LakeConfigException("settings.alarmEmail must be an e-mail address, but '"
                    + b.alarmEmail + "' was given");
        }
        this.alarmEmail = b.alarmEmail;
        this.cluster = b.cluster;
        this.backup = b.backup;
        this.replication = b.replication;
        // SQS event sources accept a MaximumConcurrency of 2 to 1000.
        this.ingestMaxConcurrency = range("settings.ingestMaxConcurrency", b.ingestMaxConcurrency, 2, 1000);
        this.apiReservedConcurrency = range("settings.apiReservedConcurrency", b.apiReservedConcurrency, 1, 1000);
        if (b.keyAdmins.isEmpty()) {
            throw new LakeConfigException("settings.keyAdmins must name at least one role (a key nobody administers"
                    + " cannot be changed or deleted), but none was given");
        }
        for (String admin : b.keyAdmins) {
            if (admin == null || !KEY_ADMIN.matcher(admin).matches()) {
                throw new LakeConfigException("settings.keyAdmins must hold IAM role names or role ARNs, but '" + admin
                        + "' was given");
            }
        }
        this.keyAdmins = java.util.List.copyOf(b.keyAdmins);
    }

    private static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new LakeConfigException(field + " must be between " + min + " and " + max
                    + ", but " + value + " was given");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings with every default. */
    public static EnvironmentSettings defaults() {
        return builder().build();
    }

    /** @return the tiers that get buckets, keys, workgroups; @default all three */
    public Set<Tier> enabledTiers() {
        return enabledTiers;
    }

    /** @default {@link #DEFAULT_NONCURRENT_VERSION_DAYS} */
    public int noncurrentVersionDays() {
        return noncurrentVersionDays;
    }

    /** @default {@link #DEFAULT_DROP_EXPIRY_DAYS} */
    public int dropExpiryDays() {
        return dropExpiryDays;
    }

    /** @default {@link #DEFAULT_QUERY_RESULT_DAYS} */
    public int queryResultDays() {
        return queryResultDays;
    }

    /** @default {@link #DEFAULT_ACCESS_LOG_DAYS} */
    public int accessLogDays() {
        return accessLogDays;
    }

    /** @default {@link #DEFAULT_BYTES_SCANNED_CUTOFF} */
    public long bytesScannedCutoff() {
        return bytesScannedCutoff;
    }

    /** @return where alarms are e-mailed; @default none (alarms go to the topic only) */
    public Optional<String> alarmEmail() {
        return Optional.ofNullable(alarmEmail);
    }

    /** @return the runner cluster; @default {@link ClusterSettings#defaults()}: none is deployed */
    public ClusterSettings cluster() {
        return cluster;
    }

    /** @return AWS Backup of the registry tables; @default {@link BackupSettings#defaults()} */
    public BackupSettings backup() {
        return backup;
    }

    /** @return replication of the tier and access-log buckets to locked replicas; @default none (off) */
    public Optional<ReplicationSettings> replication() {
        return Optional.ofNullable(replication);
    }

    /** @default {@link #DEFAULT_INGEST_MAX_CONCURRENCY} */
    public int ingestMaxConcurrency() {
        return ingestMaxConcurrency;
    }

    /** @default {@link #DEFAULT_API_RESERVED_CONCURRENCY} */
    public int apiReservedConcurrency() {
        return apiReservedConcurrency;
    }

    /**
     * The roles that administer the lake's KMS keys (rotate, tag, change the policy, schedule
     * deletion) but may not use them: role names of the lake's account or role ARNs.
     *
     * @return @default one: {@link #DEFAULT_KEY_ADMIN}
     */
    public java.util.List<String> keyAdmins() {
        return keyAdmins;
    }

    /** Builds {@link EnvironmentSettings}; unset values take the documented defaults. */
    public static final class Builder {
        private Set<Tier> enabledTiers = EnumSet.allOf(Tier.class);
        private int noncurrentVersionDays = DEFAULT_NONCURRENT_VERSION_DAYS;
        private int dropExpiryDays = DEFAULT_DROP_EXPIRY_DAYS;
        private int queryResultDays = DEFAULT_QUERY_RESULT_DAYS;
        private int accessLogDays = DEFAULT_ACCESS_LOG_DAYS;
        private long bytesScannedCutoff = DEFAULT_BYTES_SCANNED_CUTOFF;
        private String alarmEmail;
        private ClusterSettings cluster = ClusterSettings.defaults();
        private BackupSettings backup = BackupSettings.defaults();
        private ReplicationSettings replication;
        private int ingestMaxConcurrency = DEFAULT_INGEST_MAX_CONCURRENCY;
        private int apiReservedConcurrency = DEFAULT_API_RESERVED_CONCURRENCY;
        private java.util.List<String> keyAdmins = java.util.List.of(DEFAULT_KEY_ADMIN);

        private Builder() {
        }

        public Builder keyAdmins(java.util.List<String> admins) {
            this.keyAdmins = new java.util.ArrayList<>(Objects.requireNonNull(admins, "keyAdmins"));
            return this;
        }

        public Builder enabledTiers(Set<Tier> tiers) {
            this.enabledTiers = EnumSet.noneOf(Tier.class);
            this.enabledTiers.addAll(Objects.requireNonNull(tiers, "tiers"));
            return this;
        }

        public Builder noncurrentVersionDays(int days) {
            this.noncurrentVersionDays = days;
            return this;
        }

        public Builder dropExpiryDays(int days) {
            this.dropExpiryDays = days;
            return this;
        }

        public Builder queryResultDays(int days) {
            this.queryResultDays = days;
            return this;
        }

        public Builder accessLogDays(int days) {
            this.accessLogDays = days;
            return this;
        }

        public Builder bytesScannedCutoff(long bytes) {
            this.bytesScannedCutoff = bytes;
            return this;
        }

        public Builder alarmEmail(String email) {
            this.alarmEmail = email;
            return this;
        }

        public Builder cluster(ClusterSettings cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            return this;
        }

        public Builder backup(BackupSettings backup) {
            this.backup = Objects.requireNonNull(backup, "backup");
            return this;
        }

        /** Turns replication on; {@code null} turns it off. */
        public Builder replication(ReplicationSettings replication) {
            this.replication = replication;
            return this;
        }

        public Builder ingestMaxConcurrency(int concurrency) {
            this.ingestMaxConcurrency = concurrency;
            return this;
        }

        public Builder apiReservedConcurrency(int concurrency) {
            this.apiReservedConcurrency = concurrency;
            return this;
        }

        public EnvironmentSettings build() {
            return new EnvironmentSettings(this);
        }
    }
}
