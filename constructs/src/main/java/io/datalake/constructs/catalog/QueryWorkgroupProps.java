package io.datalake.constructs.catalog;

import io.datalake.core.EnvironmentSettings;
import io.datalake.core.LakeNames;
import java.util.Objects;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/** Properties of a {@link QueryWorkgroup}. */
public final class QueryWorkgroupProps {
    private final String workgroupName;
    private final String description;
    private final IBucket resultsBucket;
    private final String resultsPrefix;
    private final IKey resultsKey;
    private final long bytesScannedCutoff;

    private QueryWorkgroupProps(Builder b) {
        this.workgroupName = Objects.requireNonNull(b.workgroupName, "workgroupName is required");
        if (!LakeNames.WORKGROUP.matcher(workgroupName).matches()) {
            throw new IllegalArgumentException("workgroupName must be 1 to 128 letters, digits, '.', '_' or '-',"
                    + " but '" + workgroupName + "' was given");
        }
        this.description = Objects.requireNonNull(b.description, "description is required");
        this.resultsBucket = Objects.requireNonNull(b.resultsBucket, "resultsBucket is required");
        this.resultsPrefix = Objects.requireNonNull(b.resultsPrefix, "resultsPrefix is required");
        if (!resultsPrefix.endsWith("/") || resultsPrefix.startsWith("/") || resultsPrefix.contains("*")) {
            throw new IllegalArgumentException("resultsPrefix must be a folder such as 'internal/' without wildcards,"
                    + " but '" + resultsPrefix + "' was given");
        }
        this.resultsKey = Objects.requireNonNull(b.resultsKey, "resultsKey is required");
        if (b.bytesScannedCutoff < EnvironmentSettings.MIN_BYTES_SCANNED_CUTOFF) {
            throw new IllegalArgumentException("bytesScannedCutoff must be at least "
                    + EnvironmentSettings.MIN_BYTES_SCANNED_CUTOFF + ", but " + b.bytesScannedCutoff + " was given");
        }
        this.bytesScannedCutoff = b.bytesScannedCutoff;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String workgroupName() {
        return workgroupName;
    }

    public String description() {
        return description;
    }

    public IBucket resultsBucket() {
        return resultsBucket;
    }

    public String resultsPrefix() {
        return resultsPrefix;
    }

    public IKey resultsKey() {
        return resultsKey;
    }

    /** @default {@link EnvironmentSettings#DEFAULT_BYTES_SCANNED_CUTOFF} */
    public long bytesScannedCutoff() {
        return bytesScannedCutoff;
    }

    /** Builds {@link QueryWorkgroupProps}. */
    public static final class Builder {
        private String workgroupName;
        private String description;
        private IBucket resultsBucket;
        private String resultsPrefix;
        private IKey resultsKey;
        private long bytesScannedCutoff = EnvironmentSettings.DEFAULT_BYTES_SCANNED_CUTOFF;

        private Builder() {
        }

        /** The workgroup's name, from {@code LakeNames}. Required. */
        public Builder workgroupName(String name) {
            this.workgroupName = name;
            return this;
        }

        /** Required. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The Athena-results bucket. Required. */
        public Builder resultsBucket(IBucket bucket) {
            this.resultsBucket = bucket;
            return this;
        }

        /** The folder of this workgroup's results, e.g. {@code internal/}. Required. */
        public Builder resultsPrefix(String prefix) {
            this.resultsPrefix = prefix;
            return this;
        }

        /** The key results are encrypted with: the tier's key. Required. */
        public Builder resultsKey(IKey key) {
            this.resultsKey = key;
            return this;
        }

        /** @default {@link EnvironmentSettings#DEFAULT_BYTES_SCANNED_CUTOFF} */
        public Builder bytesScannedCutoff(long bytes) {
            this.bytesScannedCutoff = bytes;
            return this;
        }

        public QueryWorkgroupProps build() {
            return new QueryWorkgroupProps(this);
        }
    }
}
