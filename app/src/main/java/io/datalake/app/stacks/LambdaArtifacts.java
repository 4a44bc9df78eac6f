package io.datalake.app.stacks;

import io.datalake.core.LakeConfigException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built Lambda code the environment deploys: the shaded ingest and api jars and the API's
 * OpenAPI description, found in a project folder after {@code ./mvnw package}.
 */
public record LambdaArtifacts(Path ingestJar, Path apiJar, Path openApi) {
    /** Where the build leaves them, relative to the project folder. */
    public static final Path INGEST_JAR = Path.of("lambdas", "ingest", "target", "lake-ingest.jar");
    public static final Path API_JAR = Path.of("lambdas", "api", "target", "lake-api.jar");
    public static final Path OPENAPI = Path.of("lambdas", "api", "src", "main", "resources", "openapi.yaml");

    /**
     * @throws LakeConfigException naming the missing file and how to build it
     */
    public static LambdaArtifacts in(Path projectDir) {
        LambdaArtifacts artifacts = new LambdaArtifacts(projectDir.resolve(INGEST_JAR), projectDir.resolve(API_JAR),
                projectDir.resolve(OPENAPI));
        for (Path file : new Path[] {artifacts.ingestJar, artifacts.apiJar, artifacts.openApi}) {
            if (!Files.isRegularFile(file)) {
                throw new LakeConfigException(file + " is missing: build the Lambdas first with ./mvnw -q -DskipTests package");
            }
        }
        return artifacts;
    }
}
