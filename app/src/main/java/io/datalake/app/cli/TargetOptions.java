package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.lake.LakeConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which lake a reading command looks at: the local one (the default) or an environment on AWS. */
final class TargetOptions {
    @Option(names = "--env", paramLabel = "NAME", defaultValue = LakeApp.LOCAL,
            description = "The environment (default: ${DEFAULT-VALUE}, the lake of lake local).")
    String env;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".lake",
            description = "The local lake's data folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "cdk.json",
            description = "The cdk.json whose context holds the environments (default: ${DEFAULT-VALUE}).")
    Path config;

    /** Connects to the chosen lake; the caller closes the connection. */
    LakeConnection connect(LakeRuntime runtime) {
        return LakeConnection.open(CdkConfig.read(config).environment(env), dir, runtime.dynamoDb(), runtime.s3());
    }
}
