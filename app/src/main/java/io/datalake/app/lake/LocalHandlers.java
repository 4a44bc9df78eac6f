package io.datalake.app.lake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.datalake.lambda.api.ApiHandler;
import io.datalake.lambda.api.ApiServices;
import io.datalake.lambda.api.RestApi;
import io.datalake.lambdas.ingest.Faults;
import io.datalake.lambdas.ingest.IngestHandler;
import io.datalake.lambdas.ingest.Ingestor;
import io.datalake.lambdas.ingest.JsonLog;
import io.datalake.locallake.LocalLake;
import io.datalake.locallake.LocalLakeRunner;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Lambda handlers of the local lake: the same {@link IngestHandler} and {@link ApiHandler} that
 * run on AWS, built over the local clients. The API's ingest queue is the runner's local queue, and
 * grants edit trust policies kept in the lake folder ({@link LocalTrustPolicies}), IAM having no
 * local stand-in. The handlers' JSON logs go to {@code <folder>/logs/}.
 */
public final class LocalHandlers implements LocalLakeRunner.Handlers {
    /** Where the REST API's OpenAPI description is, relative to the project folder. */
    public static final Path OPENAPI = Path.of("lambdas", "api", "src", "main", "resources", "openapi.yaml");

    /** The OpenAPI file of a project folder. */
    public static Path openApi(Path projectDir) {
        Path file = projectDir.resolve(OPENAPI);
        if (!Files.isRegularFile(file)) {
            throw new io.datalake.core.LakeConfigException(file + " not found: run lake local from the project folder");
        }
        return file;
    }

    private final Faults faults;

    /** The handlers as they run in {@code lake local}. */
    public LocalHandlers() {
        this(Faults.NONE);
    }

    /** With a failure-injection hook in the ingest, to test recovery from a crash. */
    public LocalHandlers(Faults faults) {
        this.faults = faults;
    }

    @Override
    public Function<SQSEvent, SQSBatchResponse> ingest(LocalLake lake) {
        Ingestor ingestor = Ingestor.builder()
                .s3(lake.newS3Client())
                .dynamo(lake.newDynamoClient())
                .names(lake.names())
                .tiers(lake.names().environment().settings().enabledTiers())
                // The API below may name files staged in the artifacts bucket; ingest takes them only with its record.
                .stagingBuckets(Set.of(lake.names().artifactBucket()))
                // Conversion is the runner's: it converts every raw-complete update it finds.
                .trigger(update -> { })
                .faults(faults)
                .build();
        IngestHandler handler = new IngestHandler(ingestor, new JsonLog(log(lake, "ingest.log"), Clock.systemUTC()));
        return event -> handler.handleRequest(event, null);
    }

    @Override
    public Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> api(LocalLake lake, Consumer<String> ingestQueue) {
        ApiServices services = ApiServices.of(lake.names(), lake.newDynamoClient(), lake.newS3Client(),
                request -> ingestQueue.accept(request.toJson()), new LocalTrustPolicies(lake.folder().resolve("iam"), lake.names()),
                // Locally, files staged in the artifacts bucket may be named as sources of POST /datasets/{name}/updates.
                Set.of(lake.names().artifactBucket()), Clock.systemUTC(), new SecureRandom());
        ApiHandler handler = new ApiHandler(RestApi.create(services,
                new io.datalake.lambda.api.JsonLog(log(lake, "api.log"), Clock.systemUTC())));
        return event -> handler.handleRequest(event, null);
    }

    private static PrintStream log(LocalLake lake, String name) {
        try {
            Path logs = Files.createDirectories(lake.folder().resolve("logs"));
            return new PrintStream(new FileOutputStream(logs.resolve(name).toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
