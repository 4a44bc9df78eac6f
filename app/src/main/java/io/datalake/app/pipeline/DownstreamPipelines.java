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

/** The pipelines of an environment's pipelines folder that read a dataset, for impact reports. */
public final class DownstreamPipelines {
    private DownstreamPipelines() {
    }

    /**
     * The pipelines of the environment's pipelines folder (else {@value LocalPipelines#DEFAULT_PIPELINES}
     * beside cdk.json, if there is one) with an input of that dataset, each as
     * {@code name (folder/pipeline_config.yaml)}; a folder that does not load is named instead.
     */
    public static List<String> reading(CdkConfig config, Environment env, String dataset) {
        Path folder = LocalPipelines.projectDir(config).resolve(env.pipelines().orElse(LocalPipelines.DEFAULT_PIPELINES))
                .normalize();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try {
            PipelineProject project = PipelineProject.load(folder);
            return project.pipelines().stream()
                    .filter(p -> p.inputs().stream().map(PipelineInput::dataset).anyMatch(dataset::equals))
                    .map(PipelineConfig::name)
                    .map(name -> name + " (" + project.folderOf(name).resolve(PipelineFiles.CONFIG) + ")")
                    .toList();
        } catch (LakeConfigException e) {
            return List.of("unknown: the pipelines in " + folder + " do not validate (lake validate-pipelines)");
        }
    }
}
