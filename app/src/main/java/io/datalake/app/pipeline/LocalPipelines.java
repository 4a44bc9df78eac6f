package io.datalake.app.pipeline;

import io.datalake.app.CdkConfig;
import io.datalake.app.dataset.DatasetFolder;
import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.pipelines.model.PipelineProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An environment's pipelines and datasets as the CLI finds them: the folders its {@code cdk.json}
 * names (or the ones given on the command line), read and checked together, so that a pipeline is
 * run or validated exactly as it would be deployed.
 *
 * @param projectDir the folder of {@code cdk.json}
 * @param project    the pipeline folders
 * @param datasets   the dataset files and what they declare
 */
public record LocalPipelines(Path projectDir, PipelineProject project, Map<Path, DatasetSpec> datasets) {
    /** The folder of pipeline folders when the environment names none. */
    public static final String DEFAULT_PIPELINES = "pipelines";

    /**
     * @param pipelines the pipelines folder, or {@code null} for the environment's
     * @param datasets  the datasets folder, or {@code null} for the environment's
     * @throws LakeConfigException when a folder is missing, or any pipeline, job or dataset file has a
     *         problem, or a pipeline names a dataset the environment does not have
     */
    public static LocalPipelines load(CdkConfig config, Environment env, Path pipelines, Path datasets) {
        Path project = projectDir(config);
        Path pipelineFolder = pipelines != null ? pipelines : project.resolve(env.pipelines().orElse(DEFAULT_PIPELINES));
        Path datasetFolder = datasets != null ? datasets : datasetFolder(config, env);
        PipelineProject loaded = PipelineProject.load(pipelineFolder);
        Map<Path, DatasetSpec> specs = DatasetFolder.loadFiles(datasetFolder);
        loaded.checkDatasets(specs.values());
        return new LocalPipelines(project, loaded, specs);
    }

    /** The folder of {@code cdk.json}, against which its relative folders resolve. */
    public static Path projectDir(CdkConfig config) {
        return Path.of(String.valueOf(config.context().get(CdkConfig.PROJECT_DIR_CONTEXT)));
    }

    /**
     * The environment's datasets folder.
     *
     * @throws LakeConfigException when it names none
     */
    public static Path datasetFolder(CdkConfig config, Environment env) {
        return env.datasets().map(projectDir(config)::resolve)
                .orElseThrow(() -> new LakeConfigException("environment " + env.name() + " names no datasets folder in"
                        + " cdk.json; give the folder of its dataset files with --datasets DIR"));
    }

    /** The dataset specs. */
    public List<DatasetSpec> specs() {
        return List.copyOf(datasets.values());
    }

    /** The file of a dataset. */
    public Path fileOf(String dataset) {
        return datasets.entrySet().stream().filter(e -> e.getValue().name().equals(dataset)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new LakeConfigException("dataset '" + dataset + "' has no dataset file"));
    }
}
