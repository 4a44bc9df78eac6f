package io.datalake.app.cli;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.DatasetValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code lake} command line: synthesizes and (in later versions) deploys and runs the lake. */
@Command(name = "lake",
        mixinStandardHelpOptions = true,
        versionProvider = Lake.Version.class,
        description = "Provision and run a governed data lake on AWS, or on this machine.",
        subcommands = {SynthCommand.class, ValidateCommand.class, DeployDatasetCommand.class,
                CommandLine.HelpCommand.class})
public final class Lake implements Runnable {
    /** Exit code of a user mistake: bad option, unknown environment, invalid file. */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Lake());
        // A user mistake is one line on stderr and exit code 2, never a stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof DatasetValidationException) {
                // Already one "file:line: message" line per problem.
                commandLine.getErr().println(e.getMessage());
                return USER_ERROR;
            }
            if (e instanceof LakeConfigException) {
                commandLine.getErr().println("lake: " + e.getMessage());
                return USER_ERROR;
            }
            throw e;
        });
        return cli;
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
