package io.datalake.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;

/** Apps built from the project's own {@code cdk.json}, as {@code cdk synth} and {@code lake synth} build them. */
public final class TestApps {
    /** The repository's cdk.json, seen from a module folder. */
    public static final Path CDK_JSON = Path.of("..", "cdk.json");

    private TestApps() {
    }

    public static App app(String env) {
        try {
            return CdkConfig.read(CDK_JSON).newApp(env, Files.createTempDirectory("cdk.out"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
