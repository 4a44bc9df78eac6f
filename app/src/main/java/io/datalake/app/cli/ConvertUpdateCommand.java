package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.dataset.DatasetFolder;
import io.datalake.app.pipeline.LocalPipelines;
import io.datalake.app.pipeline.LocalTarget;
import io.datalake.app.pipeline.RunnerProcess;
import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lake convert-update}: the built-in conversion of one raw-complete update to Parquet, run in
 * Spark's local mode against the local lake or a lake folder, exactly as the conversion job runs on
 * Glue; the local lake's registry then follows the update's manifest.
 */
@Command(name = "convert-update", mixinStandardHelpOptions = true,
        description = {"Convert a raw-complete update to Parquet with the dataset's schema, as the conversion job does.",
                "Exit codes: 0 committed, 1 the conversion failed, 2 a mistake (the update is then marked failed)."})
final class ConvertUpdateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Lake lake;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset.")
    String dataset;

    @Parameters(index = "1", paramLabel = "UPDATE", description = "The update's id, e.g. 2026-11-21T101500Z-3f9a.")
    String update;

    @Mixin
    EnvironmentOptions environment;

    @Mixin
    LocalRunOptions local;

    @Option(names = "--datasets", paramLabel = "DIR", description = "The dataset files (default: the environment's).")
    Path datasets;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CdkConfig config = environment.cdkConfig();
        Environment env = config.environment(environment.env);
        UpdateId id = UpdateId.parse(update);
        Map<Path, DatasetSpec> specs = DatasetFolder.loadFiles(datasets != null ? datasets
                : LocalPipelines.datasetFolder(config, env));
        Map.Entry<Path, DatasetSpec> found = specs.entrySet().stream().filter(e -> e.getValue().name().equals(dataset))
                .findFirst().orElseThrow(() -> new LakeConfigException("dataset '" + dataset + "' is not a dataset of"
                        + " environment " + env.name()));
        RunnerProcess runner = RunnerProcess.in(LocalPipelines.projectDir(config));
        try (LocalTarget target = local.target(env, lake.runtime(), name -> found.getValue().tier())) {
            target.requireDeployed(List.of(dataset));
            List<String> args = new ArrayList<>(List.of("convert", dataset, update));
            args.addAll(local.runnerArguments(env, target, List.of(found.getKey())));
            out.println("converting " + dataset + "@" + update + " in Spark local mode against " + local.describe(target));
            out.flush();
            RunnerProcess.Result result = runner.run(args, out, spec.commandLine().getErr());
            target.converted(dataset, id);
            return result.code();
        }
    }
}
