package io.datalake.pipelines.runner;

import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.update.ObjectStore;
import io.datalake.core.update.UpdateAnnouncer;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.UpdateRegistry;
import io.datalake.registry.commit.UpdateCommitter;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Records in the registry an update whose manifest a runner without registry access wrote (a local
 * run in its own JVM, recorded by the CLI afterwards): through {@link UpdateCommitter#finish}, so the
 * registry follows the manifest along the lifecycle, a complete update is recorded as a downstream
 * of its inputs, and, with an event client, announced ({@link EventBridgeAnnouncer}). Runs with
 * registry access commit through the {@link UpdateCommitter} directly.
 */
public final class RegistryUpdateListener {
    /** The bus every announcement goes to. */
    public static final String EVENT_BUS = EventBridgeAnnouncer.EVENT_BUS;

    private final UpdateCommitter committer;

    /**
     * @param tierOf the tier of a dataset, from its dataset file
     */
    public RegistryUpdateListener(UpdateRegistry registry, DatasetRegistry datasets, Optional<EventBridgeClient> events,
            LakeNames names, Function<String, Tier> tierOf, Clock clock) {
        Objects.requireNonNull(events, "events");
        this.committer = UpdateCommitter.builder().store(WRITTEN_ALREADY).registry(Objects.requireNonNull(registry, "registry"))
                .datasets(Objects.requireNonNull(datasets, "datasets"))
                .announcer(events.<UpdateAnnouncer>map(e -> new EventBridgeAnnouncer(e, names, tierOf)).orElse(UpdateAnnouncer.NONE))
                .clock(clock).build();
    }

    /**
     * @param manifest the manifest as written
     * @param previous the state the update had before; unused, the registry knows it
     */
    public void changed(UpdateManifest manifest, UpdateState previous) {
        committer.finish(manifest);
    }

    /** Finishing a written commit reads and writes no objects; the manifest is given. */
    private static final ObjectStore WRITTEN_ALREADY = new ObjectStore() {
        @Override
        public Optional<byte[]> get(String bucket, String key) {
            throw refused();
        }

        @Override
        public boolean putIfAbsent(String bucket, String key, byte[] content) {
            throw refused();
        }

        @Override
        public void put(String bucket, String key, byte[] content) {
            throw refused();
        }

        @Override
        public List<StoredObject> list(String bucket, String prefix) {
            throw refused();
        }

        @Override
        public void delete(String bucket, String key) {
            throw refused();
        }

        private UnsupportedOperationException refused() {
            return new UnsupportedOperationException("the registry listener records manifests already written");
        }
    };
}
