package io.datalake.core.update;

/**
 * The events the lake puts on the default EventBridge bus about updates, so producers and rules
 * agree on one spelling. Every event's detail holds {@value #ENV}, {@value #DATASET},
 * {@value #UPDATE}, {@value #TIER}, {@value #BUCKET} and {@value #MANIFEST_KEY}.
 *
 * <pre>{@code
 * {"source": "datalake.runner", "detail-type": "Update complete",
 *  "detail": {"env": "dev", "dataset": "daily_sales", "update": "2026-11-21T101500Z-3f9a", "tier": "internal",
 *             "bucket": "acme-datalake-dev-internal-eu-west-1",
 *             "manifestKey": "daily_sales/updates/2026-11-21T101500Z-3f9a.json"}}
 * }</pre>
 */
public final class UpdateEvents {
    /** Who announces raw-complete updates: the ingest service (its {@code LAKE_EVENT_SOURCE}). */
    public static final String INGEST_SOURCE = "datalake.ingest";
    /** An update's raw files are in place and its conversion to Parquet can start. */
    public static final String RAW_COMPLETE = "Update raw-complete";
    /** Who announces complete updates: the pipeline runner (conversions and pipeline outputs). */
    public static final String RUNNER_SOURCE = "datalake.runner";
    /** An update is complete: its manifest says so, and pipelines that read the dataset live may run. */
    public static final String COMPLETE = "Update complete";

    public static final String ENV = "env";
    public static final String DATASET = "dataset";
    public static final String UPDATE = "update";
    public static final String TIER = "tier";
    public static final String BUCKET = "bucket";
    public static final String MANIFEST_KEY = "manifestKey";

    private UpdateEvents() {
    }
}
