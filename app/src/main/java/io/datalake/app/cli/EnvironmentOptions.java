package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that pick an environment: {@code --env NAME} from the environments of {@code --config}. */
final class EnvironmentOptions {
    @Option(names = "--env", required = true, paramLabel = "NAME", description = "The environment, e.g. dev.")
    String env;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "cdk.json",
            description = "The cdk.json whose context holds the environments (default: ${DEFAULT-VALUE}).")
    Path config;

    /** The project's cdk.json, read. */
    CdkConfig cdkConfig() {
        return CdkConfig.read(config);
    }
}
