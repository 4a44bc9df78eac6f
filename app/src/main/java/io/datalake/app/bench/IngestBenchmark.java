package io.datalake.app.bench;

import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.lake.LocalHandlers;
import io.datalake.app.lake.LocalOnboarding;
import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.UpdateState;
import io.datalake.locallake.ApiServer;
import io.datalake.locallake.LocalLakeRunner;
import io.datalake.registry.UpdateRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Measures the local lake's ingest of one large delivery: a gzipped CSV of the sales example is
 * dropped, and the time until its update is complete (ingest: stream-decompress, checksum,
 * manifest; then DuckDB's conversion to Parquet) is reported in MB/s of uncompressed CSV. Run by {@code bench/ingest-throughput.sh}, which also times {@code gzip -dc}.
 * Arguments: the gzipped CSV file, a scratch folder, and the CSV's uncompressed size in bytes.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path folder = Path.of(args[1]);
        long uncompressed = Long.parseLong(args[2]);
        Path project = Path.of("").toAbsolutePath();
        LakeNames names = new LakeNames(CdkConfig.read(project.resolve("cdk.json")).environment(LakeApp.LOCAL));
        Path yaml = project.resolve("dataset-templates/examples/sales_orders.yaml");
        DatasetSpec spec = DatasetFiles.load(yaml);
        try (LocalLakeRunner runner = LocalLakeRunner.start(names, folder, new LocalLakeRunner.Ports(0, 0, 0),
                new LocalHandlers(), ApiServer.routesOf(LocalHandlers.openApi(project)), new PrintWriter(System.err), false)) {
            new LocalOnboarding(runner.lake().s3(), runner.lake().dynamo(), names).onboard(spec, LocalOnboarding.specJson(yaml));
            runner.lake().s3().putObject(r -> r.bucket(names.dropBucket(spec.tier())).key("sales_orders/big.csv.gz"),
                    RequestBody.fromFile(file));
            UpdateRegistry updates = new UpdateRegistry(runner.lake().dynamo(), names);
            long start = System.nanoTime();
            // One round of the worker ingests the drop and converts it, as lake local does.
            while (updates.inState("sales_orders", UpdateState.COMPLETE).isEmpty()) {
                if (runner.process() == 0) {
                    Thread.sleep(50);
                }
                if (!updates.inState("sales_orders", UpdateState.FAILED).isEmpty()) {
                    throw new IllegalStateException("ingest failed: " + updates.inState("sales_orders", UpdateState.FAILED));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("lake local, drop -> complete (ingest: gunzip, checksum, manifest; then DuckDB to Parquet): %.1f s,"
                    + " %.0f MB/s of CSV, %d rows%n", seconds, uncompressed / 1e6 / seconds,
                    updates.inState("sales_orders", UpdateState.COMPLETE).get(0).rowCount());
        }
        Files.deleteIfExists(folder.resolve("endpoints.json"));
        // DynamoDB Local's scheduler thread is no daemon and may keep the JVM alive after the lake closed.
        System.exit(0);
    }
}
