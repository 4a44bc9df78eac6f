package io.datalake.lambdas.ingest;

import io.datalake.core.UpdateId;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateState;
import java.util.List;

/**
 * What became of one delivery.
 *
 * @param status the kind of outcome
 * @param dataset the dataset, or {@code null} when none could be named
 * @param update the update, or {@code null} when none was made
 * @param state the update's state after this ingest, or {@code null}
 * @param files the raw files of the update
 * @param reason why a delivery was quarantined, rejected or ignored; {@code null} otherwise
 */
public record Outcome(Status status, String dataset, UpdateId update, UpdateState state, List<ManifestFile> files,
                      String reason) {
    /** The kinds of outcome. */
    public enum Status {
        /** A new update was made, or a crashed attempt was finished. */
        INGESTED,
        /** The delivery was ingested before; nothing was made, and a dropped object still there is deleted. */
        DUPLICATE,
        /** The dropped object names no known dataset of its bucket's tier; it moved to {@code quarantine/}. */
        QUARANTINED,
        /** The delivery was refused for good; its update is failed and a dropped object is quarantined. */
        REJECTED,
        /**
         * A message refused before anything was read or written: an ingest request the API has no
         * matching record of, or naming a source ingest never reads (see {@link RequestGate}); a drop
         * event whose key has a {@code .} or {@code ..} segment. Nothing is claimed, recorded or
         * quarantined.
         */
        REFUSED,
        /** The message asks for nothing (another event type, the quarantine itself, a folder marker). */
        IGNORED
    }

    public Outcome {
        files = files == null ? List.of() : List.copyOf(files);
    }

    static Outcome ingested(String dataset, UpdateId update, UpdateState state, List<ManifestFile> files) {
        return new Outcome(Status.INGESTED, dataset, update, state, files, null);
    }

    /** @param removed whether the dropped object was still there and was deleted */
    static Outcome duplicate(String dataset, UpdateId update, boolean removed) {
        return new Outcome(Status.DUPLICATE, dataset, update, null, List.of(), "the delivery was ingested before as update "
                + update + (removed ? "; the dropped object was removed" : ""));
    }

    static Outcome quarantined(String dataset, String reason) {
        return new Outcome(Status.QUARANTINED, dataset, null, null, List.of(), reason);
    }

    static Outcome rejected(String dataset, UpdateId update, String reason) {
        return new Outcome(Status.REJECTED, dataset, update, UpdateState.FAILED, List.of(), reason);
    }

    static Outcome refused(String dataset, String reason) {
        return new Outcome(Status.REFUSED, dataset, null, null, List.of(), reason);
    }

    static Outcome ignored(String reason) {
        return new Outcome(Status.IGNORED, null, null, null, List.of(), reason);
    }

    /** Total bytes of the raw files. */
    public long bytes() {
        return files.stream().mapToLong(ManifestFile::size).sum();
    }
}
