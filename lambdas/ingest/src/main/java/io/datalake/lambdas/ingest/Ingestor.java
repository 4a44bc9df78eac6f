package io.datalake.lambdas.ingest;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.ObjectStore;
import io.datalake.core.update.SourceKeys;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.lambdas.ingest.exceptions.RejectedDeliveryException;
import io.datalake.lambdas.ingest.exceptions.UnknownDropBucketException;
import io.datalake.lambdas.ingest.exceptions.UpdateIdCollisionException;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.DeliveryLedger;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import io.datalake.registry.commit.S3ObjectStore;
import io.datalake.registry.commit.UpdateCommitter;
import io.datalake.registry.commit.UpdateFolder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns one delivery into one update. The steps, each idempotent, so that a retry after a crash
 * anywhere finishes the same update and never starts a second one:
 * <ol>
 *   <li>name the dataset from the key's first folder; a key of no registered dataset of the drop
 *       bucket's tier is moved to {@code quarantine/} with its reason;</li>
 *   <li>claim the delivery in the ledger ({@link IngestStep#CLAIMED}): a done claim is skipped, an
 *       unfinished one resumes its update id;</li>
 *   <li>record the update {@code receiving} ({@link IngestStep#RECORDED});</li>
 *   <li>copy or unpack the files into {@code <dataset>/raw/<update>/}, verified, with sizes and
 *       SHA-256 ({@link IngestStep#COPIED});</li>
 *   <li>commit through the lake's one {@link UpdateCommitter}: it checks that {@code raw/<update>/}
 *       lists exactly the copied files, writes the manifest once ({@link IngestStep#MANIFEST_WRITTEN}):
 *       {@code raw-complete} when the dataset has a schema (Parquet conversion follows), {@code complete}
 *       otherwise. The manifest is the commit point: until it exists nothing of the update is visible.
 *       The committer then moves the registry record ({@link IngestStep#REGISTERED}) and hands a
 *       raw-complete update to the {@link ConversionTrigger} ({@link IngestStep#CONVERSION_TRIGGERED});</li>
 *   <li>delete the dropped object ({@link IngestStep#SOURCE_DELETED}) and mark the delivery done
 *       ({@link IngestStep#DONE}).</li>
 * </ol>
 * A delivery refused for good ({@link RejectedDeliveryException}) writes nothing under
 * {@code raw/}; its update is marked failed with the reason, and a dropped object moves to the
 * quarantine. Any other failure propagates, and the message is retried.
 */
public final class Ingestor {
    /** How many fresh update ids are tried before giving up on one that is free. */
    private static final int ID_ATTEMPTS = 8;

    private final S3Client s3;
    private final LakeNames names;
    private final DatasetRegistry datasets;
    private final UpdateRegistry updates;
    private final DeliveryLedger ledger;
    private final ConversionTrigger trigger;
    private final Faults faults;
    private final Clock clock;
    private final Supplier<RandomGenerator> random;
    private final RawWriter raw;
    private final ObjectStore store;
    private final Quarantine quarantine;
    private final RequestGate gate;
    private final Map<String, Tier> dropTiers = new LinkedHashMap<>();

    private Ingestor(Builder b) {
        this.s3 = Objects.requireNonNull(b.s3, "s3 is required");
        DynamoDbClient dynamo = Objects.requireNonNull(b.dynamo, "dynamo is required");
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.trigger = Objects.requireNonNull(b.trigger, "trigger is required");
        this.faults = b.faults;
        this.clock = b.clock;
        this.random = b.random;
        this.datasets = new DatasetRegistry(dynamo, names);
        this.updates = new UpdateRegistry(dynamo, names);
        this.ledger = new DeliveryLedger(dynamo, names);
        this.raw = new RawWriter(s3, b.limits);
        this.store = new S3ObjectStore(s3);
        this.quarantine = new Quarantine(s3, b.limits);
        this.gate = new RequestGate(names, ledger, b.stagingBuckets);
        for (Tier tier : b.tiers) {
            dropTiers.put(names.dropBucket(tier), tier);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The dataset a delivery belongs to, with its spec and tier. */
    private record Target(String dataset, DatasetSpec spec, Tier tier) {
    }

    /**
     * Ingests one delivery.
     *
     * @throws UnknownDropBucketException for an event from a bucket that is not a drop bucket
     * @throws RuntimeException for failures worth retrying (S3, DynamoDB, EventBridge, verification)
     */
    public Outcome ingest(Delivery delivery) {
        if (delivery.isDrop()) {
            if (delivery.key().endsWith("/")) {
                return Outcome.ignored("a folder marker, not a file");
            }
            if (delivery.key().startsWith(Quarantine.PREFIX)) {
                return Outcome.ignored("the quarantine is not ingested");
            }
            Tier tier = dropTiers.get(delivery.bucket());
            if (tier == null) {
                throw new UnknownDropBucketException(delivery.bucket(), String.join(", ", dropTiers.keySet()));
            }
            Optional<String> dots = SourceKeys.dotSegment(delivery.key());
            if (dots.isPresent()) {
                // Not even quarantined: reading, copying or deleting the key on a store that resolves paths
                // (s3proxy, the local lake) would touch another dataset's object, or another bucket's.
                return Outcome.refused(null, "the key '" + delivery.key() + "' " + dots.get() + "; it is left in "
                        + delivery.bucket() + " untouched");
            }
            return resolveDrop(delivery, tier);
        }
        String dataset = delivery.request().dataset();
        Optional<DatasetRegistration> registration = datasets.find(dataset);
        Optional<String> refusal = gate.refusal(delivery.request(), registration.map(DatasetRegistration::tier).orElse(null));
        if (refusal.isPresent()) {
            return Outcome.refused(dataset, refusal.get());
        }
        if (registration.isEmpty()) {
            return run(delivery, new Target(dataset, null, null), "dataset '" + dataset + "' is not registered in "
                    + names.registryTable(RegistryTable.DATASETS));
        }
        return run(delivery, new Target(dataset, spec(registration.get()), registration.get().tier()), null);
    }

    private Outcome resolveDrop(Delivery delivery, Tier tier) {
        String dataset;
        try {
            dataset = DropKey.parse(delivery.key()).dataset();
        } catch (DropKey.Refused refused) {
            return quarantine(delivery, refused.dataset(), refused.getMessage());
        }
        Optional<DatasetRegistration> registration = datasets.find(dataset);
        if (registration.isEmpty()) {
            return quarantine(delivery, dataset, "dataset '" + dataset + "' is not registered in "
                    + names.registryTable(RegistryTable.DATASETS) + ": deploy it with lake deploy-dataset first");
        }
        Tier registered = registration.get().tier();
        if (registered != tier) {
            return quarantine(delivery, dataset, "dataset '" + dataset + "' is in tier " + registered.id()
                    + ", but the file was dropped in the " + tier.id() + " drop bucket; drop it in "
                    + names.dropBucket(registered));
        }
        return run(delivery, new Target(dataset, spec(registration.get()), tier), null);
    }

    private Outcome quarantine(Delivery delivery, String dataset, String reason) {
        Optional<SourceObject> source = locate(delivery);
        if (source.isPresent() && superseded(delivery, source.get())) {
            return Outcome.ignored("superseded: the key was written again since this event; that write's event handles it");
        }
        boolean moved = quarantine.move(delivery, source.orElse(null), reason);
        return Outcome.quarantined(dataset, moved ? reason : reason + " (the object no longer exists)");
    }

    private Outcome run(Delivery delivery, Target target, String refusal) {
        String dataset = target.dataset();
        String deliveryKey = delivery.deliveryKey();
        UpdateId proposed = delivery.request() != null ? delivery.request().update() : freshId(dataset);
        DeliveryLedger.Claim claim = ledger.claim(deliveryKey, dataset, proposed, clock.instant());
        if (claim.done()) {
            return Outcome.duplicate(claim.dataset(), claim.update(), delivery.isDrop() && removeDuplicate(delivery));
        }
        UpdateId update = claim.update();
        faults.after(IngestStep.CLAIMED, delivery);

        Optional<UpdateRecord> existing = updates.find(dataset, update);
        if (existing.isPresent() && existing.get().state() == UpdateState.FAILED) {
            // Refused before; finish what the refusal may not have (quarantine, ledger).
            String reason = existing.get().error() == null ? "refused" : existing.get().error();
            if (delivery.isDrop()) {
                locate(delivery).filter(s -> !superseded(delivery, s)).ifPresent(s -> quarantine.move(delivery, s, reason));
            }
            ledger.markDone(deliveryKey);
            return Outcome.rejected(dataset, update, reason);
        }
        String manifestKey = DatasetLayout.manifestKey(dataset, update);
        UpdateCommitter committer = refusal != null ? null : committer(delivery, target);
        Optional<UpdateManifest> written = refusal != null ? Optional.empty()
                : committer.manifest(names.dataBucket(target.tier()), dataset, update);
        UpdateManifest manifest;
        if (written.isPresent()) {
            // Committed before a kill: the registry follows the manifest, and the state is announced again.
            manifest = committer.finish(written.get());
        } else {
            SourceObject source = null;
            try {
                if (refusal != null) {
                    throw new RejectedDeliveryException(refusal);
                }
                source = locate(delivery).orElseThrow(() -> new RejectedDeliveryException(
                        "the delivered object " + delivery + " no longer exists"));
                if (superseded(delivery, source) && !delivery.isDrop()) {
                    // No later event will deliver the new content: the requester must ask again.
                    throw new RejectedDeliveryException("the object " + delivery + " was written again after the API"
                            + " accepted it (ETag " + delivery.etag() + " then, " + source.etag() + " now); ask again to"
                            + " ingest the new content");
                }
                if (superseded(delivery, source)) {
                    existing.ifPresent(r -> fail(r, dataset, update, deliveryKey, manifestKey,
                            "superseded by a newer upload of " + delivery.key()));
                    ledger.markDone(deliveryKey);
                    return Outcome.ignored("superseded: the key was written again since this event; that write's event handles it");
                }
                UpdateRecord record = existing.orElseGet(() -> record(delivery, dataset, update, manifestKey));
                faults.after(IngestStep.RECORDED, delivery);
                String bucket = names.dataBucket(target.tier());
                String prefix = DatasetLayout.rawPrefix(dataset, update);
                List<ManifestFile> files = raw.write(source, target.spec().format().compression(), bucket, prefix);
                raw.tagRetention(bucket, prefix, files, target.spec().rawRetentionDays());
                faults.after(IngestStep.COPIED, delivery);
                // The delivery key is the attempt: the ledger lets one delivery's retries resume it. The commit
                // deletes what an earlier, killed copy left under raw/ that the manifest does not list.
                manifest = committer.begin(bucket, dataset, update, UpdateState.RECEIVING, UpdateFolder.RAW, deliveryKey)
                        .commit(manifest(delivery, source, target, update, record, files));
            } catch (RejectedDeliveryException e) {
                return refuse(delivery, target, update, existing.orElse(null), source, e.getMessage());
            }
        }

        UpdateState registered = manifest.state();
        UpdateSource source = manifest.source();
        if (delivery.isDrop() || dropTiers.containsKey(source.bucket())) {
            // Without a version id: in the versioned drop bucket this adds a delete marker (s3:DeleteObject is all the
            // ingest may do there) and the copied version expires a day later. A newer upload of the same key is not
            // lost: its own event reads it by its version id.
            s3.deleteObject(r -> r.bucket(source.bucket()).key(source.key()));
        }
        faults.after(IngestStep.SOURCE_DELETED, delivery);
        ledger.markDone(deliveryKey);
        faults.after(IngestStep.DONE, delivery);
        return Outcome.ingested(dataset, update, registered, manifest.rawFiles());
    }

    private UpdateManifest manifest(Delivery delivery, SourceObject source, Target target, UpdateId update,
                                    UpdateRecord record, List<ManifestFile> files) {
        UpdateState state = target.spec().hasSchema() ? UpdateState.RAW_COMPLETE : UpdateState.COMPLETE;
        UpdateManifest.Builder b = UpdateManifest.builder()
                .dataset(target.dataset())
                .update(update)
                .state(state)
                // The key S3 stores, which differs from the event's only for a URL-encoded key.
                .source(new UpdateSource(delivery.kind(), source.bucket(), source.key(), delivery.source().version()))
                .createdAt(record.createdAt());
        if (state == UpdateState.COMPLETE) {
            b.completedAt(clock.instant());
        }
        files.forEach(b::rawFile);
        return b.build();
    }

    /**
     * The committer of one delivery's update: it writes the manifest once, moves the registry and hands a
     * raw-complete update to the conversion; the ingest's fault seam sees its steps.
     */
    private UpdateCommitter committer(Delivery delivery, Target target) {
        String bucket = names.dataBucket(target.tier());
        return UpdateCommitter.builder().store(store).registry(updates).clock(clock)
                .announcer(m -> {
                    if (m.state() == UpdateState.RAW_COMPLETE) {
                        trigger.rawComplete(new RawComplete(m.dataset(), m.update(), target.tier(), bucket, m.key()));
                    }
                })
                .faults((step, m) -> {
                    switch (step) {
                        case MANIFEST_WRITTEN -> faults.after(IngestStep.MANIFEST_WRITTEN, delivery);
                        case REGISTERED -> faults.after(IngestStep.REGISTERED, delivery);
                        case ANNOUNCED -> {
                            if (m.state() == UpdateState.RAW_COMPLETE) {
                                faults.after(IngestStep.CONVERSION_TRIGGERED, delivery);
                            }
                        }
                        default -> {
                        }
                    }
                })
                .build();
    }

    private Outcome refuse(Delivery delivery, Target target, UpdateId update, UpdateRecord existing, SourceObject source,
                           String reason) {
        if (target.tier() != null) {
            raw.clear(names.dataBucket(target.tier()), DatasetLayout.rawPrefix(target.dataset(), update));
        }
        fail(existing, target.dataset(), update, delivery.deliveryKey(), DatasetLayout.manifestKey(target.dataset(), update),
                reason);
        faults.after(IngestStep.REFUSED, delivery);
        if (delivery.isDrop() && source != null) {
            quarantine.move(delivery, source, reason);
        }
        ledger.markDone(delivery.deliveryKey());
        faults.after(IngestStep.DONE, delivery);
        return Outcome.rejected(target.dataset(), update, reason);
    }

    /** Records the update {@code receiving}, or adopts the record an earlier attempt (or the API) made. */
    private UpdateRecord record(Delivery delivery, String dataset, UpdateId update, String manifestKey) {
        Instant now = clock.instant();
        UpdateRecord fresh = new UpdateRecord(dataset, update, UpdateState.RECEIVING, delivery.deliveryKey(), manifestKey,
                0, null, now, now, null);
        if (updates.create(fresh)) {
            return fresh;
        }
        UpdateRecord found = updates.find(dataset, update).orElseThrow(() -> new IllegalStateException(
                "update " + dataset + "@" + update + " exists and does not"));
        // The API reserves its update id itself; a drop's id must be this delivery's.
        if (delivery.isDrop() && !delivery.deliveryKey().equals(found.deliveryKey())) {
            throw new UpdateIdCollisionException("update " + dataset + "@" + update + " belongs to delivery "
                    + found.deliveryKey() + ", not to " + delivery.deliveryKey());
        }
        return found;
    }

    /** Marks the update failed with the reason, creating its record if there is none yet. */
    private void fail(UpdateRecord existing, String dataset, UpdateId update, String deliveryKey, String manifestKey,
                      String reason) {
        Instant now = clock.instant();
        UpdateRecord current = existing;
        if (current == null) {
            UpdateRecord failed = new UpdateRecord(dataset, update, UpdateState.FAILED, deliveryKey, manifestKey, 0, null,
                    now, now, reason);
            if (updates.create(failed)) {
                return;
            }
            current = updates.find(dataset, update).orElseThrow();
        }
        if (current.state() == UpdateState.FAILED) {
            return;
        }
        UpdateRecord failed = new UpdateRecord(dataset, update, UpdateState.FAILED, current.deliveryKey(), manifestKey, 0,
                null, current.createdAt(), now, reason);
        if (!updates.transition(failed, current.state())) {
            throw new IllegalStateException("update " + dataset + "@" + update + " changed while it was being failed");
        }
    }

    /**
     * The delivered object as S3 has it now. An EventBridge key is used as it is; only when no such
     * object exists and the key looks URL-encoded is its decoded form tried, so a key holding a
     * literal {@code +} or {@code %} is never mangled.
     */
    private Optional<SourceObject> locate(Delivery delivery) {
        Optional<SourceObject> found = head(delivery.bucket(), delivery.key(), delivery.versionId());
        if (found.isEmpty() && (delivery.key().indexOf('%') >= 0 || delivery.key().indexOf('+') >= 0)) {
            try {
                String decoded = URLDecoder.decode(delivery.key(), StandardCharsets.UTF_8);
                if (!decoded.equals(delivery.key())) {
                    found = head(delivery.bucket(), decoded, delivery.versionId());
                }
            } catch (IllegalArgumentException e) {
                // Not URL-encoded after all.
            }
        }
        return found;
    }

    private Optional<SourceObject> head(String bucket, String key, String versionId) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key).versionId(versionId));
            return Optional.of(new SourceObject(bucket, key, versionId != null ? versionId : head.versionId(), head.eTag(),
                    head.contentLength()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Deletes a dropped object whose delivery was ingested before (the same key and content, again),
     * so it does not sit in the drop bucket unnoticed; only while the key still holds that very
     * version (or ETag), never a newer upload.
     */
    private boolean removeDuplicate(Delivery delivery) {
        Optional<SourceObject> now = head(delivery.bucket(), delivery.key(), null);
        boolean same = now.isPresent() && (delivery.versionId() != null ? delivery.versionId().equals(now.get().versionId())
                : delivery.etag() != null && delivery.etag().equals(now.get().etag()));
        if (same) {
            s3.deleteObject(r -> r.bucket(delivery.bucket()).key(delivery.key()));
        }
        return same;
    }

    /** In an unversioned bucket, whether the key was written again after the event's write (or the API's look). */
    private static boolean superseded(Delivery delivery, SourceObject source) {
        return delivery.versionId() == null && delivery.etag() != null && source.etag() != null
                && !delivery.etag().equals(source.etag());
    }

    /** A new update id that no update of the dataset has yet. */
    private UpdateId freshId(String dataset) {
        for (int i = 0; i < ID_ATTEMPTS; i++) {
            UpdateId id = UpdateId.create(clock.instant(), random.get());
            if (updates.find(dataset, id).isEmpty()) {
                return id;
            }
        }
        throw new UpdateIdCollisionException("no free update id for " + dataset + " after " + ID_ATTEMPTS + " attempts");
    }

    private static DatasetSpec spec(DatasetRegistration registration) {
        return DatasetFiles.parse(registration.dataset() + " (registry)", registration.spec());
    }

    /** Builds an {@link Ingestor}; the clients, names and trigger are required. */
    public static final class Builder {
        private S3Client s3;
        private DynamoDbClient dynamo;
        private LakeNames names;
        private ConversionTrigger trigger;
        private IngestLimits limits = IngestLimits.defaults();
        private Faults faults = Faults.NONE;
        private Set<Tier> tiers = EnumSet.allOf(Tier.class);
        private Set<String> stagingBuckets = Set.of();
        private Clock clock = Clock.systemUTC();
        private Supplier<RandomGenerator> random = SecureRandom::new;

        private Builder() {
        }

        public Builder s3(S3Client s3) {
            this.s3 = s3;
            return this;
        }

        public Builder dynamo(DynamoDbClient dynamo) {
            this.dynamo = dynamo;
            return this;
        }

        /** The environment's names: its drop and data buckets and registry tables. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        public Builder trigger(ConversionTrigger trigger) {
            this.trigger = trigger;
            return this;
        }

        /** @default {@link IngestLimits#defaults()} */
        public Builder limits(IngestLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** @default {@link Faults#NONE} */
        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** The tiers whose drop buckets deliver; an event from another bucket fails. @default every tier */
        public Builder tiers(Set<Tier> tiers) {
            this.tiers = EnumSet.copyOf(tiers);
            return this;
        }

        /**
         * Lake buckets where the REST API may stage files for ingest ({@code lake local} stages in its
         * artifacts bucket). An ingest request naming one is still honoured only with the API's record.
         *
         * @default none
         */
        public Builder stagingBuckets(Set<String> buckets) {
            this.stagingBuckets = Set.copyOf(buckets);
            return this;
        }

        /** @default the system clock in UTC */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where the random suffix of update ids comes from. The default makes a new
         * {@link SecureRandom} for each id, so that execution environments restored from one
         * SnapStart snapshot do not repeat each other's ids.
         *
         * @default a new {@link SecureRandom} per id
         */
        public Builder random(Supplier<RandomGenerator> random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Ingestor build() {
            return new Ingestor(this);
        }
    }
}
