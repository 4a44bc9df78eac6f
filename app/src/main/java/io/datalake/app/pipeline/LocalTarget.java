package io.datalake.app.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.app.lake.LakeConnection;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.pipelines.runner.RegistryUpdateListener;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.RunRecord;
import io.datalake.registry.RunRegistry;
import io.datalake.registry.UpdateRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a local run writes, and who hears of it: a plain lake folder (the runner keeps the run log
 * in it), or the local lake of {@code lake local}, whose bucket folders the runner writes and whose
 * registry then records the run and the committed update, so {@code lake runs}, {@code lake updates}
 * and {@code lake query} see them as they would on AWS.
 */
public final class LocalTarget implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final LakeConnection lake;
    private final Function<String, Tier> tierOf;
    private final Clock clock;

    private LocalTarget(Path folder, LakeConnection lake, Function<String, Tier> tierOf, Clock clock) {
        this.folder = folder;
        this.lake = lake;
        this.tierOf = tierOf;
        this.clock = clock;
    }

    /** A plain lake folder, one folder per bucket. */
    public static LocalTarget folder(Path folder) {
        return new LocalTarget(folder, null, dataset -> Tier.INTERNAL, Clock.systemUTC());
    }

    /**
     * The local lake a connection reaches (running, or opened on its folder).
     *
     * @param tierOf the tier of a dataset, from its dataset file
     */
    public static LocalTarget localLake(LakeConnection lake, Function<String, Tier> tierOf) {
        LakeNames names = lake.names();
        Path buckets = lake.local().orElseThrow(() -> new IllegalArgumentException("not a local lake"))
                .bucketFolder(names.artifactBucket()).getParent();
        return new LocalTarget(buckets, lake, tierOf, Clock.systemUTC());
    }

    /** The folder of bucket folders the runner reads and writes. */
    public Path folder() {
        return folder;
    }

    /** Whether the runner should keep the run log in the folder: only without a registry. */
    public boolean runLogInFolder() {
        return lake == null;
    }

    /**
     * Checks that the local lake has the datasets deployed (registered), as a run on AWS needs them
     * deployed; a plain folder has no registry to ask.
     *
     * @throws LakeConfigException naming the first dataset that is not, and how to deploy it
     */
    public void requireDeployed(Collection<String> datasets) {
        if (lake == null) {
            return;
        }
        DatasetRegistry registry = new DatasetRegistry(lake.dynamo(), lake.names());
        for (String dataset : datasets) {
            if (registry.find(dataset).isEmpty()) {
                throw new LakeConfigException("dataset " + dataset + " is not deployed to the local lake; deploy it first"
                        + " with lake deploy-dataset <its file> --env local");
            }
        }
    }

    /** Records a run as started, when there is a registry. */
    public void started(String pipeline, UpdateId runId, Instant at) {
        if (lake != null) {
            new RunRegistry(lake.dynamo(), lake.names()).record(new RunRecord(pipeline, runId.toString(), RunRecord.RUNNING,
                    at, null, null, null));
        }
    }

    /**
     * Records how a run ended and the update it committed (read from the runner's result file and the
     * manifest), when there is a registry.
     */
    public void ended(String pipeline, UpdateId runId, Instant start, RunnerProcess.Result result, Path resultFile) {
        if (lake == null) {
            return;
        }
        Long rows = null;
        if (result.code() == 0) {
            JsonNode committed = read(resultFile);
            UpdateManifest manifest = manifest(committed.get("dataset").asText(), UpdateId.parse(committed.get("update").asText()))
                    .orElseThrow(() -> new IllegalStateException("the runner reported an update without a manifest"));
            listener().changed(manifest, null);
            rows = committed.get("rows").asLong();
        }
        new RunRegistry(lake.dynamo(), lake.names()).record(new RunRecord(pipeline, runId.toString(),
                result.code() == 0 ? RunRecord.SUCCEEDED : RunRecord.FAILED, start, clock.instant(), rows,
                result.code() == 0 ? null : result.lastError()));
    }

    /** Moves a converted (or failed) update in the registry, as the conversion job does on AWS. */
    public void converted(String dataset, UpdateId update) {
        if (lake == null) {
            return;
        }
        manifest(dataset, update).filter(m -> m.state() != UpdateState.RAW_COMPLETE)
                .ifPresent(m -> listener().changed(m, UpdateState.RAW_COMPLETE));
    }

    private RegistryUpdateListener listener() {
        return new RegistryUpdateListener(new UpdateRegistry(lake.dynamo(), lake.names()),
                new DatasetRegistry(lake.dynamo(), lake.names()), Optional.empty(), lake.names(),
                tierOf, clock);
    }

    private Optional<UpdateManifest> manifest(String dataset, UpdateId update) {
        Path file = folder.resolve(lake.names().dataBucket(tierOf.apply(dataset)))
                .resolve(io.datalake.core.DatasetLayout.manifestKey(dataset, update));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UpdateManifest.fromJson(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the runner's result " + file, e);
        }
    }

    @Override
    public void close() {
        if (lake != null) {
            lake.close();
        }
    }
}
