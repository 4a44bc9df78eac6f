package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.pipeline.LocalPipelines;
import io.datalake.app.pipeline.LocalTarget;
import io.datalake.app.pipeline.RunnerProcess;
import io.datalake.core.Environment;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineInput;
import io.datalake.pipelines.runner.PipelineRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lake run-pipeline}: runs a pipeline folder with the runner in Spark's local mode, against
 * the local lake ({@code --env local}) or a folder laid out like the lake's buckets
 * ({@code --lake-dir}): the same runner Glue and EMR Serverless run. Every pipeline, job and
 * dataset file of the environment is validated first, as for a deployment; the run itself happens
 * in a JVM of its own ({@link RunnerProcess}). The local lake's registry records the run and the
 * update; a plain folder keeps its run log ({@code lake runs --lake-dir}).
 */
@Command(name = "run-pipeline", mixinStandardHelpOptions = true,
        description = {"Run a pipeline in Spark's local mode against the local lake or a lake folder.",
                "Exit codes: 0 committed, 1 the run failed, 2 a mistake in a file or option."})
final class RunPipelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Lake lake;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline's folder name, e.g. daily_sales.")
    String pipeline;

    @Mixin
    EnvironmentOptions environment;

    @Mixin
    LocalRunOptions local;

    @Option(names = "--pipelines", paramLabel = "DIR",
            description = "The pipelines folder (default: the environment's, else pipelines).")
    Path pipelines;

    @Option(names = "--datasets", paramLabel = "DIR", description = "The dataset files (default: the environment's).")
    Path datasets;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run's id, which its update gets (default: new).")
    String runId;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        CdkConfig config = environment.cdkConfig();
        Environment env = config.environment(environment.env);
        UpdateId id = runId == null ? PipelineRunner.newRunId(Clock.systemUTC()) : UpdateId.parse(runId);
        LocalPipelines found = LocalPipelines.load(config, env, pipelines, datasets);
        PipelineConfig definition = found.project().require(pipeline);
        Set<String> used = new LinkedHashSet<>(definition.inputs().stream().map(PipelineInput::dataset).toList());
        used.add(definition.output().dataset());
        RunnerProcess runner = RunnerProcess.in(LocalPipelines.projectDir(config));
        Path resultFile = Files.createTempFile("lake-run", ".json");
        try (LocalTarget target = local.target(env, lake.runtime(), dataset -> spec(found, dataset).tier())) {
            target.requireDeployed(used);
            List<String> args = new ArrayList<>(List.of("run-pipeline",
                    found.project().folderOf(pipeline).toAbsolutePath().toString()));
            args.addAll(local.runnerArguments(env, target, used.stream().map(found::fileOf).toList()));
            args.addAll(List.of("--run-id", id.toString(), "--result-file", resultFile.toString()));
            out.println("running pipeline " + pipeline + " in Spark local mode against " + local.describe(target) + " ("
                    + env.name() + ")");
            out.flush();
            long start = System.nanoTime();
            Instant started = Instant.now();
            target.started(pipeline, id, started);
            RunnerProcess.Result result = runner.run(args, out, spec.commandLine().getErr());
            target.ended(pipeline, id, started, result, resultFile);
            if (result.code() == 0) {
                out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
            }
            return result.code();
        } finally {
            delete(resultFile);
        }
    }

    private static DatasetSpec spec(LocalPipelines found, String dataset) {
        return found.specs().stream().filter(s -> s.name().equals(dataset)).findFirst().orElseThrow();
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
