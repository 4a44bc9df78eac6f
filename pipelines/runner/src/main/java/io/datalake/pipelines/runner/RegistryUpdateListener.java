package io.datalake.pipelines.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.update.UpdateEvents;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.core.update.UpstreamRef;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.UpdateRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * What the lake learns of an update the runner committed, on AWS: its upstream datasets record it
 * as their downstream, the registry's updates table gets its new state (a conversion moves it from raw-complete, conditionally, so a retried job cannot
 * move it twice), and, when an event client is given, a complete update is announced on the
 * default event bus as {@value UpdateEvents#COMPLETE}, which starts the pipelines that read the
 * dataset live.
 */
public final class RegistryUpdateListener implements UpdateListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The bus every announcement goes to. */
    public static final String EVENT_BUS = "default";

    private final UpdateRegistry registry;
    private final DatasetRegistry datasets;
    private final Optional<EventBridgeClient> events;
    private final LakeNames names;
    private final Function<String, Tier> tierOf;
    private final Clock clock;

    /**
     * @param tierOf the tier of a dataset, from its dataset file
     */
    public RegistryUpdateListener(UpdateRegistry registry, DatasetRegistry datasets, Optional<EventBridgeClient> events,
            LakeNames names, Function<String, Tier> tierOf, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        this.events = Objects.requireNonNull(events, "events");
        this.names = Objects.requireNonNull(names, "names");
        this.tierOf = Objects.requireNonNull(tierOf, "tierOf");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void changed(UpdateManifest manifest, UpdateState previous) {
        UpdateRecord record = new UpdateRecord(manifest.dataset(), manifest.update(), manifest.state(),
                manifest.source().deliveryKey(), manifest.key(), manifest.rawBytes(), manifest.rowCount().isPresent()
                ? manifest.rowCount().getAsLong() : null, manifest.createdAt(), clock.instant(), manifest.error().orElse(null));
        if (manifest.state() == UpdateState.COMPLETE) {
            // Before the update shows: a reader who sees it can also see where it went. Idempotent on retries.
            manifest.upstreams().stream().map(UpstreamRef::dataset).distinct()
                    .forEach(upstream -> datasets.addDownstream(upstream, manifest.dataset()));
        }
        boolean moved = previous == null ? registry.create(record) : registry.transition(record, previous);
        if (!moved && previous != null) {
            // Another attempt got there first; the manifest in S3 is the truth either way.
            return;
        }
        if (manifest.state() == UpdateState.COMPLETE && events.isPresent()) {
            PutEventsResponse response = events.get().putEvents(r -> r.entries(event(manifest)));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                throw new IllegalStateException("EventBridge refused the complete event of " + manifest + ": "
                        + response.entries().get(0).errorCode() + " " + response.entries().get(0).errorMessage());
            }
        }
    }

    /** The {@value UpdateEvents#COMPLETE} event of a manifest. */
    PutEventsRequestEntry event(UpdateManifest manifest) {
        Tier tier = tierOf.apply(manifest.dataset());
        String detail = JSON.createObjectNode()
                .put(UpdateEvents.ENV, names.environment().name())
                .put(UpdateEvents.DATASET, manifest.dataset())
                .put(UpdateEvents.UPDATE, manifest.update().toString())
                .put(UpdateEvents.TIER, tier.id())
                .put(UpdateEvents.BUCKET, names.dataBucket(tier))
                .put(UpdateEvents.MANIFEST_KEY, DatasetLayout.manifestKey(manifest.dataset(), manifest.update()))
                .toString();
        return PutEventsRequestEntry.builder()
                .eventBusName(EVENT_BUS)
                .source(UpdateEvents.RUNNER_SOURCE)
                .detailType(UpdateEvents.COMPLETE)
                .detail(detail)
                .build();
    }
}
