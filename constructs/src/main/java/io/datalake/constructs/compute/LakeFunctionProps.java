package io.datalake.constructs.compute;

import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Properties of a {@link LakeFunction}. */
public final class LakeFunctionProps {
    /** Memory of a function unless set: Java starts and runs markedly faster with more than the minimum. */
    public static final int DEFAULT_MEMORY_MB = 1024;
    /** How long function logs are kept unless set. */
    public static final RetentionDays DEFAULT_LOG_RETENTION = RetentionDays.THREE_MONTHS;

    private final String functionName;
    private final String description;
    private final Code code;
    private final String handler;
    private final Duration timeout;
    private final int memoryMb;
    private final Map<String, String> environment;
    private final RetentionDays logRetention;
    private final IKey logKey;
    private final Integer reservedConcurrency;

    private LakeFunctionProps(Builder b) {
        this.functionName = Objects.requireNonNull(b.functionName, "functionName is required");
        if (!functionName.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("functionName must be 1 to 64 letters, digits, '-' or '_', but '"
                    + functionName + "' was given");
        }
        this.description = Objects.requireNonNull(b.description, "description is required");
        this.code = Objects.requireNonNull(b.code, "code is required");
        this.handler = Objects.requireNonNull(b.handler, "handler is required");
        this.timeout = Objects.requireNonNull(b.timeout, "timeout is required");
        double seconds = timeout.toSeconds().doubleValue();
        if (seconds < 1 || seconds > 900) {
            throw new IllegalArgumentException("timeout must be between 1 second and 15 minutes, but "
                    + timeout.toHumanString() + " was given");
        }
        if (b.memoryMb < 128 || b.memoryMb > 10240) {
            throw new IllegalArgumentException("memoryMb must be between 128 and 10240, but " + b.memoryMb + " was given");
        }
        this.memoryMb = b.memoryMb;
        this.environment = Map.copyOf(b.environment);
        this.logRetention = b.logRetention;
        this.logKey = Objects.requireNonNull(b.logKey, "logKey is required");
        if (b.reservedConcurrency != null && (b.reservedConcurrency < 1 || b.reservedConcurrency > 1000)) {
            throw new IllegalArgumentException("reservedConcurrency must be between 1 and 1000, but "
                    + b.reservedConcurrency + " was given");
        }
        this.reservedConcurrency = b.reservedConcurrency;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String functionName() {
        return functionName;
    }

    public String description() {
        return description;
    }

    public Code code() {
        return code;
    }

    public String handler() {
        return handler;
    }

    public Duration timeout() {
        return timeout;
    }

    /** @default {@link #DEFAULT_MEMORY_MB} */
    public int memoryMb() {
        return memoryMb;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** @default {@link #DEFAULT_LOG_RETENTION} */
    public RetentionDays logRetention() {
        return logRetention;
    }

    /** The key that encrypts the function's log group. */
    public IKey logKey() {
        return logKey;
    }

    /** @return the concurrency reserved for (and capping) the function; {@code null} (the default) reserves none */
    public Integer reservedConcurrency() {
        return reservedConcurrency;
    }

    /** Builds {@link LakeFunctionProps}. */
    public static final class Builder {
        private String functionName;
        private String description;
        private Code code;
        private String handler;
        private Duration timeout;
        private int memoryMb = DEFAULT_MEMORY_MB;
        private Map<String, String> environment = Map.of();
        private RetentionDays logRetention = DEFAULT_LOG_RETENTION;
        private IKey logKey;
        private Integer reservedConcurrency;

        private Builder() {
        }

        /**
         * The customer-managed key of the log group; its policy must let CloudWatch Logs use it for
         * {@code /aws/lambda/<functionName>} (see {@code LogEncryption}). Required.
         */
        public Builder logKey(IKey key) {
            this.logKey = key;
            return this;
        }

        /** @default none: the function shares the account's unreserved concurrency */
        public Builder reservedConcurrency(Integer concurrency) {
            this.reservedConcurrency = concurrency;
            return this;
        }

        /** Required. */
        public Builder functionName(String name) {
            this.functionName = name;
            return this;
        }

        /** Required. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The shaded jar. Required. */
        public Builder code(Code code) {
            this.code = code;
            return this;
        }

        /** The handler class, e.g. {@code io.datalake.lambdas.ingest.IngestHandler}. Required. */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        /** Required. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** @default {@link #DEFAULT_MEMORY_MB} */
        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        /** @default none */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** @default {@link #DEFAULT_LOG_RETENTION} */
        public Builder logRetention(RetentionDays retention) {
            this.logRetention = Objects.requireNonNull(retention, "logRetention");
            return this;
        }

        public LakeFunctionProps build() {
            return new LakeFunctionProps(this);
        }
    }
}
