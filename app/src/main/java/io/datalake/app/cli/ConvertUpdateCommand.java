package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.dataset.DatasetFolder;
import io.datalake.app.pipeline.LocalPipelines;
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
import picocli.CommandLine.Spec;

/**
 * {@code lake convert-update}: the built-in conversion of one raw-complete update to Parquet, run
 * in Spark's local mode against a lake folder, exactly as the conversion job runs on Glue.
 */
@Command(name = "convert-update", mixinStandardHelpOptions = true,
        description = {"Convert a raw-complete update of a lake folder to Parquet with the dataset's schema.",
                "Exit codes: 0 committed, 1 the conversion failed, 2 a mistake (the update is then marked failed)."})
final class ConvertUpdateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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
        UpdateId.parse(update);
        Map<Path, DatasetSpec> specs = DatasetFolder.loadFiles(datasets != null ? datasets
                : LocalPipelines.datasetFolder(config, env));
        Path file = specs.entrySet().stream().filter(e -> e.getValue().name().equals(dataset)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new LakeConfigException("dataset '" + dataset + "' is not a dataset of"
                        + " environment " + env.name()));
        List<String> args = new ArrayList<>(List.of("convert", dataset, update));
        args.addAll(local.runnerArguments(env, List.of(file)));
        out.println("converting " + dataset + "@" + update + " in Spark local mode against " + local.lakeDir);
        out.flush();
        return RunnerProcess.in(LocalPipelines.projectDir(config)).run(args, out, spec.commandLine().getErr());
    }
}
