package io.datalake.pipelines.runner;

import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.ManifestFile;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the Parquet files of one update, {@code <dataset>/data/<update>/}, partitioned as the
 * dataset declares, and reports what it wrote for the manifest. It never writes the manifest: the
 * caller does that last, once everything it lists is in place.
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
    Written write(Dataset<Row> data, DatasetSpec dataset, UpdateId update) {
        String folder = storage.dataFolder(dataset.tier(), dataset.name(), update);
        storage.requireEmpty(folder);
        writeParquet(data, dataset, folder);
        List<ManifestFile> files = storage.files(folder);
        // Counting what was written reads the Parquet footers, not the rows: cheap, and exact.
        long rows = files.isEmpty() ? 0 : spark.read().parquet(folder).count();
        return new Written(files, rows);
    }

    /** The Parquet write itself, partitioned as the dataset declares; the conformance suite writes through it too. */
    static void writeParquet(Dataset<Row> data, DatasetSpec dataset, String folder) {
        data.write()
                .mode(SaveMode.ErrorIfExists)
                .partitionBy(dataset.partitioning().toArray(String[]::new))
                .parquet(folder);
    }
}
