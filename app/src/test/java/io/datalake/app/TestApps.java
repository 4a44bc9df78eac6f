package io.datalake.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;

/** Apps built from the project's own {@code cdk.json}, as {@code cdk synth} and {@code lake synth} build them. */
public final class TestApps {
    /** The repository's cdk.json, seen from a module folder. */
    public static final Path CDK_JSON = Path.of("..", "cdk.json");

    private TestApps() {
    }

    /** The environment of {@link #clusterConfig()} whose runner cluster is enabled. */
    public static final String CLUSTER_ENV = "ops";
    /** The pipelines that run on the {@link #CLUSTER_ENV} cluster. */
    public static final List<String> CLUSTER_PIPELINES = List.of("sales_daily", "web_sessions");

    public static App app(String env) {
        return app(CDK_JSON, env);
    }

    public static App app(Path config, String env) {
        try {
            return CdkConfig.read(config).newApp(env, Files.createTempDirectory("cdk.out"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A test-only cdk.json: the repository's, with one more environment, {@value #CLUSTER_ENV}, whose
     * runner cluster is enabled with two pipelines and a Google Cloud project. Written under
     * {@code target/}, so the repository's dev environment stays as it is.
     */
    @SuppressWarnings("unchecked")
    public static Path clusterConfig() {
        try {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Map<String, Object> config = json.readValue(CDK_JSON.toFile(), Map.class);
            Map<String, Object> context = (Map<String, Object>) config.get("context");
            Map<String, Object> environments = new LinkedHashMap<>((Map<String, Object>) context.get("datalake:environments"));
            environments.put(CLUSTER_ENV, Map.of("org", "acme", "region", "eu-west-1", "settings", Map.of(
                    "tiers", List.of("internal"),
                    "cluster", Map.of("enabled", true, "pipelines", CLUSTER_PIPELINES, "maxCpu", 32, "maxMemoryGiB", 128,
                            "gcpProject", "acme-lake-ops"))));
            context.put("datalake:environments", environments);
            // The Lambda jars and OpenAPI file are found from the project folder, not from this file's folder.
            context.put(CdkConfig.PROJECT_DIR_CONTEXT, CDK_JSON.toAbsolutePath().getParent().normalize().toString());
            Path file = Path.of("target", "test-config", "cdk.json");
            Files.createDirectories(file.getParent());
            json.writeValue(file.toFile(), config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
