package io.datalake.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.LakeConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The project's {@code cdk.json}, read by the CLI so that {@code lake synth} sees the same context
 * (environments, feature flags) as {@code cdk synth}.
 */
final class CdkConfig {
    private final Map<String, Object> context;

    private CdkConfig(Map<String, Object> context) {
        this.context = context;
    }

    /**
     * @throws LakeConfigException when the file is missing or is not JSON, naming the file and line
     */
    @SuppressWarnings("unchecked")
    static CdkConfig read(Path file) {
        try {
            Map<String, Object> json = new ObjectMapper().readValue(Files.readString(file), Map.class);
            Object context = json.get("context");
            return new CdkConfig(context instanceof Map<?, ?> map
                    ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>());
        } catch (NoSuchFileException e) {
            throw new LakeConfigException(file + ": not found; run lake from the project folder or pass --config");
        } catch (JsonProcessingException e) {
            throw new LakeConfigException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LakeConfigException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** The context, with the CLI's own additions. */
    Map<String, Object> context() {
        return context;
    }
}
