package io.datalake.app.dataset;

import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.stacks.DatasetStack;
import io.datalake.app.stacks.DatasetStackProps;
import io.datalake.constructs.checks.LakeChecks;
import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetSpec;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * Synthesizes one dataset's stack in-process, with the same context and compliance checks as the
 * environment, for {@code lake deploy-dataset}.
 */
public final class DatasetApp {
    private DatasetApp() {
    }

    /** A synthesized dataset stack: its names, template file and template body. */
    public record Synthesized(LakeNames names, DatasetStack stack, CloudFormationStackArtifact artifact) {
        public String stackName() {
            return artifact.getStackName();
        }

        public Path templateFile() {
            return Path.of(artifact.getAssembly().getDirectory(), artifact.getTemplateFile());
        }
    }

    /**
     * @throws io.datalake.core.LakeConfigException for an unknown environment or a tier it does not enable
     * @throws LakeApp.FindingsException when a compliance check fails
     */
    public static Synthesized synthesize(CdkConfig config, String env, DatasetSpec dataset, Path outdir) {
        App app = config.newApp(env, outdir);
        LakeNames names = new LakeNames(LakeApp.environment(app));
        DatasetStack stack = new DatasetStack(app, "Dataset-" + dataset.name(), DatasetStackProps.builder()
                .names(names).dataset(dataset).build());
        LakeChecks.apply(app);
        CloudAssembly assembly = app.synth();
        LakeApp.checkFindings(assembly);
        return new Synthesized(names, stack, assembly.getStackArtifact(stack.getArtifactId()));
    }
}
