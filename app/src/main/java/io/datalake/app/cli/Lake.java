package io.datalake.app.cli;

import io.datalake.app.deploy.AwsErrors;
import io.datalake.app.deploy.DeployException;
import io.datalake.app.query.QueryFailedException;
import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.DatasetValidationException;
import io.datalake.pipelines.model.PipelineValidationException;
import io.datalake.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import software.amazon.awssdk.core.exception.SdkException;

/** The {@code lake} command line: synthesizes and (in later versions) deploys and runs the lake. */
@Command(name = "lake",
        mixinStandardHelpOptions = true,
        versionProvider = Lake.Version.class,
        description = "Provision and run a governed data lake on AWS, or on this machine.",
        subcommands = {SynthCommand.class, LocalCommand.class, ValidateCommand.class, DeployDatasetCommand.class, DeleteDatasetCommand.class,
                DatasetsCommand.class, UpdatesCommand.class, InfoCommand.class, QueryCommand.class,
                K8sCommand.class, ValidatePipelinesCommand.class, RunPipelineCommand.class, ConvertUpdateCommand.class,
                RunsCommand.class, CommandLine.HelpCommand.class})
public final class Lake implements Runnable {
    /** Exit code of a user mistake: bad option, unknown environment, invalid file. */
    public static final int USER_ERROR = 2;
    /** Exit code of a failure that is not the user's: a deployment that failed and rolled back, a failed query. */
    public static final int DEPLOY_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final LakeRuntime runtime;

    private Lake(LakeRuntime runtime) {
        this.runtime = runtime;
    }

    public static void main(String[] args) {
        System.exit(commandLine(LakeRuntime.aws()).execute(args));
    }

    /** The command line against real AWS. */
    public static CommandLine commandLine() {
        return commandLine(LakeRuntime.aws());
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine(LakeRuntime runtime) {
        CommandLine cli = new CommandLine(new Lake(runtime));
        // A user mistake is one line on stderr and exit code 2, never a stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof DatasetValidationException || e instanceof PipelineValidationException) {
                // Already one "file:line: message" line per problem.
                commandLine.getErr().println(e.getMessage());
                return USER_ERROR;
            }
            if (e instanceof LakeConfigException) {
                commandLine.getErr().println("lake: " + e.getMessage());
                return USER_ERROR;
            }
            if (e instanceof DeployException || e instanceof QueryFailedException) {
                commandLine.getErr().println("lake: " + e.getMessage());
                return DEPLOY_FAILED;
            }
            if (e instanceof RegistryException) {
                // Credentials, permissions and region are the user's to fix (exit 2); anything else is a fault.
                RuntimeException access = e.getCause() instanceof SdkException sdk
                        ? AwsErrors.translate("dynamodb:GetItem/Query", "the registry", sdk) : null;
                if (access instanceof LakeConfigException) {
                    commandLine.getErr().println("lake: " + access.getMessage());
                    return USER_ERROR;
                }
                commandLine.getErr().println("lake: " + e.getMessage());
                return DEPLOY_FAILED;
            }
            throw e;
        });
        return cli;
    }

    /** The clients and input the subcommands use. */
    LakeRuntime runtime() {
        return runtime;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into {@code lake-version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Lake.class.getResourceAsStream("/lake-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"lake " + properties.getProperty("version", "unknown")};
        }
    }
}
