package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/** {@code lake synth}: synthesizes an environment in-process, the same app {@code cdk synth} runs. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Synthesize an environment's CloudFormation templates, as cdk synth does.")
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions environment;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "cdk.out",
            description = "Where to write the cloud assembly (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        App app = environment.cdkConfig().newApp(environment.env, out);
        try {
            CloudAssembly assembly = LakeApp.synthesize(app);
            for (CloudFormationStackArtifact stack : assembly.getStacks()) {
                spec.commandLine().getOut().println("synthesized " + stack.getStackName() + " -> "
                        + out.resolve(stack.getTemplateFile()));
            }
        } catch (LakeApp.FindingsException e) {
            spec.commandLine().getErr().println("lake: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
