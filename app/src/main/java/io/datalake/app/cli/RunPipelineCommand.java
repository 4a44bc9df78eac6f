package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.pipeline.LocalPipelines;
import io.datalake.app.pipeline.RunnerProcess;
import io.datalake.core.Environment;
import io.datalake.core.UpdateId;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineInput;
import java.io.PrintWriter;
import java.nio.file.Path;
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
import picocli.CommandLine.Spec;

/**
 * {@code lake run-pipeline}: runs a pipeline folder with the runner in Spark's local mode against a
 * folder laid out like the lake's buckets: the same runner Glue and EMR Serverless run. Every
 * pipeline, job and dataset file of the environment is validated first, as for a deployment; the
 * run itself happens in a JVM of its own ({@link RunnerProcess}) and is recorded in the folder's run
 * log ({@code lake runs --lake-dir}).
 */
@Command(name = "run-pipeline", mixinStandardHelpOptions = true,
        description = {"Run a pipeline in Spark's local mode against a lake folder.",
                "Exit codes: 0 committed, 1 the run failed, 2 a mistake in a file or option."})
final class RunPipelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CdkConfig config = environment.cdkConfig();
        Environment env = config.environment(environment.env);
        if (runId != null) {
            UpdateId.parse(runId);
        }
        LocalPipelines found = LocalPipelines.load(config, env, pipelines, datasets);
        PipelineConfig definition = found.project().require(pipeline);
        Set<String> used = new LinkedHashSet<>(definition.inputs().stream().map(PipelineInput::dataset).toList());
        used.add(definition.output().dataset());
        List<String> args = new ArrayList<>(List.of("run-pipeline",
                found.project().folderOf(pipeline).toAbsolutePath().toString()));
        args.addAll(local.runnerArguments(env, used.stream().map(found::fileOf).toList()));
        if (runId != null) {
            args.addAll(List.of("--run-id", runId));
        }
        RunnerProcess runner = RunnerProcess.in(LocalPipelines.projectDir(config));
        out.println("running pipeline " + pipeline + " in Spark local mode against " + local.lakeDir + " (" + env.name() + ")");
        out.flush();
        long start = System.nanoTime();
        int code = runner.run(args, out, spec.commandLine().getErr());
        if (code == 0) {
            out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        return code;
    }
}
