package io.datalake.constructs.api;

import io.datalake.constructs.catalog.Registry;
import io.datalake.constructs.storage.DropZone;
import io.datalake.constructs.storage.TieredStorage;
import io.datalake.core.LakeNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;

/** Properties of a {@link LakeApi}. */
public final class LakeApiProps {
    /** The handler class in the api jar. */
    public static final String DEFAULT_HANDLER = "io.datalake.lambda.api.ApiHandler";
    /** Steady requests per second across the API, unless set. */
    public static final int DEFAULT_RATE_LIMIT = 50;
    /** Burst of requests across the API, unless set. */
    public static final int DEFAULT_BURST_LIMIT = 100;
    /** The stage the API is deployed to. */
    public static final String STAGE = "v1";

    private final LakeNames names;
    private final Code code;
    private final String handler;
    private final Path openApi;
    private final Registry registry;
    private final TieredStorage storage;
    private final DropZone dropZone;
    private final IKey logKey;
    private final int rateLimit;
    private final int burstLimit;

    private LakeApiProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.code = Objects.requireNonNull(b.code, "code is required");
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.openApi = Objects.requireNonNull(b.openApi, "openApi is required");
        if (!Files.isRegularFile(openApi)) {
            throw new IllegalArgumentException("openApi must be the API's OpenAPI file, but " + openApi + " does not exist");
        }
        this.registry = Objects.requireNonNull(b.registry, "registry is required");
        this.storage = Objects.requireNonNull(b.storage, "storage is required");
        this.dropZone = Objects.requireNonNull(b.dropZone, "dropZone is required");
        this.logKey = Objects.requireNonNull(b.logKey, "logKey is required");
        if (b.rateLimit < 1 || b.burstLimit < b.rateLimit) {
            throw new IllegalArgumentException("rateLimit must be at least 1 and burstLimit at least rateLimit, but "
                    + b.rateLimit + " and " + b.burstLimit + " were given");
        }
        this.rateLimit = b.rateLimit;
        this.burstLimit = b.burstLimit;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public Code code() {
        return code;
    }

    /** @default {@link #DEFAULT_HANDLER} */
    public String handler() {
        return handler;
    }

    public Path openApi() {
        return openApi;
    }

    public Registry registry() {
        return registry;
    }

    public TieredStorage storage() {
        return storage;
    }

    public DropZone dropZone() {
        return dropZone;
    }

    /** @default {@link #DEFAULT_RATE_LIMIT} */
    public int rateLimit() {
        return rateLimit;
    }

    /** @default {@link #DEFAULT_BURST_LIMIT} */
    public int burstLimit() {
        return burstLimit;
    }

    /** The platform key, which encrypts the function's log group and the API access logs. */
    public IKey logKey() {
        return logKey;
    }

    /** Builds {@link LakeApiProps}. */
    public static final class Builder {
        private LakeNames names;
        private Code code;
        private String handler = DEFAULT_HANDLER;
        private Path openApi;
        private Registry registry;
        private TieredStorage storage;
        private DropZone dropZone;
        private IKey logKey;
        private int rateLimit = DEFAULT_RATE_LIMIT;
        private int burstLimit = DEFAULT_BURST_LIMIT;

        private Builder() {
        }

        /** Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** The shaded api jar. Required. */
        public Builder code(Code code) {
            this.code = code;
            return this;
        }

        /** @default {@link #DEFAULT_HANDLER} */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        /** The OpenAPI 3 description of the routes; the integration and authorisation are added to it. Required. */
        public Builder openApi(Path file) {
            this.openApi = file;
            return this;
        }

        /** Required. */
        public Builder registry(Registry registry) {
            this.registry = registry;
            return this;
        }

        /** The tier buckets whose manifests the API serves. Required. */
        public Builder storage(TieredStorage storage) {
            this.storage = storage;
            return this;
        }

        /** The drop zone whose queue receives the API's ingest requests. Required. */
        public Builder dropZone(DropZone dropZone) {
            this.dropZone = dropZone;
            return this;
        }

        /** @default {@link #DEFAULT_RATE_LIMIT} */
        public Builder rateLimit(int rate) {
            this.rateLimit = rate;
            return this;
        }

        /** @default {@link #DEFAULT_BURST_LIMIT} */
        public Builder burstLimit(int burst) {
            this.burstLimit = burst;
            return this;
        }

        /** The key that encrypts the log groups; CloudWatch Logs must be allowed to use it (see {@code LogEncryption}). Required. */
        public Builder logKey(IKey key) {
            this.logKey = key;
            return this;
        }

        public LakeApiProps build() {
            return new LakeApiProps(this);
        }
    }
}
