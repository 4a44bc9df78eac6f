package io.datalake.core;

import java.util.Locale;

/** The DynamoDB tables of the lake's registry, each named by {@link LakeNames#registryTable}. */
public enum RegistryTable {
    /** One item per dataset: its spec, tier and owner. Key: {@code dataset}. */
    DATASETS("dataset", null),
    /** One item per update of a dataset: state, manifest location. Keys: {@code dataset}, {@code updateId}. */
    UPDATES("dataset", "updateId"),
    /** Access grants to a dataset's roles. Keys: {@code dataset}, {@code principal}. */
    GRANTS("dataset", "principal"),
    /** Pipeline runs: start, end, state, rows, error. Keys: {@code pipeline}, {@code runId}. */
    RUNS("pipeline", "runId"),
    /**
     * One item per delivery (a dropped object's bucket, key and version, or an API request), claimed
     * with a conditional write so a delivery seen twice makes one update. Key: {@code deliveryKey};
     * items expire through the {@value #EXPIRES_AT} attribute.
     */
    DELIVERIES("deliveryKey", null);

    /**
     * The attribute of a dataset item listing the datasets made from it; the only one a pipeline's
     * role may change in its inputs' items.
     */
    public static final String DOWNSTREAMS = "downstreams";

    /** The time-to-live attribute of the deliveries table, in epoch seconds. */
    public static final String EXPIRES_AT = "expiresAt";

    private final String partitionKey;
    private final String sortKey;

    RegistryTable(String partitionKey, String sortKey) {
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
    }

    /** The lowercase id used in the table name: {@code datasets}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String partitionKey() {
        return partitionKey;
    }

    /** @return the sort key attribute, or {@code null} for a table keyed by partition only */
    public String sortKey() {
        return sortKey;
    }
}
