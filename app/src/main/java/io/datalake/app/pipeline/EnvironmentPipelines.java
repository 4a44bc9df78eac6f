package io.datalake.app.pipeline;

import io.datalake.app.CdkConfig;
import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineFiles;
import io.datalake.pipelines.model.PipelineInput;
import io.datalake.pipelines.model.PipelineProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The pipelines of an environment's pipelines folder (else {@value LocalPipelines#DEFAULT_PIPELINES}
 * beside cdk.json, if there is one) as the dataset commands see them: who reads a dataset (impact of
 * a schema change) and who writes it with a declared tier downgrade ({@code lake info}).
 */
public final class EnvironmentPipelines {
    private EnvironmentPipelines() {
    }

    /**
     * The pipelines of the environment's pipelines folder (else {@value LocalPipelines#DEFAULT_PIPELINES}
     * beside cdk.json, if there is one) with an input of that dataset, each as
     * {@code name (folder/pipeline_config.yaml)}; a folder that does not load is named instead.
     */
    public static List<String> reading(CdkConfig config, Environment env, String dataset) {
        return describe(config, env, p -> p.inputs().stream().map(PipelineInput::dataset).anyMatch(dataset::equals),
                (project, p) -> p.name() + " (" + project.folderOf(p.name()).resolve(PipelineFiles.CONFIG) + ")");
    }

    /**
     * The pipelines that write the dataset although they read a higher tier, each as
     * {@code name: reason (folder/pipeline_config.yaml)}; validation refuses such a pipeline unless
     * it declares the downgrade with its reason.
     */
    public static List<String> downgradingInto(CdkConfig config, Environment env, String dataset) {
        return describe(config, env, p -> p.output().dataset().equals(dataset) && p.output().downgrade().isPresent(),
                (project, p) -> p.name() + ": " + p.output().downgrade().orElseThrow() + " ("
                        + project.folderOf(p.name()).resolve(PipelineFiles.CONFIG) + ")");
    }

    private static List<String> describe(CdkConfig config, Environment env, Predicate<PipelineConfig> wanted,
            BiFunction<PipelineProject, PipelineConfig, String> describe) {
        Path folder = LocalPipelines.projectDir(config).resolve(env.pipelines().orElse(LocalPipelines.DEFAULT_PIPELINES))
                .normalize();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try {
            PipelineProject project = PipelineProject.load(folder);
            return project.pipelines().stream().filter(wanted).map(p -> describe.apply(project, p)).toList();
        } catch (LakeConfigException e) {
            return List.of("unknown: the pipelines in " + folder + " do not validate (lake validate-pipelines)");
        }
    }
}
