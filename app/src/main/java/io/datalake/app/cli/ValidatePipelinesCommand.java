package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.pipeline.LocalPipelines;
import io.datalake.core.Environment;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.job.JobPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lake validate-pipelines}: checks every pipeline and job folder of an environment, for CI. */
@Command(name = "validate-pipelines", mixinStandardHelpOptions = true,
        description = {"Validate the pipeline and job folders of an environment against its datasets;",
                "print every problem as file:line: message."})
final class ValidatePipelinesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions environment;

    @Option(names = "--pipelines", paramLabel = "DIR",
            description = "The pipelines folder (default: the environment's, else pipelines).")
    Path pipelines;

    @Option(names = "--datasets", paramLabel = "DIR", description = "The dataset files (default: the environment's).")
    Path datasets;

    @Override
    public Integer call() {
        CdkConfig config = environment.cdkConfig();
        Environment env = config.environment(environment.env);
        LocalPipelines local = LocalPipelines.load(config, env, pipelines, datasets);
        PrintWriter out = spec.commandLine().getOut();
        for (PipelineConfig pipeline : local.project().pipelines()) {
            out.println("ok pipeline " + pipeline);
        }
        for (JobPipeline job : local.project().jobs()) {
            out.println("ok job " + job.name() + ": " + String.join(" -> ", job.levels().stream()
                    .map(level -> String.join(" + ", level)).toList()));
        }
        out.println(local.project().pipelines().size() + " pipeline(s), " + local.project().jobs().size() + " job(s) valid");
        return 0;
    }
}
