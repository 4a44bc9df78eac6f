package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.lake.LocalDemo;
import io.datalake.app.lake.LocalHandlers;
import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.query.QueryResult;
import io.datalake.local.LocalCredentials;
import io.datalake.locallake.ApiServer;
import io.datalake.locallake.LocalLakeRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lake local}: the whole lake on this machine. Local S3 and DynamoDB, the REST API and the
 * ingest handler as on AWS, DuckDB for the Parquet conversion and queries; data kept in a folder.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Run the lake on this machine: S3, DynamoDB, the REST API and ingest on 127.0.0.1.",
                "With --demo, also onboard the example datasets, drop sample files and query them."})
final class LocalCommand implements Callable<Integer> {
    /** Ports the services listen on unless told otherwise. */
    static final int S3_PORT = 19000;
    static final int DYNAMODB_PORT = 19001;
    static final int API_PORT = 19002;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".lake", description = "The data folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "cdk.json",
            description = "The cdk.json whose 'local' environment names the lake (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--s3-port", defaultValue = "" + S3_PORT, description = "S3 port, 0 for any (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(names = "--dynamodb-port", defaultValue = "" + DYNAMODB_PORT, description = "DynamoDB port (default: ${DEFAULT-VALUE}).")
    int dynamoPort;

    @Option(names = "--api-port", defaultValue = "" + API_PORT, description = "REST API port (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--demo", description = "Onboard the example datasets, drop sample files, wait for their updates and query them.")
    boolean demo;

    @Option(names = "--exit", description = "Stop once started (and, with --demo, once the demo has printed its query).")
    boolean exit;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        CdkConfig cdk = CdkConfig.read(config);
        Environment env = cdk.environment(LakeApp.LOCAL);
        LakeNames names = new LakeNames(env);
        Path openApi = LocalHandlers.openApi(projectDir());
        LocalLakeRunner runner = LocalLakeRunner.start(names, dir, new LocalLakeRunner.Ports(s3Port, dynamoPort, apiPort),
                new LocalHandlers(), ApiServer.routesOf(openApi), spec.commandLine().getErr(), true);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.close();
            stopped.countDown();
        }, "lake-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        printBanner(out, runner, names);
        if (demo) {
            runDemo(out, runner, env, start);
        }
        if (exit) {
            Runtime.getRuntime().removeShutdownHook(hook);
            runner.close();
            return 0;
        }
        out.println("Ctrl-C stops the lake; the data stays in " + dir + " for next time.");
        out.flush();
        stopped.await();
        return 0;
    }

    private void printBanner(PrintWriter out, LocalLakeRunner runner, LakeNames names) {
        String s3 = runner.lake().s3Endpoint().toString();
        out.println("lake local: the lake runs on this machine, data in " + dir.toAbsolutePath());
        out.println("  S3        " + s3 + "   (access key " + LocalCredentials.ACCESS_KEY + ", secret " + LocalCredentials.SECRET_KEY + ")");
        out.println("  DynamoDB  " + runner.lake().dynamoEndpoint());
        out.println("  REST API  " + runner.apiEndpoint() + "/v1");
        out.println("Try:");
        out.println("  ./lake deploy-dataset dataset-templates/examples/sales_orders.yaml --env local");
        out.println("  AWS_ACCESS_KEY_ID=" + LocalCredentials.ACCESS_KEY + " AWS_SECRET_ACCESS_KEY=" + LocalCredentials.SECRET_KEY
                + " aws --endpoint-url " + s3 + " s3 cp orders.csv s3://" + names.dropBucket(Tier.INTERNAL) + "/sales_orders/");
        out.println("  curl " + runner.apiEndpoint() + "/v1/datasets");
        out.println("  ./lake query \"SELECT count(*) FROM sales_orders\"");
        out.flush();
    }

    private void runDemo(PrintWriter out, LocalLakeRunner runner, Environment env, long start) throws IOException {
        Path folder = projectDir().resolve(env.datasets().orElseThrow(() -> new LakeConfigException(
                "the local environment in " + config + " names no datasets folder for the demo")));
        Map<Path, DatasetSpec> datasets = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                datasets.put(file, DatasetFiles.load(file));
            }
        }
        LocalDemo tour = new LocalDemo(runner);
        List<String> names = tour.deliver(datasets);
        out.println();
        out.println("demo: onboarded " + datasets.size() + " datasets and dropped " + LocalDemo.ROWS
                + " rows for each of " + names.size() + " (not for those pipelines write); waiting for ingest and conversion...");
        out.flush();
        tour.awaitComplete(names, Duration.ofMinutes(2)).forEach((dataset, update) ->
                out.println("  " + dataset + ": update " + update.update() + " complete, " + update.rowCount() + " rows"));
        QueryResult result = tour.query();
        out.println();
        out.println("demo: " + LocalDemo.QUERY);
        TableOutput.TABLE.print(out, result.columns(), result.rows());
        out.printf("demo: first query result %.1f s after start%n", (System.nanoTime() - start) / 1e9);
        out.flush();
    }

    private Path projectDir() {
        Path parent = config.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }
}
