package io.datalake.pipelines.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.UpdateAnnouncer;
import io.datalake.pipelines.model.PipelineFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's entry point for local runs, in a JVM of its own that {@code lake run-pipeline} and
 * {@code lake convert-update} start with Spark on the class path:
 *
 * <pre>
 * run-pipeline FOLDER [--run-id ID] ...   the pipeline of a pipeline folder
 * convert DATASET UPDATE ...              a raw-complete update
 * common: --org ORG --env ENV --region REGION --lake-dir DIR --dataset-file FILE... [--threads N]
 *         [--run-log folder|none] [--result-file FILE]
 * </pre>
 *
 * The CLI has validated the folders already; the dataset files given are the ones the run reads
 * and writes. Runs go to the folder's {@link LocalRunLog} unless {@code --run-log none} (the local
 * lake's registry records them instead); {@code --result-file} receives the committed update as
 * JSON ({@code dataset}, {@code update}, {@code rows}) for the caller to record. It prints one line per committed update; a user's mistake ends it with exit code 2
 * and one line on stderr, a failed run with exit code 1.
 */
public final class LocalMain {
    /** Exit code of a user mistake, as the lake CLI uses it. */
    public static final int USER_ERROR = 2;
    /** Exit code of a run that failed. */
    public static final int FAILED = 1;

    private LocalMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs what the arguments say; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length < 3) {
                throw new LakeConfigException("usage: run-pipeline FOLDER ... | convert DATASET UPDATE ...");
            }
            Map<String, List<String>> options = options(args);
            LakeNames names = new LakeNames(Environment.builder().org(required(options, "org"))
                    .name(required(options, "env")).region(required(options, "region")).build());
            Path lakeDir = Path.of(required(options, "lake-dir"));
            List<DatasetSpec> datasets = options.getOrDefault("dataset-file", List.of()).stream()
                    .map(file -> DatasetFiles.load(Path.of(file))).toList();
            int threads = Integer.parseInt(optional(options, "threads", "2"));
            String runLog = optional(options, "run-log", "folder");
            if (!runLog.equals("folder") && !runLog.equals("none")) {
                throw new LakeConfigException("--run-log must be folder or none, but '" + runLog + "' was given");
            }
            RunRecorder recorder = runLog.equals("none") ? RunRecorder.none() : new LocalRunLog(lakeDir);
            FolderRunner lake = new FolderRunner(names, lakeDir, datasets, threads, recorder, UpdateAnnouncer.NONE);
            RunResult result;
            switch (args[0]) {
                case "run-pipeline" -> {
                    UpdateId runId = options.containsKey("run-id") ? UpdateId.parse(optional(options, "run-id", null))
                            : PipelineRunner.newRunId(Clock.systemUTC());
                    result = lake.runPipeline(PipelineFiles.load(Path.of(args[1])), runId);
                }
                case "convert" -> result = lake.convert(args[1], UpdateId.parse(args[2]));
                default -> throw new LakeConfigException("unknown command '" + args[0] + "'");
            }
            String resultFile = optional(options, "result-file", null);
            if (resultFile != null) {
                Files.writeString(Path.of(resultFile), new ObjectMapper().createObjectNode().put("dataset", result.dataset())
                        .put("update", result.update().toString()).put("rows", result.rows()).toString());
            }
            out.println("committed " + PipelineRunner.describe(result));
            return 0;
        } catch (IOException e) {
            err.println("lake: cannot write the result file: " + e.getMessage());
            return FAILED;
        } catch (LakeConfigException e) {
            err.println(e instanceof io.datalake.pipelines.model.PipelineValidationException ? e.getMessage()
                    : "lake: " + e.getMessage());
            return USER_ERROR;
        } catch (RuntimeException e) {
            err.println("lake: " + args[0] + " " + args[1] + " failed: " + RunErrors.summary(e));
            return FAILED;
        }
    }

    /** {@code --key value} pairs; a key given again adds a value. */
    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
            }
        }
        return options;
    }

    private static String required(Map<String, List<String>> options, String key) {
        String value = optional(options, key, null);
        if (value == null) {
            throw new LakeConfigException("the local runner needs --" + key);
        }
        return value;
    }

    private static String optional(Map<String, List<String>> options, String key, String fallback) {
        List<String> values = options.get(key);
        return values == null ? fallback : values.get(values.size() - 1);
    }
}
