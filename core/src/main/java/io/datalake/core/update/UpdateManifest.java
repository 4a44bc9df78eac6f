package io.datalake.core.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The manifest of one update, {@code <dataset>/updates/<update>.json}: its state, where it came
 * from, its raw and converted files with sizes and checksums, its row count and the updates it was
 * made from. Immutable; a state change makes a new manifest with {@code with...} methods.
 */
public final class UpdateManifest {
    /** The manifest format version written into every manifest. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String dataset;
    private final UpdateId update;
    private final UpdateState state;
    private final UpdateSource source;
    private final Instant createdAt;
    private final Instant completedAt;
    private final List<ManifestFile> rawFiles;
    private final List<ManifestFile> dataFiles;
    private final Long rowCount;
    private final List<UpstreamRef> upstreams;
    private final String error;

    private UpdateManifest(Builder b) {
        this.dataset = DatasetLayout.checkName(b.dataset);
        this.update = Objects.requireNonNull(b.update, "update");
        this.state = Objects.requireNonNull(b.state, "state");
        this.source = Objects.requireNonNull(b.source, "source");
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.completedAt = b.completedAt;
        this.rawFiles = List.copyOf(b.rawFiles);
        this.dataFiles = List.copyOf(b.dataFiles);
        this.rowCount = b.rowCount;
        this.upstreams = List.copyOf(b.upstreams);
        this.error = b.error;
        if (state == UpdateState.COMPLETE && completedAt == null) {
            throw new IllegalArgumentException("a complete manifest needs completedAt");
        }
        if (state == UpdateState.FAILED && error == null) {
            throw new IllegalArgumentException("a failed manifest needs the error");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this manifest's values, to derive the next state from. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataset = dataset;
        b.update = update;
        b.state = state;
        b.source = source;
        b.createdAt = createdAt;
        b.completedAt = completedAt;
        b.rawFiles = new ArrayList<>(rawFiles);
        b.dataFiles = new ArrayList<>(dataFiles);
        b.rowCount = rowCount;
        b.upstreams = new ArrayList<>(upstreams);
        b.error = error;
        return b;
    }

    public String dataset() {
        return dataset;
    }

    public UpdateId update() {
        return update;
    }

    public UpdateState state() {
        return state;
    }

    public UpdateSource source() {
        return source;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    /** The delivered files, relative to {@code <dataset>/raw/<update>/}. */
    public List<ManifestFile> rawFiles() {
        return rawFiles;
    }

    /** The Parquet files, relative to {@code <dataset>/data/<update>/}. */
    public List<ManifestFile> dataFiles() {
        return dataFiles;
    }

    public OptionalLong rowCount() {
        return rowCount == null ? OptionalLong.empty() : OptionalLong.of(rowCount);
    }

    public List<UpstreamRef> upstreams() {
        return upstreams;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /**
     * This update completed: the next manifest, listing the converted files and rows.
     *
     * @throws IllegalTransitionException when this manifest's state may not become complete
     */
    public UpdateManifest completed(Instant at, List<ManifestFile> files, long rows) {
        state.checkMove(UpdateState.COMPLETE, dataset + "@" + update);
        return toBuilder().state(UpdateState.COMPLETE).completedAt(at).dataFiles(files).rowCount(rows).build();
    }

    /**
     * This update failed: the next manifest, with the reason and no converted files.
     *
     * @throws IllegalTransitionException when this manifest's state may not become failed
     */
    public UpdateManifest failed(String reason) {
        state.checkMove(UpdateState.FAILED, dataset + "@" + update);
        return toBuilder().state(UpdateState.FAILED).error(reason).dataFiles(List.of()).build();
    }

    /** The SHA-256 of {@link #toJson()}: what a commit in progress records, to recognise its manifest. */
    public String digest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(toJson().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The S3 key of this manifest. */
    public String key() {
        return DatasetLayout.manifestKey(dataset, update);
    }

    /** Total bytes of the raw files. */
    public long rawBytes() {
        return rawFiles.stream().mapToLong(ManifestFile::size).sum();
    }

    /** The manifest as JSON, in a stable field order. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("dataset", dataset);
        root.put("update", update.toString());
        root.put("state", state.id());
        ObjectNode src = root.putObject("source");
        src.put("kind", source.kind().id());
        putIfSet(src, "bucket", source.bucket());
        putIfSet(src, "key", source.key());
        putIfSet(src, "version", source.version());
        root.put("createdAt", createdAt.toString());
        if (completedAt != null) {
            root.put("completedAt", completedAt.toString());
        }
        files(root.putArray("rawFiles"), rawFiles);
        files(root.putArray("dataFiles"), dataFiles);
        if (rowCount != null) {
            root.put("rowCount", rowCount);
        }
        ArrayNode ups = root.putArray("upstreams");
        upstreams.forEach(u -> ups.addObject().put("dataset", u.dataset()).put("update", u.update().toString()));
        putIfSet(root, "error", error);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    /**
     * Reads a manifest.
     *
     * @throws LakeConfigException naming the field when the JSON is not a manifest
     */
    public static UpdateManifest fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LakeConfigException("manifest is not JSON: " + e.getOriginalMessage());
        }
        try {
            JsonNode src = required(root, "source");
            Builder b = builder()
                    .dataset(required(root, "dataset").asText())
                    .update(UpdateId.parse(required(root, "update").asText()))
                    .state(UpdateState.parse(required(root, "state").asText()))
                    .source(new UpdateSource(UpdateSource.Kind.valueOf(required(src, "kind").asText().toUpperCase(java.util.Locale.ROOT)),
                            text(src, "bucket"), text(src, "key"), text(src, "version")))
                    .createdAt(Instant.parse(required(root, "createdAt").asText()));
            if (root.hasNonNull("completedAt")) {
                b.completedAt(Instant.parse(root.get("completedAt").asText()));
            }
            root.path("rawFiles").forEach(f -> b.rawFile(file(f)));
            root.path("dataFiles").forEach(f -> b.dataFile(file(f)));
            if (root.hasNonNull("rowCount")) {
                b.rowCount(root.get("rowCount").asLong());
            }
            root.path("upstreams").forEach(u -> b.upstream(new UpstreamRef(required(u, "dataset").asText(),
                    UpdateId.parse(required(u, "update").asText()))));
            b.error(text(root, "error"));
            return b.build();
        } catch (LakeConfigException e) {
            throw e;
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new LakeConfigException("manifest is invalid: " + e.getMessage());
        }
    }

    private static ManifestFile file(JsonNode f) {
        return new ManifestFile(required(f, "path").asText(), required(f, "size").asLong(), required(f, "sha256").asText());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new LakeConfigException("manifest field '" + field + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void files(ArrayNode array, List<ManifestFile> files) {
        files.forEach(f -> array.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpdateManifest other && toJson().equals(other.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return dataset + "@" + update + " (" + state.id() + ")";
    }

    /** Builds an {@link UpdateManifest}; dataset, update, state, source and createdAt are required. */
    public static final class Builder {
        private String dataset;
        private UpdateId update;
        private UpdateState state;
        private UpdateSource source;
        private Instant createdAt;
        private Instant completedAt;
        private List<ManifestFile> rawFiles = new ArrayList<>();
        private List<ManifestFile> dataFiles = new ArrayList<>();
        private Long rowCount;
        private List<UpstreamRef> upstreams = new ArrayList<>();
        private String error;

        private Builder() {
        }

        public Builder dataset(String dataset) {
            this.dataset = dataset;
            return this;
        }

        public Builder update(UpdateId update) {
            this.update = update;
            return this;
        }

        public Builder state(UpdateState state) {
            this.state = state;
            return this;
        }

        public Builder source(UpdateSource source) {
            this.source = source;
            return this;
        }

        public Builder createdAt(Instant at) {
            this.createdAt = at;
            return this;
        }

        public Builder completedAt(Instant at) {
            this.completedAt = at;
            return this;
        }

        public Builder rawFile(ManifestFile file) {
            this.rawFiles.add(file);
            return this;
        }

        public Builder dataFile(ManifestFile file) {
            this.dataFiles.add(file);
            return this;
        }

        public Builder dataFiles(List<ManifestFile> files) {
            this.dataFiles = new ArrayList<>(files);
            return this;
        }

        public Builder rowCount(long rows) {
            this.rowCount = rows;
            return this;
        }

        public Builder upstream(UpstreamRef upstream) {
            this.upstreams.add(upstream);
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public UpdateManifest build() {
            return new UpdateManifest(this);
        }
    }
}
