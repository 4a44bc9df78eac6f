package io.datalake.constructs.ingest;

import io.datalake.constructs.catalog.Registry;
import io.datalake.constructs.storage.DropZone;
import io.datalake.constructs.storage.TieredStorage;
import io.datalake.core.LakeNames;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.IBucket;

/** Properties of an {@link IngestService}. */
public final class IngestServiceProps {
    /** The handler class in the ingest jar. */
    public static final String DEFAULT_HANDLER = "io.datalake.lambdas.ingest.IngestHandler";
    /** Messages per invocation: enough to amortise a start, few enough to finish within the timeout. */
    public static final int DEFAULT_BATCH_SIZE = 5;

    private final LakeNames names;
    private final DropZone dropZone;
    private final IKey logKey;
    private final TieredStorage storage;
    private final Registry registry;
    private final Code code;
    private final String handler;
    private final int batchSize;
    private final List<IBucket> sourceBuckets;

    private IngestServiceProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.dropZone = Objects.requireNonNull(b.dropZone, "dropZone is required");
        this.logKey = Objects.requireNonNull(b.logKey, "logKey is required");
        this.storage = Objects.requireNonNull(b.storage, "storage is required");
        this.registry = Objects.requireNonNull(b.registry, "registry is required");
        this.code = Objects.requireNonNull(b.code, "code is required");
        this.handler = Objects.requireNonNull(b.handler, "handler");
        if (b.batchSize < 1 || b.batchSize > 10) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10 (SQS), but " + b.batchSize + " was given");
        }
        this.batchSize = b.batchSize;
        this.sourceBuckets = List.copyOf(b.sourceBuckets);
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public DropZone dropZone() {
        return dropZone;
    }

    public TieredStorage storage() {
        return storage;
    }

    public Registry registry() {
        return registry;
    }

    public Code code() {
        return code;
    }

    /** @default {@link #DEFAULT_HANDLER} */
    public String handler() {
        return handler;
    }

    /** @default {@link #DEFAULT_BATCH_SIZE} */
    public int batchSize() {
        return batchSize;
    }

    /** @default none: the API can then start ingests from the drop buckets only */
    public List<IBucket> sourceBuckets() {
        return sourceBuckets;
    }

    /** The platform key, which encrypts the function's log group. */
    public IKey logKey() {
        return logKey;
    }

    /** Builds {@link IngestServiceProps}. */
    public static final class Builder {
        private LakeNames names;
        private DropZone dropZone;
        private IKey logKey;
        private TieredStorage storage;
        private Registry registry;
        private Code code;
        private String handler = DEFAULT_HANDLER;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private List<IBucket> sourceBuckets = List.of();

        private Builder() {
        }

        /** Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The drop buckets and the queue of their events. Required. */
        public Builder dropZone(DropZone dropZone) {
            this.dropZone = dropZone;
            return this;
        }

        /** The tier buckets updates are copied into. Required. */
        public Builder storage(TieredStorage storage) {
            this.storage = storage;
            return this;
        }

        /** The registry tables. Required. */
        public Builder registry(Registry registry) {
            this.registry = registry;
            return this;
        }

        /** The shaded ingest jar. Required. */
        public Builder code(Code code) {
            this.code = code;
            return this;
        }

        /** @default {@link #DEFAULT_HANDLER} */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        /** @default {@link #DEFAULT_BATCH_SIZE} */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Buckets outside the lake that {@code POST /datasets/{name}/updates} may name as a source. @default none */
        public Builder sourceBuckets(List<IBucket> buckets) {
            this.sourceBuckets = Objects.requireNonNull(buckets, "sourceBuckets");
            return this;
        }

        /** The key that encrypts the log groups; CloudWatch Logs must be allowed to use it (see {@code LogEncryption}). Required. */
        public Builder logKey(IKey key) {
            this.logKey = key;
            return this;
        }

        public IngestServiceProps build() {
            return new IngestServiceProps(this);
        }
    }
}
