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
    public static Path clusterConfig() {
        return configWith(CLUSTER_ENV, Map.of("org", "acme", "region", "eu-west-1", "settings", Map.of(
                "tiers", List.of("internal"),
                "cluster", Map.of("enabled", true, "pipelines", CLUSTER_PIPELINES, "maxCpu", 32, "maxMemoryGiB", 128,
                        "gcpProject", "acme-lake-ops"))), Path.of("target", "test-config", "cdk.json"));
    }

    /** The test-only environment of {@link #replicationConfig()}. */
    public static final String REPLICATION_ENV = "dr";
    /** Its account and the account of its replicas and backup copies. */
    public static final String REPLICATION_SOURCE_ACCOUNT = "111122223333";
    public static final String REPLICATION_TARGET_ACCOUNT = "222233334444";
    /** The vault its registry backups are copied to. */
    public static final String BACKUP_COPY_VAULT = "arn:aws:backup:eu-central-1:" + REPLICATION_TARGET_ACCOUNT
            + ":backup-vault:acme-lake-copies";

    /**
     * A test-only cdk.json with one more environment, {@value #REPLICATION_ENV}, that turns on every
     * compliance option: replication of two tiers to locked replicas in another account and region,
     * a locked backup vault copied to another account, and its own concurrency limits.
     */
    public static Path replicationConfig() {
        return configWith(REPLICATION_ENV, Map.of("org", "acme", "account", REPLICATION_SOURCE_ACCOUNT, "region", "eu-west-1",
                "settings", Map.of(
                        "tiers", List.of("internal", "sensitive"),
                        "replication", Map.of("account", REPLICATION_TARGET_ACCOUNT, "region", "eu-central-1",
                                "retentionDays", 45, "lockMode", "COMPLIANCE"),
                        "backup", Map.of("retentionDays", 90, "vaultLock", true, "copyToVaultArn", BACKUP_COPY_VAULT),
                        "ingestMaxConcurrency", 4, "apiReservedConcurrency", 7)),
                Path.of("target", "test-config", REPLICATION_ENV, "cdk.json"));
    }

    @SuppressWarnings("unchecked")
    private static Path configWith(String name, Map<String, Object> environment, Path file) {
        try {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Map<String, Object> config = json.readValue(CDK_JSON.toFile(), Map.class);
            Map<String, Object> context = (Map<String, Object>) config.get("context");
            Map<String, Object> environments = new LinkedHashMap<>((Map<String, Object>) context.get("datalake:environments"));
            environments.put(name, environment);
            context.put("datalake:environments", environments);
            // The Lambda jars and OpenAPI file are found from the project folder, not from this file's folder.
            context.put(CdkConfig.PROJECT_DIR_CONTEXT, CDK_JSON.toAbsolutePath().getParent().normalize().toString());
            Files.createDirectories(file.getParent());
            json.writeValue(file.toFile(), config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
