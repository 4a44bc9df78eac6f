package io.datalake.pipelines.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.registry.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of a plain lake folder, which has no registry: one JSON line per recorded state in
 * {@code <lake>/_registry/runs.jsonl} (no bucket name can start with '_'), read back as the latest
 * state of each run. Against the local lake, its registry's runs table records runs instead.
 */
public final class LocalRunLog implements RunRecorder {
    /** Where the log lives under a lake folder. */
    public static final String FILE = "_registry/runs.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public LocalRunLog(Path lakeFolder) {
        this.file = lakeFolder.resolve(FILE);
    }

    @Override
    public synchronized void record(RunRecord run) {
        ObjectNode line = JSON.createObjectNode()
                .put("pipeline", run.pipeline())
                .put("runId", run.runId())
                .put("state", run.state())
                .put("startedAt", run.startedAt().toString());
        if (run.endedAt() != null) {
            line.put("endedAt", run.endedAt().toString());
        }
        if (run.rows() != null) {
            line.put("rows", run.rows());
        }
        if (run.error() != null) {
            line.put("error", run.error());
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the run in " + file, e);
        }
    }

    /**
     * The runs, newest first, each in its latest state.
     *
     * @param pipeline only this pipeline's runs, or {@code null} for all
     */
    public List<RunRecord> list(String pipeline, int limit) {
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, RunRecord> latest = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                RunRecord run = new RunRecord(node.get("pipeline").asText(), node.get("runId").asText(),
                        node.get("state").asText(), Instant.parse(node.get("startedAt").asText()),
                        node.hasNonNull("endedAt") ? Instant.parse(node.get("endedAt").asText()) : null,
                        node.hasNonNull("rows") ? node.get("rows").asLong() : null,
                        node.hasNonNull("error") ? node.get("error").asText() : null);
                if (pipeline == null || pipeline.equals(run.pipeline())) {
                    latest.put(run.pipeline() + "/" + run.runId(), run);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the runs in " + file, e);
        }
        List<RunRecord> runs = new ArrayList<>(latest.values());
        runs.sort(Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::runId).reversed());
        return runs.subList(0, Math.min(limit, runs.size()));
    }
}
