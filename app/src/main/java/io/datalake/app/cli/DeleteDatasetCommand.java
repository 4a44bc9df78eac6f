package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.RegistryException;
import io.datalake.app.deploy.DeployException;
import io.datalake.app.deploy.DeployResult;
import io.datalake.app.deploy.StackDeployer;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code lake delete-dataset}: removes a dataset's roles, tables and workgroup (its stack) and its
 * registry entry. The data in the tier bucket stays: deleting data is never a side effect.
 */
@Command(name = "delete-dataset", mixinStandardHelpOptions = true,
        description = {"Delete a dataset's roles, tables and workgroup. Its data is kept.",
                "Asks for the dataset name to be typed again unless --yes is given."})
final class DeleteDatasetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Lake lake;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset's name.")
    String dataset;

    @Mixin
    EnvironmentOptions environment;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        DatasetLayout.checkName(dataset);
        LakeNames names = new LakeNames(environment.cdkConfig().environment(environment.env));
        String stack = names.datasetStack(dataset);
        if (!yes) {
            out.print("This deletes stack " + stack + " (the roles, tables and workgroup of " + dataset
                    + "); the data stays.\nType the dataset name to confirm: ");
            out.flush();
            String typed = lake.runtime().input().readLine();
            if (!dataset.equals(typed == null ? null : typed.trim())) {
                spec.commandLine().getErr().println("lake: the name typed does not match '" + dataset + "'; nothing was deleted");
                return Lake.USER_ERROR;
            }
        }
        LakeRuntime runtime = lake.runtime();
        String region = names.environment().region();
        try (CloudFormationClient cfn = runtime.cloudFormation().apply(region)) {
            DeployResult result = new StackDeployer(cfn, out, runtime.pollInterval()).delete(stack);
            switch (result.outcome()) {
                case NOT_FOUND -> {
                    spec.commandLine().getErr().println("lake: dataset " + dataset + " has no stack " + stack + " in " + environment.env
                            + "; nothing was deleted");
                    return Lake.USER_ERROR;
                }
                case FAILED -> {
                    spec.commandLine().getErr().println("lake: " + result.summary());
                    return Lake.DEPLOY_FAILED;
                }
                default -> out.println(result.summary());
            }
        }
        String kept;
        try (DynamoDbClient dynamo = runtime.dynamoDb().apply(region)) {
            DatasetRegistry registry = new DatasetRegistry(dynamo, names);
            kept = registry.find(dataset)
                    .map(r -> "s3://" + names.dataBucket(r.tier()) + "/" + DatasetLayout.prefix(dataset))
                    .orElse("its tier bucket");
            registry.deregister(dataset);
        } catch (RegistryException e) {
            throw new DeployException("the stack is deleted, but removing " + dataset + " from the registry failed: "
                    + e.getMessage());
        }
        out.println("deleted dataset " + dataset + "; its data in " + kept + " is kept");
        return 0;
    }
}
