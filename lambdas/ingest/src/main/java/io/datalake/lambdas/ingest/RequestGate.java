package io.datalake.lambdas.ingest;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.update.IngestRequest;
import io.datalake.core.update.SourceKeys;
import io.datalake.registry.DeliveryLedger;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an ingest request of the REST API may be honoured at all, before anything is
 * written. Anyone who can put a message on the ingest queue can forge a request, and the ingest
 * function can read every drop bucket; without this gate a request naming another dataset's raw
 * files as its source would copy them into a dataset of a lower tier. A request is honoured only
 * when
 * <ul>
 *   <li>its source is the drop bucket of the dataset's own tier (under {@code <dataset>/}), a
 *       staging bucket the lake was configured with, or a bucket outside the lake — never a data
 *       bucket, another tier's drop bucket, or the artifact, Athena-results or access-log bucket;</li>
 *   <li>its key is one {@link SourceKeys} accepts (no {@code ..}, no control characters);</li>
 *   <li>the delivery ledger holds the API's record of it ({@link DeliveryLedger.Accepted}) under its
 *       delivery key, for the same dataset and update, the same bucket and key, and the same
 *       pinned version id and ETag. The API writes that record before it queues the request.</li>
 * </ul>
 * A refused request is answered without a write anywhere (no ledger claim, no update record, no
 * quarantine), so a forger learns nothing and changes nothing.
 */
final class RequestGate {
    private final LakeNames names;
    private final DeliveryLedger ledger;
    private final Set<String> stagingBuckets;

    RequestGate(LakeNames names, DeliveryLedger ledger, Set<String> stagingBuckets) {
        this.names = Objects.requireNonNull(names, "names");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.stagingBuckets = Set.copyOf(stagingBuckets);
    }

    /**
     * Why the request must be refused, or empty when it may be ingested.
     *
     * @param tier the registered tier of the request's dataset, or {@code null} when it is not registered
     */
    Optional<String> refusal(IngestRequest request, Tier tier) {
        String bucket = request.bucket();
        String key = request.key();
        Optional<String> keyProblem = SourceKeys.problem(key);
        if (keyProblem.isPresent()) {
            return Optional.of("the source key of s3://" + bucket + "/... " + keyProblem.get());
        }
        String source = "s3://" + bucket + "/" + key;
        for (Tier t : Tier.values()) {
            if (bucket.equals(names.dataBucket(t))) {
                return Optional.of(source + " is in the " + t.id() + " tier's data bucket: ingest never copies from the lake's"
                        + " data buckets");
            }
            if (bucket.equals(names.dropBucket(t))) {
                if (tier == null || t != tier) {
                    return Optional.of(source + " is in the " + t.id() + " drop bucket, but dataset '" + request.dataset()
                            + "' is " + (tier == null ? "not registered" : "in tier " + tier.id()));
                }
                if (!key.startsWith(DatasetLayout.prefix(request.dataset()))) {
                    return Optional.of(source + " is not under " + DatasetLayout.prefix(request.dataset())
                            + ": a drop bucket delivers to the dataset its first folder names");
                }
            }
        }
        boolean ownDrop = tier != null && bucket.equals(names.dropBucket(tier));
        if (!ownDrop && !stagingBuckets.contains(bucket) && names.isLakeBucket(bucket)) {
            return Optional.of(source + " is in one of the lake's own buckets, which are no sources of ingest");
        }
        Optional<DeliveryLedger.Claim> claim = ledger.find(request.deliveryKey());
        if (claim.isEmpty() || claim.get().accepted() == null) {
            return Optional.of("the API has no record of an ingest request with delivery key '" + request.deliveryKey()
                    + "': only requests the API accepted are ingested");
        }
        DeliveryLedger.Claim record = claim.get();
        DeliveryLedger.Accepted accepted = record.accepted();
        if (!record.dataset().equals(request.dataset()) || !record.update().equals(request.update())) {
            return Optional.of("the API accepted delivery '" + request.deliveryKey() + "' as update " + record.update()
                    + " of dataset " + record.dataset() + ", not as update " + request.update() + " of " + request.dataset());
        }
        if (!accepted.bucket().equals(bucket) || !accepted.key().equals(key)) {
            return Optional.of("the API accepted s3://" + accepted.bucket() + "/" + accepted.key() + " for delivery '"
                    + request.deliveryKey() + "', not " + source);
        }
        if (!Objects.equals(accepted.versionId(), request.versionId()) || !Objects.equals(accepted.etag(), request.etag())) {
            return Optional.of("the API accepted " + source + " at version " + accepted.versionId() + " (ETag "
                    + accepted.etag() + "), not version " + request.versionId() + " (ETag " + request.etag() + ")");
        }
        return Optional.empty();
    }
}
