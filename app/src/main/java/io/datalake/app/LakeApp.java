package io.datalake.app;

import io.datalake.app.stacks.ClusterStack;
import io.datalake.app.stacks.ClusterStackProps;
import io.datalake.app.stacks.EnvironmentStack;
import io.datalake.app.stacks.DatasetStack;
import io.datalake.app.stacks.DatasetStackProps;
import io.datalake.app.stacks.EnvironmentStackProps;
import io.datalake.app.stacks.PipelinesStack;
import io.datalake.app.stacks.PipelinesStackProps;
import io.datalake.app.stacks.ReplicaStack;
import io.datalake.pipelines.model.PipelineProject;
import java.nio.file.Files;
import java.util.Map;
import io.datalake.app.stacks.LambdaArtifacts;
import io.datalake.app.dataset.DatasetFolder;
import io.datalake.core.dataset.DatasetSpec;
import java.nio.file.Path;
import io.datalake.constructs.access.ServiceTrusts;
import io.datalake.constructs.checks.LakeChecks;
import io.datalake.core.Environment;
import io.datalake.core.Environments;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/**
 * The CDK app of one environment. {@code cdk synth -c env=dev} runs {@link #main}, and
 * {@code lake synth --env dev} calls {@link #synthesize} in-process, so both write the same
 * stacks. Synthesis fails when a compliance check reports an unsuppressed error.
 */
public final class LakeApp {
    /** The environment that runs on this machine ({@code lake local}) rather than on AWS. */
    public static final String LOCAL = "local";
    /** Where the build leaves the shaded runner jar, relative to the project folder. */
    public static final String RUNNER_JAR = "pipelines/runner/target/lake-runner.jar";
    /** The context key that points at another runner jar. */
    public static final String RUNNER_JAR_CONTEXT = "datalake:runnerJar";

    private LakeApp() {
    }

    /** Entry point for the CDK CLI, which passes context and output folder through the environment. */
    public static void main(String[] args) {
        try {
            CloudAssembly assembly = synthesize(new App());
            assembly.getStacks().forEach(stack -> System.err.println("synthesized " + stack.getStackName()));
        } catch (LakeConfigException e) {
            System.err.println("lake: " + e.getMessage());
            System.exit(2);
        } catch (FindingsException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** The environment the app's context selects with {@code env=NAME}. */
    public static Environment environment(App app) {
        Environments environments = Environments.fromContext(app.getNode().tryGetContext(Environments.CONTEXT_KEY));
        Object selected = app.getNode().tryGetContext(Environments.SELECTOR_KEY);
        if (selected == null || selected.toString().isBlank()) {
            throw new LakeConfigException("choose an environment with -c " + Environments.SELECTOR_KEY
                    + "=NAME (cdk) or --env NAME (lake): known environments are " + String.join(", ", environments.names()));
        }
        return environments.get(selected.toString());
    }

    /**
     * Adds the environment's stacks and the compliance checks to the app: the environment stack, a
     * dataset stack for every dataset file in the environment's datasets folder, if it names one, the
     * pipelines stack (the conversion, and the pipelines of its pipelines folder, if it names one),
     * the runner cluster stack when the environment's settings enable it, and the replica stack when
     * they turn replication on.
     */
    public static EnvironmentStack build(App app) {
        Environment env = environment(app);
        if (LOCAL.equals(env.name())) {
            throw new LakeConfigException("environment 'local' runs on this machine: start it with lake local;"
                    + " it has no stacks to synthesize");
        }
        LakeNames names = new LakeNames(env);
        // Datasets first: a bad file or two colliding names fail before anything is built.
        Map<Path, DatasetSpec> datasets = env.datasets().isPresent()
                ? DatasetFolder.loadFiles(projectDir(app).resolve(env.datasets().get()), names) : Map.of();
        EnvironmentStack stack = new EnvironmentStack(app, "Environment", EnvironmentStackProps.builder()
                .names(names)
                .lambdas(LambdaArtifacts.in(projectDir(app)))
                .datasets(datasets.values())
                .build());
        if (env.settings().replication().isPresent()) {
            // The environment's buckets replicate into these, so they deploy first.
            stack.addStackDependency(new ReplicaStack(app, "Replica", names));
        }
        for (DatasetSpec dataset : datasets.values()) {
            DatasetStack datasetStack = new DatasetStack(app, "Dataset-" + dataset.name(),
                    DatasetStackProps.builder().names(names).dataset(dataset).build());
            // It imports the environment's key exports, so it deploys after the environment.
            datasetStack.addStackDependency(stack);
        }
        PipelineProject project = env.pipelines().map(folder -> PipelineProject.load(projectDir(app).resolve(folder)))
                .orElse(null);
        if (project != null) {
            project.checkDatasets(datasets.values());
        }
        PipelinesStack pipelines = new PipelinesStack(app, "Pipelines", PipelinesStackProps.builder()
                .names(names).project(project).datasets(datasets).runnerJar(runnerJar(app)).build());
        pipelines.addStackDependency(stack);
        if (env.settings().cluster().enabled()) {
            // Needs nothing from the environment stack: it deploys (and is deleted) on its own.
            new ClusterStack(app, "Cluster", ClusterStackProps.builder().names(names).build());
        }
        // Every role a service assumes only for this account's resources (the confused deputy).
        ServiceTrusts.confine(app);
        LakeChecks.apply(app);
        return stack;
    }

    /**
     * The shaded runner jar the pipelines stack uploads: {@value #RUNNER_JAR} under the project
     * folder, or the {@value #RUNNER_JAR_CONTEXT} context value.
     *
     * @throws LakeConfigException saying how to build it when it is missing
     */
    static Path runnerJar(App app) {
        Object configured = app.getNode().tryGetContext(RUNNER_JAR_CONTEXT);
        Path jar = configured == null ? projectDir(app).resolve(RUNNER_JAR) : Path.of(configured.toString());
        if (!Files.isRegularFile(jar)) {
            throw new LakeConfigException("the pipeline runner jar " + jar + " is missing; build it with"
                    + " ./mvnw -q -DskipTests package (or give its path with -c " + RUNNER_JAR_CONTEXT + "=FILE)");
        }
        return jar;
    }

    /** The folder relative paths in the context are resolved against: cdk.json's folder. */
    static Path projectDir(App app) {
        Object dir = app.getNode().tryGetContext(CdkConfig.PROJECT_DIR_CONTEXT);
        return dir == null ? Path.of("").toAbsolutePath() : Path.of(dir.toString());
    }

    /**
     * Builds and synthesizes the app.
     *
     * @throws FindingsException when a compliance check reports an unsuppressed error
     */
    public static CloudAssembly synthesize(App app) {
        build(app);
        CloudAssembly assembly = app.synth();
        checkFindings(assembly);
        return assembly;
    }

    /**
     * Fails when any stack of the assembly carries an error annotation, which is how cdk-nag reports
     * an unsuppressed finding.
     *
     * @throws FindingsException listing each finding with its construct path
     */
    public static void checkFindings(CloudAssembly assembly) {
        List<String> errors = new ArrayList<>();
        for (CloudFormationStackArtifact stack : assembly.getStacks()) {
            for (SynthesisMessage message : stack.getMessages()) {
                if (message.getLevel() == SynthesisMessageLevel.ERROR) {
                    errors.add(message.getId() + ": " + message.getEntry().getData());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new FindingsException(errors);
        }
    }

    /** Unsuppressed compliance errors: the synthesized templates must not be deployed. */
    public static final class FindingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> findings;

        FindingsException(List<String> findings) {
            super("synthesis failed: " + findings.size() + " unsuppressed compliance error(s)\n  "
                    + String.join("\n  ", findings));
            this.findings = List.copyOf(findings);
        }

        public List<String> findings() {
            return findings;
        }
    }
}
