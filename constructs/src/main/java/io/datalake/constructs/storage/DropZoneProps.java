package io.datalake.constructs.storage;

import io.datalake.core.LakeNames;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/** Properties of a {@link DropZone}. */
public final class DropZoneProps {
    /** How long the ingest consumer may take for one batch, unless set. */
    public static final Duration DEFAULT_CONSUMER_TIMEOUT = Duration.minutes(5);
    /** The queue's visibility timeout is this many times the consumer's timeout (AWS's advice for Lambda). */
    public static final int VISIBILITY_FACTOR = 6;
    /** Deliveries of one event before it moves to the dead-letter queue, unless set. */
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 5;
    /** How long the queues keep an event. */
    public static final Duration RETENTION = Duration.days(14);

    private final LakeNames names;
    private final TieredStorage storage;
    private final IBucket accessLogBucket;
    private final IKey queueKey;
    private final Duration consumerTimeout;
    private final int maxReceiveCount;

    private DropZoneProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.storage = Objects.requireNonNull(b.storage, "storage is required");
        this.accessLogBucket = Objects.requireNonNull(b.accessLogBucket, "accessLogBucket is required");
        this.queueKey = Objects.requireNonNull(b.queueKey, "queueKey is required");
        double seconds = b.consumerTimeout.toSeconds().doubleValue();
        if (seconds < 1 || seconds > 900) {
            throw new IllegalArgumentException("consumerTimeout must be between 1 second and 15 minutes (Lambda's"
                    + " limit), but " + b.consumerTimeout.toHumanString() + " was given");
        }
        this.consumerTimeout = b.consumerTimeout;
        if (b.maxReceiveCount < 1 || b.maxReceiveCount > 1000) {
            throw new IllegalArgumentException("maxReceiveCount must be between 1 and 1000, but "
                    + b.maxReceiveCount + " was given");
        }
        this.maxReceiveCount = b.maxReceiveCount;
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

    public IBucket accessLogBucket() {
        return accessLogBucket;
    }

    public IKey queueKey() {
        return queueKey;
    }

    /** @default {@link #DEFAULT_CONSUMER_TIMEOUT} */
    public Duration consumerTimeout() {
        return consumerTimeout;
    }

    /** @default {@link #DEFAULT_MAX_RECEIVE_COUNT} */
    public int maxReceiveCount() {
        return maxReceiveCount;
    }

    /** Builds {@link DropZoneProps}. */
    public static final class Builder {
        private LakeNames names;
        private TieredStorage storage;
        private IBucket accessLogBucket;
        private IKey queueKey;
        private Duration consumerTimeout = DEFAULT_CONSUMER_TIMEOUT;
        private int maxReceiveCount = DEFAULT_MAX_RECEIVE_COUNT;

        private Builder() {
        }

        /** The environment's names; drop buckets and queues are named from them. Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The tiers' storage: each drop bucket is encrypted with its tier's key. Required. */
        public Builder storage(TieredStorage storage) {
            this.storage = storage;
            return this;
        }

        /** Receives the drop buckets' server access logs. Required. */
        public Builder accessLogBucket(IBucket bucket) {
            this.accessLogBucket = bucket;
            return this;
        }

        /** Encrypts the event queue and its dead-letter queue. Required. */
        public Builder queueKey(IKey key) {
            this.queueKey = key;
            return this;
        }

        /** The timeout of the function that will consume the queue. @default 5 minutes */
        public Builder consumerTimeout(Duration timeout) {
            this.consumerTimeout = Objects.requireNonNull(timeout, "consumerTimeout");
            return this;
        }

        /** @default {@link #DEFAULT_MAX_RECEIVE_COUNT} */
        public Builder maxReceiveCount(int count) {
            this.maxReceiveCount = count;
            return this;
        }

        public DropZoneProps build() {
            return new DropZoneProps(this);
        }
    }
}
