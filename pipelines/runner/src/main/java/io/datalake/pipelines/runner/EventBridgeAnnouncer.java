package io.datalake.pipelines.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.update.UpdateAnnouncer;
import io.datalake.core.update.UpdateEvents;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Announces a complete update on the default event bus as {@value UpdateEvents#COMPLETE}, which
 * starts the pipelines that read the dataset live; other states are not announced.
 */
public final class EventBridgeAnnouncer implements UpdateAnnouncer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The bus every announcement goes to. */
    public static final String EVENT_BUS = "default";

    private final EventBridgeClient events;
    private final LakeNames names;
    private final Function<String, Tier> tierOf;

    /**
     * @param tierOf the tier of a dataset, from its dataset file
     */
    public EventBridgeAnnouncer(EventBridgeClient events, LakeNames names, Function<String, Tier> tierOf) {
        this.events = Objects.requireNonNull(events, "events");
        this.names = Objects.requireNonNull(names, "names");
        this.tierOf = Objects.requireNonNull(tierOf, "tierOf");
    }

    @Override
    public void announce(UpdateManifest committed) {
        if (committed.state() != UpdateState.COMPLETE) {
            return;
        }
        PutEventsResponse response = events.putEvents(r -> r.entries(event(committed)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("EventBridge refused the complete event of " + committed + ": "
                    + response.entries().get(0).errorCode() + " " + response.entries().get(0).errorMessage());
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
