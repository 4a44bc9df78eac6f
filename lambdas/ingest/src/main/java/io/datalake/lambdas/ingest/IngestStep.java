package io.datalake.lambdas.ingest;

/**
 * The steps of one ingest, in order. Each is idempotent, and {@link Faults} is called after each,
 * so a test can stop the ingest there and check that a retry finishes it.
 */
public enum IngestStep {
    /** The delivery is claimed in the ledger and has its update id. */
    CLAIMED,
    /** The update is recorded {@code receiving} in the updates table. */
    RECORDED,
    /** The files are written under {@code raw/<update>/} and verified. */
    COPIED,
    /** The manifest is written: the update's commit point. */
    MANIFEST_WRITTEN,
    /** The updates table says {@code raw-complete} or {@code complete}. */
    REGISTERED,
    /** The conversion was handed the update (raw-complete updates only). */
    CONVERSION_TRIGGERED,
    /** The dropped object is deleted. */
    SOURCE_DELETED,
    /** The ledger says the delivery is done; a redelivery is skipped. */
    DONE,
    /**
     * Only for a refused delivery, instead of the steps from {@link #COPIED} on: the update is marked
     * failed (nothing was written under {@code raw/}); the quarantine and {@link #DONE} follow.
     */
    REFUSED
}
