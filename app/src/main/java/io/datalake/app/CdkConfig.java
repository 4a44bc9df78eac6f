package io.datalake.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.Environments;
import io.datalake.core.LakeConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The project's {@code cdk.json}, read by the CLI so that {@code lake synth} sees the same context
 * (environments, feature flags) as {@code cdk synth}.
 */
public final class CdkConfig {
    /** Context key holding the folder of cdk.json, against which relative paths in it resolve. */
    public static final String PROJECT_DIR_CONTEXT = "datalake:projectDir";

    private static final Map<String, String> CLI_SETTINGS = Map.of(
            "versionReporting", "aws:cdk:version-reporting",
            "pathMetadata", "aws:cdk:enable-path-metadata",
            "assetMetadata", "aws:cdk:enable-asset-metadata");

    private final Map<String, Object> context;

    private CdkConfig(Map<String, Object> context) {
        this.context = context;
    }

    /**
     * @throws LakeConfigException when the file is missing or is not JSON, naming the file and line
     */
    @SuppressWarnings("unchecked")
    public static CdkConfig read(Path file) {
        try {
            Map<String, Object> json = new ObjectMapper().readValue(Files.readString(file), Map.class);
            Object declared = json.get("context");
            Map<String, Object> context = declared instanceof Map<?, ?> map
                    ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
            // The CDK CLI turns these top-level settings into context; do the same so both synthesize alike.
            CLI_SETTINGS.forEach((setting, key) -> {
                if (json.get(setting) instanceof Boolean value) {
                    context.put(key, value);
                }
            });
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                context.putIfAbsent(PROJECT_DIR_CONTEXT, dir.toString());
            }
            return new CdkConfig(context);
        } catch (NoSuchFileException e) {
            throw new LakeConfigException(file + ": not found; run lake from the project folder or pass --config");
        } catch (JsonProcessingException e) {
            throw new LakeConfigException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LakeConfigException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** The context as the file declares it. */
    public Map<String, Object> context() {
        return Collections.unmodifiableMap(context);
    }

    /**
     * The named environment of this file, without starting the CDK.
     *
     * @throws LakeConfigException for an unknown name, listing the known ones
     */
    public io.datalake.core.Environment environment(String env) {
        return Environments.fromContext(context.get(Environments.CONTEXT_KEY)).get(env);
    }

    /**
     * A CDK app with this file's context, the environment selected and the given output folder:
     * what {@code cdk synth -c env=NAME} builds.
     */
    public App newApp(String env, Path outdir) {
        Map<String, Object> withEnv = new LinkedHashMap<>(context);
        withEnv.put(Environments.SELECTOR_KEY, env);
        return new App(AppProps.builder().context(withEnv).outdir(outdir.toString()).build());
    }
}
