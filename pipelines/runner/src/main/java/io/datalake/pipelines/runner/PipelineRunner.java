package io.datalake.pipelines.runner;

import io.datalake.core.UpdateId;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineFiles;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.RunRegistry;
import io.datalake.registry.UpdateRegistry;
import io.datalake.registry.commit.UpdateCommitter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The runner's entry point on Glue (the job's {@code --class}), EMR Serverless (the job's
 * {@code --class}) and in {@code spark-submit}: it reads {@link RunnerArgs}, takes the Spark session
 * the platform started, and runs a pipeline or converts an update. A failure is printed as one line
 * and rethrown, so the platform marks the job run failed with that message.
 */
public final class PipelineRunner {
    /** Locally the token key of the tokenize mask comes from this environment variable. */
    public static final String TOKEN_KEY_VARIABLE = "LAKE_TOKEN_KEY";

    private PipelineRunner() {
    }

    public static void main(String[] args) {
        RunnerArgs parsed = RunnerArgs.parse(args);
        SparkSession spark = SparkSession.builder().appName("lake-" + parsed.command()).getOrCreate();
        try {
            RunResult result = run(parsed, spark);
            System.out.println("lake-runner: " + describe(result));
        } catch (RuntimeException e) {
            System.err.println("lake-runner: " + RunErrors.summary(e));
            throw e;
        }
    }

    /** Runs what the arguments say in a Spark application, with the AWS clients they ask for. */
    public static RunResult run(RunnerArgs args, SparkSession spark) {
        Clock clock = Clock.systemUTC();
        LakeFiles storage = new LakeFiles(args.names(), args.storageRoot(), spark.sparkContext().hadoopConfiguration());
        Region region = Region.of(args.names().environment().region());
        DynamoDbClient dynamo = args.registry() ? DynamoDbClient.builder().region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build() : null;

        DatasetCatalog catalog = args.datasetSpecs().map(f -> DatasetCatalog.folder(f, storage::readBytes))
                .orElse(dataset -> Optional.empty());
        if (args.pipelineDatasets().isPresent()) {
            catalog = DatasetCatalog.folder(args.pipelineDatasets().get(), storage::readBytes).orElse(catalog);
        }
        if (dynamo != null) {
            catalog = catalog.orElse(DatasetCatalog.registry(new DatasetRegistry(dynamo, args.names())));
        }
        DatasetCatalog datasets = catalog;
        RunRecorder recorder = dynamo != null ? new RunRegistry(dynamo, args.names())::record : RunRecorder.none();
        UpdateCommitter.Builder committer = UpdateCommitter.builder().store(storage).clock(clock);
        if (dynamo != null) {
            committer.registry(new UpdateRegistry(dynamo, args.names())).datasets(new DatasetRegistry(dynamo, args.names()));
        }
        if (args.events()) {
            committer.announcer(new EventBridgeAnnouncer(EventBridgeClient.builder().region(region)
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build(), args.names(),
                    dataset -> datasets.require(dataset).tier()));
        }
        RunContext context = new RunContext(spark, storage, datasets, recorder, committer.build(), clock, tokenKey(args, region));

        if (args.command().equals(RunnerArgs.CONVERT)) {
            return new Conversion(context).convert(args.dataset(), args.update());
        }
        PipelineConfig config = PipelineFiles.parse(args.pipeline(), new FolderSource(args.pipelineDir(), storage));
        return new PipelineRun(context).run(config, args.runId().orElseGet(() -> newRunId(clock)));
    }

    /** A new run id, shaped and sorted like an update id, since it is the id of the update the run writes. */
    public static UpdateId newRunId(Clock clock) {
        return UpdateId.create(clock.instant(), new SecureRandom());
    }

    /** {@code daily_sales@2026-11-21T101500Z-3f9a: 42 rows in 2 file(s), from sales_orders@..., 8.1 s}. */
    public static String describe(RunResult result) {
        return result.dataset() + "@" + result.update() + ": " + result.rows() + " row(s) in " + result.files()
                + " file(s)" + (result.upstreams().isEmpty() ? "" : ", from " + String.join(", ",
                result.upstreams().stream().map(Object::toString).toList()))
                + String.format(java.util.Locale.ROOT, ", %.1f s", result.took().toMillis() / 1000.0);
    }

    private static Optional<byte[]> tokenKey(RunnerArgs args, Region region) {
        if (args.tokenKeySecret().isPresent()) {
            try (SecretsManagerClient secrets = SecretsManagerClient.builder().region(region)
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
                return Optional.of(secrets.getSecretValue(r -> r.secretId(args.tokenKeySecret().get())).secretString()
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return tokenKeyFromEnvironment();
    }

    /** The tokenize key of local runs: the {@value #TOKEN_KEY_VARIABLE} environment variable, if set. */
    public static Optional<byte[]> tokenKeyFromEnvironment() {
        return Optional.ofNullable(System.getenv(TOKEN_KEY_VARIABLE)).filter(k -> !k.isBlank())
                .map(k -> k.getBytes(StandardCharsets.UTF_8));
    }
}
