package io.datalake.constructs.storage;

import java.util.Objects;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.ObjectLockRetention;

/** Properties of a {@link LakeBucket}. */
public final class LakeBucketProps {
    /** Incomplete multipart uploads are aborted after this many days. */
    public static final int DEFAULT_ABORT_MULTIPART_DAYS = 7;
    /** Noncurrent versions expire after this many days. */
    public static final int DEFAULT_NONCURRENT_VERSION_DAYS = 90;

    private final String bucketName;
    private final IKey encryptionKey;
    private final IBucket accessLogBucket;
    private final boolean accessLogTarget;
    private final Integer expirationDays;
    private final int noncurrentVersionDays;
    private final ObjectLockRetention objectLock;

    private LakeBucketProps(Builder b) {
        this.bucketName = Objects.requireNonNull(b.bucketName, "bucketName is required");
        this.accessLogTarget = b.accessLogTarget;
        if (!accessLogTarget && b.encryptionKey == null) {
            throw new IllegalArgumentException("encryptionKey is required for bucket '" + bucketName
                    + "': only the access-log bucket may use S3-managed keys");
        }
        if (accessLogTarget && b.encryptionKey != null) {
            throw new IllegalArgumentException("encryptionKey must be unset for the access-log bucket '"
                    + bucketName + "': S3 server access logging cannot write SSE-KMS objects");
        }
        if (!accessLogTarget && b.accessLogBucket == null) {
            throw new IllegalArgumentException("accessLogBucket is required for bucket '" + bucketName + "'");
        }
        this.encryptionKey = b.encryptionKey;
        this.accessLogBucket = b.accessLogBucket;
        if (b.expirationDays != null && (b.expirationDays < 1 || b.expirationDays > 3650)) {
            throw new IllegalArgumentException("expirationDays must be between 1 and 3650, but "
                    + b.expirationDays + " was given");
        }
        this.expirationDays = b.expirationDays;
        if (b.noncurrentVersionDays < 1 || b.noncurrentVersionDays > 3650) {
            throw new IllegalArgumentException("noncurrentVersionDays must be between 1 and 3650, but "
                    + b.noncurrentVersionDays + " was given");
        }
        this.noncurrentVersionDays = b.noncurrentVersionDays;
        this.objectLock = b.objectLock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bucketName() {
        return bucketName;
    }

    /** @return the KMS key for SSE-KMS, or {@code null} for the access-log bucket (SSE-S3) */
    public IKey encryptionKey() {
        return encryptionKey;
    }

    public IBucket accessLogBucket() {
        return accessLogBucket;
    }

    public boolean accessLogTarget() {
        return accessLogTarget;
    }

    /** @return days after which current objects expire; {@code null} (the default) keeps them */
    public Integer expirationDays() {
        return expirationDays;
    }

    /** @default {@link #DEFAULT_NONCURRENT_VERSION_DAYS} */
    public int noncurrentVersionDays() {
        return noncurrentVersionDays;
    }

    /** @return the default Object Lock retention of new object versions; {@code null} (the default): no Object Lock */
    public ObjectLockRetention objectLock() {
        return objectLock;
    }

    /** Builds {@link LakeBucketProps}. */
    public static final class Builder {
        private String bucketName;
        private IKey encryptionKey;
        private IBucket accessLogBucket;
        private boolean accessLogTarget;
        private Integer expirationDays;
        private int noncurrentVersionDays = DEFAULT_NONCURRENT_VERSION_DAYS;
        private ObjectLockRetention objectLock;

        private Builder() {
        }

        /**
         * Turns S3 Object Lock on, with this default retention for every new object version (it cannot be
         * turned off again). @default no Object Lock
         */
        public Builder objectLock(ObjectLockRetention retention) {
            this.objectLock = retention;
            return this;
        }

        /** The physical name, from {@code LakeNames}. Required. */
        public Builder bucketName(String name) {
            this.bucketName = name;
            return this;
        }

        /** The customer-managed key for SSE-KMS. Required except for the access-log bucket. */
        public Builder encryptionKey(IKey key) {
            this.encryptionKey = key;
            return this;
        }

        /** Where server access logs go. Required except for the access-log bucket itself. */
        public Builder accessLogBucket(IBucket bucket) {
            this.accessLogBucket = bucket;
            return this;
        }

        /** Marks the bucket that receives the other buckets' access logs. @default false */
        public Builder accessLogTarget(boolean target) {
            this.accessLogTarget = target;
            return this;
        }

        /** @default no expiration */
        public Builder expirationDays(Integer days) {
            this.expirationDays = days;
            return this;
        }

        /** @default {@link #DEFAULT_NONCURRENT_VERSION_DAYS} */
        public Builder noncurrentVersionDays(int days) {
            this.noncurrentVersionDays = days;
            return this;
        }

        public LakeBucketProps build() {
            return new LakeBucketProps(this);
        }
    }
}
