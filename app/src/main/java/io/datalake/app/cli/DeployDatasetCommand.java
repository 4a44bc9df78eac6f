package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.dataset.DatasetApp;
import io.datalake.app.dataset.DatasetPreview;
import io.datalake.app.dataset.DeployGate;
import io.datalake.app.pipeline.EnvironmentPipelines;
import io.datalake.core.dataset.DatasetFile;
import io.datalake.app.dataset.TemplateView;
import io.datalake.app.deploy.DeployException;
import io.datalake.app.deploy.DeployPlan;
import io.datalake.app.deploy.DeployResult;
import io.datalake.app.deploy.RecordedGrants;
import io.datalake.app.deploy.StackDeployer;
import io.datalake.app.lake.LakeConnection;
import io.datalake.app.lake.LocalOnboarding;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.lambda.api.IamTrustPolicies;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.GrantRegistry;
import io.datalake.registry.RegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code lake deploy-dataset}: validates a dataset file, synthesizes its stack in-process and
 * deploys it through CloudFormation, then registers the dataset.
 */
@Command(name = "deploy-dataset", mixinStandardHelpOptions = true,
        description = {"Validate a dataset file, synthesize its stack and deploy it with CloudFormation.",
                "Exit codes: 0 ok, 1 deployment failed (the previous version stays), 2 user mistake."})
final class DeployDatasetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Lake lake;

    @Parameters(index = "0", paramLabel = "FILE", description = "The dataset YAML file.")
    Path file;

    @Mixin
    EnvironmentOptions environment;

    @Option(names = "--dry-run", description = "Show the changes without deploying them.")
    boolean dryRun;

    @Option(names = "--offline", description = "With --dry-run: use no AWS at all; print the template and the roles' policies.")
    boolean offline;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "cdk.out",
            description = "Where to write the synthesized stack (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".lake",
            description = "With --env local: the local lake's data folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = DeployGate.ALLOW_BREAKING,
            description = "Accept a schema change that breaks readers of the deployed version (a column removed,"
                    + " renamed or narrowed, nullability changed, partitioning changed...).")
    boolean allowBreaking;

    @Override
    public Integer call() throws IOException {
        if (offline && !dryRun) {
            throw new ParameterException(spec.commandLine(), "--offline needs --dry-run: a deployment needs AWS");
        }
        DatasetFile read = DatasetFiles.read(file);
        CdkConfig cdk = environment.cdkConfig();
        LakeNames names = new LakeNames(cdk.environment(environment.env));
        if (LakeApp.LOCAL.equals(environment.env) && !dryRun) {
            // The local lake is opened twice rather than held open across synthesis, whose seconds in
            // jsii left the embedded S3 answering "unexpected end of file" to the next request.
            try (LakeConnection connection = openLocal(names)) {
                checkAgainstRegistry(read, cdk, names, new DatasetRegistry(connection.dynamo(), names));
            }
            DatasetApp.Synthesized synthesized = synthesize(cdk, read.spec());
            if (synthesized == null) {
                return Lake.DEPLOY_FAILED;
            }
            try (LakeConnection connection = openLocal(names)) {
                return deployLocal(read.spec(), synthesized, connection);
            }
        }
        if (!offline) {
            try (DynamoDbClient dynamo = lake.runtime().dynamoDb().apply(names.environment().region())) {
                checkAgainstRegistry(read, cdk, names, new DatasetRegistry(dynamo, names));
            }
        } else {
            spec.commandLine().getOut().println("offline: names and schema are not compared with the registry's datasets");
        }
        long start = System.nanoTime();
        DatasetApp.Synthesized synthesized = synthesize(cdk, read.spec());
        if (synthesized == null) {
            return Lake.DEPLOY_FAILED;
        }
        if (offline) {
            PrintWriter stdout = spec.commandLine().getOut();
            String account = synthesized.names().environment().account().orElse("<account>");
            stdout.println();
            stdout.print(DatasetPreview.render(TemplateView.read(synthesized.templateFile(), account,
                    synthesized.names().environment().region())));
            stdout.println();
            stdout.println("template " + synthesized.templateFile() + ":");
            stdout.println(Files.readString(synthesized.templateFile()));
            stdout.printf("dry run (offline): nothing was deployed; synthesized in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return 0;
        }
        return deploy(read.spec(), synthesized);
    }

    private LakeConnection openLocal(LakeNames names) {
        return LakeConnection.open(names.environment(), dir, lake.runtime().dynamoDb(), lake.runtime().s3());
    }

    /** Synthesizes the dataset's stack; {@code null} (and the findings printed) when compliance checks fail. */
    private DatasetApp.Synthesized synthesize(CdkConfig cdk, DatasetSpec dataset) {
        DatasetApp.Synthesized synthesized;
        try {
            synthesized = DatasetApp.synthesize(cdk, environment.env, dataset, out);
        } catch (LakeApp.FindingsException e) {
            spec.commandLine().getErr().println("lake: " + e.getMessage());
            return null;
        }
        spec.commandLine().getOut().printf("dataset %s (%s) -> stack %s in %s%n", dataset.name(), dataset.tier().id(),
                synthesized.stackName(), synthesized.names().environment());
        return synthesized;
    }

    /**
     * Refuses, before anything is synthesized or changed, a dataset whose names collide with a
     * registered one, and a redeploy that breaks the deployed schema without {@code --allow-breaking}.
     */
    private void checkAgainstRegistry(DatasetFile read, CdkConfig cdk, LakeNames names, DatasetRegistry registry) {
        DeployGate gate = new DeployGate(names, registry.list());
        gate.checkNames(read);
        if (gate.deployed(read.spec().name()).isPresent()) {
            String name = read.spec().name();
            DeployGate.Downstream downstream = new DeployGate.Downstream(
                    EnvironmentPipelines.reading(cdk, names.environment(), name), registry.downstreams(name));
            gate.checkSchema(read, downstream, allowBreaking, spec.commandLine().getOut());
        }
    }

    private int deploy(DatasetSpec dataset, DatasetApp.Synthesized synthesized) throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        LakeRuntime runtime = lake.runtime();
        LakeNames names = synthesized.names();
        String region = names.environment().region();
        Map<String, String> tags = Map.of("datalake:env", names.environment().name(), "datalake:dataset", dataset.name());
        try (CloudFormationClient cfn = runtime.cloudFormation().apply(region)) {
            StackDeployer deployer = new StackDeployer(cfn, stdout, runtime.pollInterval());
            DeployPlan plan = deployer.plan(synthesized.stackName(), Files.readString(synthesized.templateFile()), tags);
            stdout.println(deployer.render(plan));
            if (dryRun) {
                deployer.discard(plan);
                stdout.println("dry run: nothing was deployed");
                return 0;
            }
            DeployResult result = deployer.execute(plan);
            if (!result.succeeded()) {
                spec.commandLine().getErr().println("lake: " + result.summary());
                return Lake.DEPLOY_FAILED;
            }
            stdout.println(result.summary());
        }
        try (DynamoDbClient dynamo = runtime.dynamoDb().apply(region)) {
            new DatasetRegistry(dynamo, names).register(new DatasetRegistration(dataset.name(), dataset.tier(),
                    dataset.owner(), dataset.description(), names.environment().name(), synthesized.stackName(),
                    LocalOnboarding.specJson(file), Instant.now()));
        } catch (RegistryException e) {
            throw new DeployException("the stack is deployed, but registering dataset " + dataset.name() + " in "
                    + names.registryTable(RegistryTable.DATASETS) + " failed: " + e.getMessage());
        }
        stdout.println("registered dataset " + dataset.name() + " in " + names.registryTable(RegistryTable.DATASETS));
        restoreGrants(dataset.name(), names);
        return 0;
    }

    /** Puts back the API's grants that the deployment's trust policies dropped (see {@link RecordedGrants}). */
    private void restoreGrants(String dataset, LakeNames names) {
        LakeRuntime runtime = lake.runtime();
        String region = names.environment().region();
        RecordedGrants.Outcome outcome;
        try (DynamoDbClient dynamo = runtime.dynamoDb().apply(region); IamClient iam = runtime.iam().apply(region)) {
            outcome = new RecordedGrants(new GrantRegistry(dynamo, names), new IamTrustPolicies(iam), names).restore(dataset);
        } catch (RegistryException e) {
            throw new DeployException("the stack is deployed, but reading the grants of dataset " + dataset + " from "
                    + names.registryTable(RegistryTable.GRANTS) + " failed: " + e.getMessage()
                    + "; run lake deploy-dataset again to restore them");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        outcome.restored().forEach(g -> stdout.println("restored grant: " + g.principal() + " may assume the "
                + g.level().id() + " role again (granted by " + g.grantedBy() + " at " + g.grantedAt() + ")"));
        if (!outcome.failures().isEmpty()) {
            throw new DeployException("the stack is deployed, but " + outcome.failures().size() + " recorded grant(s) could"
                    + " not be restored: " + String.join("; ", outcome.failures())
                    + "; fix the cause and run lake deploy-dataset again");
        }
    }

    /**
     * On the local lake: register the dataset and create its folders. IAM and Glue have no local
     * stand-in, so the roles and tables are shown as they would be created on AWS.
     */
    private int deployLocal(DatasetSpec dataset, DatasetApp.Synthesized synthesized, LakeConnection connection) {
        PrintWriter stdout = spec.commandLine().getOut();
        LakeNames names = synthesized.names();
        new LocalOnboarding(connection.s3(), connection.dynamo(), names).onboard(dataset, LocalOnboarding.specJson(file));
        stdout.println("registered dataset " + dataset.name() + " in the local lake (" + dir + "); drop files under s3://"
                + names.dropBucket(dataset.tier()) + "/" + io.datalake.core.DatasetLayout.prefix(dataset.name()));
        stdout.println();
        stdout.println("IAM and Glue have no local stand-in; on AWS these would be created:");
        stdout.print(DatasetPreview.render(TemplateView.read(synthesized.templateFile(), "<account>", names.environment().region())));
        return 0;
    }
}
