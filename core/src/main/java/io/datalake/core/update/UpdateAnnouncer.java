package io.datalake.core.update;

/**
 * Told of every state an update is committed to, after the manifest and the registry say so: the
 * ingest hands a raw-complete update to the conversion, the runner announces a complete one on
 * EventBridge ({@link UpdateEvents#COMPLETE}). Delivery is at least once: a commit finished after
 * a crash announces again, so listeners treat the update id as their idempotency key.
 */
@FunctionalInterface
public interface UpdateAnnouncer {
    /** Tells nobody. */
    UpdateAnnouncer NONE = manifest -> {
    };

    /**
     * @param committed the manifest as committed
     * @throws RuntimeException when the announcement failed; the commit is finished again on retry
     */
    void announce(UpdateManifest committed);
}
