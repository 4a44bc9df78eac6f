package io.datalake.registry.commit;

import io.datalake.core.DatasetLayout;
import io.datalake.core.UpdateId;
import io.datalake.core.update.IllegalTransitionException;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.ObjectStore;
import io.datalake.core.update.UpdateAnnouncer;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.core.update.UpstreamRef;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.UpdateAttempt;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one way an update changes state, used by ingest, the local (DuckDB) and Spark conversions and
 * pipeline runs. A commit, {@link PendingUpdate#commit}:
 * <ol>
 *   <li>holds the update: a conditional write in the registry ({@link #begin}) that only one live
 *       attempt wins, so the commit is once-only even on a store that ignores {@code If-None-Match};</li>
 *   <li>verifies the folder it wrote: the listing must equal the manifest's files (a missing or
 *       short file refuses the commit); anything else, such as a temporary an S3 server left from a
 *       killed upload, is deleted;</li>
 *   <li>writes the manifest of the new state: the commit point (a new update's manifest is written
 *       only if absent);</li>
 *   <li>moves the registry, conditional on the old state and the attempt, along the lifecycle of
 *       {@link UpdateState} (any other move is an {@link IllegalTransitionException}), after
 *       recording a complete update as a downstream of its inputs;</li>
 *   <li>announces the new state.</li>
 * </ol>
 * A kill at any point leaves no visible update or exactly one complete one; {@link #recover}
 * finishes or cleans up what a kill left, deterministically. Without a registry (a plain lake
 * folder) the store's write-once check is the only guard.
 */
public final class UpdateCommitter {
    /**
     * How long an attempt holds an update before another may take it over: longer than a
     * conversion or pipeline job may run.
     */
    public static final Duration DEFAULT_LEASE = Duration.ofHours(2);

    private final ObjectStore store;
    private final UpdateRegistry registry;
    private final DatasetRegistry datasets;
    private final UpdateAnnouncer announcer;
    private final Clock clock;
    private final Duration lease;
    private final CommitFaults faults;

    private UpdateCommitter(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store is required");
        this.registry = b.registry;
        this.datasets = b.datasets;
        this.announcer = b.announcer;
        this.clock = b.clock;
        this.lease = b.lease;
        this.faults = b.faults;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What {@link #recover} did. */
    public enum Recovery {
        /** The update was consistent and clean: nothing to do. */
        NOTHING,
        /** A live attempt holds the update: left alone. */
        BUSY,
        /** The manifest was ahead of the registry: the registry followed it and the state was announced. */
        ROLLED_FORWARD,
        /** Objects not listed by a committed manifest were deleted. */
        STRAYS_REMOVED,
        /** A half-made update was cleaned up: its partial data deleted, and a pipeline run's update failed. */
        CLEANED_UP,
        /** An ingest that has not committed: its delivery's retry finishes it. */
        LEFT_TO_INGEST
    }

    /**
     * Starts a new update (a pipeline run): records it {@code receiving}, held by the attempt, and
     * empties its data folder of anything an earlier attempt left.
     *
     * @throws IllegalTransitionException when the update exists and is not receiving
     * @throws UpdateBusyException when another live attempt holds it
     */
    public PendingUpdate create(String bucket, UpdateRecord receiving, String attempt) {
        String what = receiving.dataset() + "@" + receiving.update();
        receiving.state().checkInitial(what);
        if (receiving.state() != UpdateState.RECEIVING) {
            throw new IllegalTransitionException(what, null, receiving.state());
        }
        if (registry == null) {
            Optional<UpdateManifest> written = manifest(bucket, receiving.dataset(), receiving.update());
            if (written.isPresent()) {
                throw new IllegalTransitionException(what, written.get().state(), UpdateState.RECEIVING);
            }
        } else if (!registry.create(receiving)) {
            UpdateState now = registry.find(receiving.dataset(), receiving.update()).map(UpdateRecord::state)
                    .orElse(UpdateState.RECEIVING);
            if (now != UpdateState.RECEIVING) {
                throw new IllegalTransitionException(what, now, UpdateState.RECEIVING);
            }
        }
        PendingUpdate pending = begin(bucket, receiving.dataset(), receiving.update(), UpdateState.RECEIVING,
                UpdateFolder.DATA, attempt);
        pending.clear();
        return pending;
    }

    /**
     * Starts moving an update out of {@code from}, writing one folder of it.
     *
     * @param attempt who commits: the same id resumes its own attempt (an ingest's delivery key)
     * @throws UpdateBusyException when another live attempt holds the update
     * @throws IllegalTransitionException when the update is in another state than {@code from}
     */
    public PendingUpdate begin(String bucket, String dataset, UpdateId update, UpdateState from, UpdateFolder writes,
            String attempt) {
        Objects.requireNonNull(attempt, "attempt");
        if (registry != null) {
            Instant now = clock.instant();
            if (!registry.begin(dataset, update, from, attempt, now, now.minus(lease))) {
                Optional<UpdateRecord> record = registry.find(dataset, update);
                if (record.isPresent() && record.get().state() != from) {
                    throw new IllegalTransitionException(dataset + "@" + update, record.get().state(), from);
                }
                if (record.isEmpty()) {
                    throw new IllegalStateException("update " + dataset + "@" + update + " is not recorded in the registry");
                }
                UpdateAttempt holder = registry.attempt(dataset, update).orElse(null);
                throw new UpdateBusyException("update " + dataset + "@" + update + " is being committed by "
                        + (holder == null ? "another attempt" : "attempt " + holder.id() + " since " + holder.at()
                        + "; it may be taken over after " + holder.at().plus(lease)));
            }
        }
        PendingUpdate pending = new PendingUpdate(this, bucket, dataset, update, from, writes, attempt);
        faults.after(CommitStep.BEGUN, null);
        return pending;
    }

    /** The manifest of an update, if one is written. */
    public Optional<UpdateManifest> manifest(String bucket, String dataset, UpdateId update) {
        return store.get(bucket, DatasetLayout.manifestKey(dataset, update))
                .map(bytes -> UpdateManifest.fromJson(new String(bytes, StandardCharsets.UTF_8)));
    }

    /**
     * Finishes a commit whose manifest is written: the registry follows the manifest (a new record
     * if it has none, e.g. a run in a plain lake folder recorded afterwards), and the state is
     * announced unless the registry already had it and no attempt holds the update any more (then
     * it was announced). This is what a retry does after a kill past the manifest.
     *
     * @return the manifest
     * @throws IllegalTransitionException when the registry holds a state the manifest's cannot follow
     */
    public UpdateManifest finish(UpdateManifest written) {
        boolean moved = follow(written);
        Optional<UpdateAttempt> held = registry == null ? Optional.empty()
                : registry.attempt(written.dataset(), written.update());
        if (registry == null || moved || held.isPresent()) {
            announce(written);
        }
        held.ifPresent(a -> registry.release(written.dataset(), written.update(), a.id()));
        return written;
    }

    /**
     * Looks at one update after a restart and finishes or cleans up what a kill left:
     * <ul>
     *   <li>a manifest ahead of the registry: the registry follows, the state is announced;</li>
     *   <li>a committed update (complete or failed): objects its manifest does not list are deleted;</li>
     *   <li>a raw-complete update whose conversion died: its partial data is deleted, so the
     *       conversion starts again from nothing;</li>
     *   <li>a pipeline run's receiving update whose run died: its data is deleted and it is failed;</li>
     *   <li>a receiving ingest: left to the delivery's retry, which owns it.</li>
     * </ul>
     * An update a live attempt holds is left alone.
     */
    public Recovery recover(String bucket, String dataset, UpdateId update) {
        Optional<UpdateManifest> manifest = manifest(bucket, dataset, update);
        Optional<UpdateRecord> record = registry == null ? Optional.empty() : registry.find(dataset, update);
        if (manifest.isPresent() && registry != null && (record.isEmpty() || record.get().state() != manifest.get().state()
                || manifest.get().state().isFinal() && registry.attempt(dataset, update).isPresent())) {
            // Committed, and killed before the registry or the announcement: finish it.
            finish(manifest.get());
            return sweep(bucket, manifest.get()) ? Recovery.STRAYS_REMOVED : Recovery.ROLLED_FORWARD;
        }
        UpdateState state = record.map(UpdateRecord::state).or(() -> manifest.map(UpdateManifest::state)).orElse(null);
        if (state == null) {
            return Recovery.NOTHING;
        }
        Optional<UpdateAttempt> attempt = registry == null ? Optional.empty() : registry.attempt(dataset, update);
        if (state.isFinal()) {
            attempt.ifPresent(a -> registry.release(dataset, update, a.id())); // e.g. a refusal recorded without a manifest
            return manifest.isPresent() && sweep(bucket, manifest.get()) ? Recovery.STRAYS_REMOVED : Recovery.NOTHING;
        }
        if (attempt.isPresent() && attempt.get().at().isAfter(clock.instant().minus(lease))) {
            return Recovery.BUSY;
        }
        boolean pipeline = record.map(UpdateRecord::deliveryKey).filter(k -> k.startsWith(UpdateSource.Kind.PIPELINE.id() + ":"))
                .isPresent();
        if (state == UpdateState.RECEIVING && !pipeline) {
            return Recovery.LEFT_TO_INGEST;
        }
        deleteAll(bucket, UpdateFolder.DATA.prefix(dataset, update));
        if (state == UpdateState.RECEIVING) {
            UpdateRecord r = record.orElseThrow();
            Instant now = clock.instant();
            registry.transition(new UpdateRecord(dataset, update, UpdateState.FAILED, r.deliveryKey(), r.manifestKey(),
                    r.rawBytes(), null, r.createdAt(), now, "abandoned: the run stopped before it committed"),
                    UpdateState.RECEIVING);
        } else {
            attempt.ifPresent(a -> registry.release(dataset, update, a.id()));
        }
        return Recovery.CLEANED_UP;
    }

    /**
     * {@link #recover}s every update of a dataset that is not final, or that a commit attempt still holds;
     * returns what was done to each. Without a registry nothing records what is half-made, and nothing is done.
     */
    public Map<UpdateId, Recovery> recoverAll(String bucket, String dataset) {
        Map<UpdateId, Recovery> done = new TreeMap<>();
        if (registry == null) {
            return done;
        }
        List<UpdateRecord> candidates = new ArrayList<>(registry.held(dataset));
        for (UpdateState state : List.of(UpdateState.RECEIVING, UpdateState.RAW_COMPLETE)) {
            candidates.addAll(registry.inState(dataset, state));
        }
        for (UpdateRecord record : candidates) {
            if (!done.containsKey(record.update())) {
                done.put(record.update(), recover(bucket, dataset, record.update()));
            }
        }
        return done;
    }

    // --- the steps, called by PendingUpdate ---

    UpdateManifest commit(PendingUpdate pending, UpdateManifest next) {
        String what = pending.dataset() + "@" + pending.update();
        if (!next.dataset().equals(pending.dataset()) || !next.update().equals(pending.update())) {
            throw new IllegalArgumentException("the manifest of " + next + " does not belong to " + what);
        }
        pending.from().checkMove(next.state(), what);
        verify(pending, next);
        faults.after(CommitStep.VERIFIED, next);
        UpdateManifest written = write(pending, next);
        faults.after(CommitStep.MANIFEST_WRITTEN, written);
        if (registry != null) {
            lineage(written);
            UpdateRecord before = registry.find(pending.dataset(), pending.update()).orElseThrow(() ->
                    new IllegalStateException("update " + what + " vanished from the registry"));
            if (!registry.commit(record(written, before), pending.from(), pending.attempt())) {
                UpdateState now = registry.find(pending.dataset(), pending.update()).map(UpdateRecord::state).orElse(null);
                if (now != written.state()) {
                    throw new UpdateBusyException("update " + what + " was taken over by another attempt while "
                            + pending.attempt() + " committed it; the manifest says " + written.state().id());
                }
            }
        }
        faults.after(CommitStep.REGISTERED, written);
        announce(written);
        if (registry != null) {
            registry.release(pending.dataset(), pending.update(), pending.attempt());
        }
        return written;
    }

    void clear(PendingUpdate pending) {
        deleteAll(pending.bucket(), pending.writes().prefix(pending.dataset(), pending.update()));
    }

    void abandon(PendingUpdate pending, String reason) {
        if (pending.from() != UpdateState.RECEIVING) {
            throw new IllegalTransitionException(pending.dataset() + "@" + pending.update() + " (abandoned without a manifest)",
                    pending.from(), UpdateState.FAILED);
        }
        clear(pending);
        if (registry != null) {
            UpdateRecord r = registry.find(pending.dataset(), pending.update()).orElseThrow(() ->
                    new IllegalStateException("update " + pending.dataset() + "@" + pending.update() + " vanished from the registry"));
            registry.commit(new UpdateRecord(r.dataset(), r.update(), UpdateState.FAILED, r.deliveryKey(), r.manifestKey(),
                    r.rawBytes(), null, r.createdAt(), clock.instant(), reason), UpdateState.RECEIVING, pending.attempt());
            registry.release(pending.dataset(), pending.update(), pending.attempt());
        }
    }

    void abort(PendingUpdate pending) {
        Optional<UpdateManifest> written = manifest(pending.bucket(), pending.dataset(), pending.update());
        if (written.isPresent() && written.get().state() != pending.from()) {
            return; // committed before the failure: recovery finishes it, and its data stays
        }
        if (pending.writes() == UpdateFolder.DATA) {
            clear(pending);
        }
        if (registry != null) {
            registry.release(pending.dataset(), pending.update(), pending.attempt());
        }
    }

    /** The folder must list exactly the manifest's files: strays go, a missing or short file refuses the commit. */
    private void verify(PendingUpdate pending, UpdateManifest next) {
        String prefix = pending.writes().prefix(pending.dataset(), pending.update());
        Map<String, Long> listed = new HashMap<>();
        store.list(pending.bucket(), prefix).forEach(o -> listed.put(o.key(), o.size()));
        for (ManifestFile file : pending.writes().files(next)) {
            Long size = listed.remove(prefix + file.path());
            if (size == null || size != file.size()) {
                throw new IncompleteUpdateException("update " + next + " cannot be committed: " + prefix + file.path()
                        + (size == null ? " is missing" : " holds " + size + " bytes, but the manifest lists " + file.size()));
            }
        }
        listed.keySet().forEach(stray -> store.delete(pending.bucket(), stray));
    }

    private UpdateManifest write(PendingUpdate pending, UpdateManifest next) {
        byte[] json = next.toJson().getBytes(StandardCharsets.UTF_8);
        if (pending.from() != UpdateState.RECEIVING) {
            store.put(pending.bucket(), next.key(), json); // replaces the raw-complete manifest; the attempt guards it
            return next;
        }
        if (store.putIfAbsent(pending.bucket(), next.key(), json)) {
            return next;
        }
        // Written before: by this producer before a kill, or (without a registry) by another writer.
        UpdateManifest existing = manifest(pending.bucket(), pending.dataset(), pending.update()).orElseThrow(() ->
                new IllegalStateException("the manifest " + next.key() + " exists and does not"));
        if (existing.state() != next.state() || !existing.rawFiles().equals(next.rawFiles())
                || !existing.dataFiles().equals(next.dataFiles())) {
            throw new UpdateBusyException("update " + next + " was committed by another attempt as "
                    + existing.state().id());
        }
        return existing;
    }

    /** Moves the registry to the manifest's state, if it is behind (then true); creates the record if there is none. */
    private boolean follow(UpdateManifest written) {
        if (registry == null) {
            return false;
        }
        lineage(written);
        String what = written.dataset() + "@" + written.update();
        Optional<UpdateRecord> found = registry.find(written.dataset(), written.update());
        UpdateRecord current = found.orElse(null);
        if (current == null) {
            Instant now = clock.instant();
            UpdateRecord receiving = new UpdateRecord(written.dataset(), written.update(), UpdateState.RECEIVING,
                    written.source().deliveryKey(), written.key(), written.rawBytes(), null, written.createdAt(), now, null);
            if (!registry.create(receiving)) {
                current = registry.find(written.dataset(), written.update()).orElseThrow();
            } else {
                current = receiving;
            }
        }
        if (current.state() == written.state()) {
            return false;
        }
        current.state().checkMove(written.state(), what);
        if (!registry.transition(record(written, current), current.state())) {
            UpdateState now = registry.find(written.dataset(), written.update()).map(UpdateRecord::state).orElse(null);
            if (now != written.state()) {
                throw new UpdateBusyException("update " + what + " moved to " + now + " while its registry record"
                        + " followed the manifest (" + written.state().id() + ")");
            }
            return false;
        }
        return true;
    }

    /** A complete pipeline output is recorded as a downstream of its inputs first, so a reader who sees it sees where it went. */
    private void lineage(UpdateManifest written) {
        if (datasets != null && written.state() == UpdateState.COMPLETE) {
            written.upstreams().stream().map(UpstreamRef::dataset).distinct()
                    .forEach(upstream -> datasets.addDownstream(upstream, written.dataset()));
        }
    }

    private void announce(UpdateManifest written) {
        announcer.announce(written);
        faults.after(CommitStep.ANNOUNCED, written);
    }

    private UpdateRecord record(UpdateManifest m, UpdateRecord before) {
        return new UpdateRecord(m.dataset(), m.update(), m.state(), before.deliveryKey() != null ? before.deliveryKey()
                : m.source().deliveryKey(), m.key(), m.rawBytes(), m.rowCount().isPresent() ? m.rowCount().getAsLong() : null,
                before.createdAt(), clock.instant(), m.error().orElse(null));
    }

    /** Deletes what a committed manifest does not list under its raw and data folders; true when anything went. */
    private boolean sweep(String bucket, UpdateManifest manifest) {
        boolean removed = false;
        for (UpdateFolder folder : UpdateFolder.values()) {
            if (folder == UpdateFolder.RAW && manifest.rawFiles().isEmpty()) {
                continue; // ingest lists raw/ only; an update without raw files never had any
            }
            String prefix = folder.prefix(manifest.dataset(), manifest.update());
            Set<String> keep = new HashSet<>();
            folder.files(manifest).forEach(f -> keep.add(prefix + f.path()));
            for (ObjectStore.StoredObject o : store.list(bucket, prefix)) {
                if (!keep.contains(o.key())) {
                    store.delete(bucket, o.key());
                    removed = true;
                }
            }
        }
        return removed;
    }

    private void deleteAll(String bucket, String prefix) {
        store.list(bucket, prefix).forEach(o -> store.delete(bucket, o.key()));
    }

    /** Builds an {@link UpdateCommitter}; the store is required. */
    public static final class Builder {
        private ObjectStore store;
        private UpdateRegistry registry;
        private DatasetRegistry datasets;
        private UpdateAnnouncer announcer = UpdateAnnouncer.NONE;
        private Clock clock = Clock.systemUTC();
        private Duration lease = DEFAULT_LEASE;
        private CommitFaults faults = CommitFaults.NONE;

        private Builder() {
        }

        public Builder store(ObjectStore store) {
            this.store = store;
            return this;
        }

        /** The updates table, which makes commits once-only. @default none: a plain lake folder, guarded by the store alone */
        public Builder registry(UpdateRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** Where a complete update is recorded as a downstream of its inputs. @default none */
        public Builder datasets(DatasetRegistry datasets) {
            this.datasets = datasets;
            return this;
        }

        /** @default {@link UpdateAnnouncer#NONE} */
        public Builder announcer(UpdateAnnouncer announcer) {
            this.announcer = Objects.requireNonNull(announcer, "announcer");
            return this;
        }

        /** @default the system clock in UTC */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @default {@link UpdateCommitter#DEFAULT_LEASE} */
        public Builder lease(Duration lease) {
            if (lease.isNegative()) {
                throw new IllegalArgumentException("lease must not be negative, but " + lease + " was given");
            }
            this.lease = lease;
            return this;
        }

        /** @default {@link CommitFaults#NONE} */
        public Builder faults(CommitFaults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        public UpdateCommitter build() {
            return new UpdateCommitter(this);
        }
    }
}
