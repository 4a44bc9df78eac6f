package io.datalake.pipelines.runner;

import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.ManifestFile;
import io.datalake.registry.commit.PendingUpdate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the Parquet files of one update, {@code <dataset>/data/<update>/}, partitioned as the
 * dataset declares, and reports what it wrote for the manifest. It writes only for an attempt
 * that holds the update ({@link PendingUpdate}), which has emptied the folder; it never writes the
 * manifest: the committer does that last, once the folder lists exactly what it reports.
 */
final class UpdateWriter {
    /** What was written: the files (relative to the update folder, with checksums) and the rows. */
    record Written(List<ManifestFile> files, long rows) {
    }

    private final SparkSession spark;
    private final LakeFiles storage;

    UpdateWriter(SparkSession spark, LakeFiles storage) {
        this.spark = spark;
        this.storage = storage;
    }

    /**
     * @param data the data, already conformed to the dataset's schema
     */
    Written write(Dataset<Row> data, DatasetSpec dataset, PendingUpdate pending) {
        UpdateId update = pending.update();
        String folder = storage.dataFolder(dataset.tier(), dataset.name(), update);
        writeParquet(data, dataset, folder);
        List<ManifestFile> files = storage.files(folder);
        // Counting what was written reads the Parquet footers, not the rows: cheap, and exact.
        long rows = files.isEmpty() ? 0 : spark.read().parquet(folder).count();
        return new Written(files, rows);
    }

    /** The Parquet write itself, partitioned as the dataset declares; the conformance suite writes through it too. */
    static void writeParquet(Dataset<Row> data, DatasetSpec dataset, String folder) {
        data.write()
                .mode(SaveMode.Overwrite) // the attempt holds the update; what a killed one left goes
                .partitionBy(dataset.partitioning().toArray(String[]::new))
                .parquet(folder);
    }
}
