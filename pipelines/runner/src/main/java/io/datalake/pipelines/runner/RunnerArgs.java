package io.datalake.pipelines.runner;

import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.UpdateId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The runner's arguments, the same on Glue (job arguments), EMR Serverless (entry point arguments)
 * and locally. Arguments the runner does not know are skipped: Glue passes its own
 * ({@code --JOB_NAME}, {@code --TempDir}, ...) to the entry point too.
 *
 * <pre>
 * --command run-pipeline --pipeline daily_sales --pipeline-dir s3://artifacts/pipelines/daily_sales/
 * --command convert --dataset sales_orders --update 2026-11-21T101500Z-3f9a
 * common: --org acme --env dev --region eu-west-1 [--storage-root s3://] [--registry dynamodb|none]
 *         [--events eventbridge|none] [--dataset-specs URI] [--token-key-secret ARN] [--run-id ID]
 * </pre>
 */
public record RunnerArgs(String command, String pipeline, String pipelineDir, String dataset, UpdateId update,
        LakeNames names, String storageRoot, boolean registry, boolean events, Optional<String> datasetSpecs,
        Optional<String> tokenKeySecret, Optional<UpdateId> runId) {
    public static final String RUN_PIPELINE = "run-pipeline";
    public static final String CONVERT = "convert";
    private static final List<String> KNOWN = List.of("command", "pipeline", "pipeline-dir", "dataset", "update", "org",
            "env", "region", "storage-root", "registry", "events", "dataset-specs", "token-key-secret", "run-id");

    public RunnerArgs {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(names, "names");
    }

    /**
     * @throws LakeConfigException naming the missing or invalid argument
     */
    public static RunnerArgs parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                continue;
            }
            String key = args[i].substring(2);
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "";
            if (KNOWN.contains(key)) {
                values.put(key, value);
            }
        }
        String command = required(values, "command");
        LakeNames names = new LakeNames(Environment.builder().org(required(values, "org")).name(required(values, "env"))
                .region(required(values, "region")).build());
        String pipeline = null;
        String pipelineDir = null;
        String dataset = null;
        UpdateId update = null;
        switch (command) {
            case RUN_PIPELINE -> {
                pipeline = required(values, "pipeline");
                pipelineDir = required(values, "pipeline-dir");
            }
            case CONVERT -> {
                dataset = required(values, "dataset");
                update = UpdateId.parse(required(values, "update"));
            }
            default -> throw new LakeConfigException("--command must be " + RUN_PIPELINE + " or " + CONVERT + ", but '"
                    + command + "' was given");
        }
        return new RunnerArgs(command, pipeline, pipelineDir, dataset, update, names,
                values.getOrDefault("storage-root", "s3://"),
                choice(values, "registry", "dynamodb"), choice(values, "events", "eventbridge"),
                optional(values, "dataset-specs"), optional(values, "token-key-secret"),
                optional(values, "run-id").map(UpdateId::parse));
    }

    /**
     * Where a deployed pipeline's dataset files are: {@code datasets/} in its folder, beside its
     * config. Empty for a conversion.
     */
    public Optional<String> pipelineDatasets() {
        if (pipelineDir == null) {
            return Optional.empty();
        }
        return Optional.of((pipelineDir.endsWith("/") ? pipelineDir : pipelineDir + "/") + "datasets/");
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new LakeConfigException("the runner needs --" + key);
        }
        return value;
    }

    private static Optional<String> optional(Map<String, String> values, String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    /** {@code --registry dynamodb|none}: whether the AWS service is used; off unless asked for. */
    private static boolean choice(Map<String, String> values, String key, String service) {
        String value = values.getOrDefault(key, "none");
        if (!value.equals(service) && !value.equals("none")) {
            throw new LakeConfigException("--" + key + " must be " + service + " or none, but '" + value + "' was given");
        }
        return value.equals(service);
    }
}
