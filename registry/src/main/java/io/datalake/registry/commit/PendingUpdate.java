package io.datalake.registry.commit;

import io.datalake.core.UpdateId;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;

/**
 * One attempt at moving an update to its next state (the model is Iceberg's {@code PendingUpdate}):
 * the attempt holds the update from {@link UpdateCommitter#begin} on; the writer puts its files
 * into {@link #folder()} and then either commits the manifest of the next state or aborts.
 */
public final class PendingUpdate {
    private final UpdateCommitter committer;
    private final String bucket;
    private final String dataset;
    private final UpdateId update;
    private final UpdateState from;
    private final UpdateFolder writes;
    private final String attempt;

    PendingUpdate(UpdateCommitter committer, String bucket, String dataset, UpdateId update, UpdateState from,
            UpdateFolder writes, String attempt) {
        this.committer = committer;
        this.bucket = bucket;
        this.dataset = dataset;
        this.update = update;
        this.from = from;
        this.writes = writes;
        this.attempt = attempt;
    }

    /**
     * Verifies the folder, writes the manifest, moves the registry and announces: see {@link UpdateCommitter}.
     *
     * @return the manifest as committed (an earlier, identical one when this producer had written it before a kill)
     * @throws io.datalake.core.update.IllegalTransitionException when the lifecycle has no move to the manifest's state
     * @throws IncompleteUpdateException when a listed file is missing or has another size
     * @throws UpdateBusyException when another attempt took the update over
     */
    public UpdateManifest commit(UpdateManifest next) {
        return committer.commit(this, next);
    }

    /** Deletes everything under the folder this attempt writes, e.g. what a killed attempt left. */
    public void clear() {
        committer.clear(this);
    }

    /**
     * Gives a new update up for good (a pipeline run that failed): its data goes, and the registry says
     * failed with the reason. No manifest is written, so nothing of it was ever visible.
     *
     * @throws io.datalake.core.update.IllegalTransitionException for an update that was not new (receiving)
     */
    public void abandon(String reason) {
        committer.abandon(this, reason);
    }

    /** Gives the update up: data written is deleted and the attempt released, the update stays as it was. */
    public void abort() {
        committer.abort(this);
    }

    public String bucket() {
        return bucket;
    }

    public String dataset() {
        return dataset;
    }

    public UpdateId update() {
        return update;
    }

    /** The state the update is moved out of. */
    public UpdateState from() {
        return from;
    }

    /** The folder this attempt writes. */
    public UpdateFolder writes() {
        return writes;
    }

    /** The key prefix of that folder in the bucket, ending in '/'. */
    public String folder() {
        return writes.prefix(dataset, update);
    }

    public String attempt() {
        return attempt;
    }
}
