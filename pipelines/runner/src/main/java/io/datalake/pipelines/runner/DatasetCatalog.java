package io.datalake.pipelines.runner;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.TextFiles;
import io.datalake.registry.DatasetRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the runner finds the dataset files of the datasets it reads and writes: their tier (which
 * bucket), schema and partitioning. A deployed pipeline carries the files of its inputs and output
 * in its artifact folder; the conversion, which serves every dataset, asks the registry.
 */
@FunctionalInterface
public interface DatasetCatalog {
    /** The dataset's spec, if this catalog knows it. */
    Optional<DatasetSpec> find(String dataset);

    /**
     * @throws LakeConfigException when no catalog knows the dataset
     */
    default DatasetSpec require(String dataset) {
        return find(dataset).orElseThrow(() -> new LakeConfigException("dataset '" + dataset + "' is unknown: its"
                + " dataset file is neither deployed with the pipeline nor registered in the lake's registry"));
    }

    /** This catalog, then the other for what this one does not know. */
    default DatasetCatalog orElse(DatasetCatalog other) {
        return dataset -> find(dataset).or(() -> other.find(dataset));
    }

    /**
     * The dataset files {@code <folder>/<dataset>.yaml}, read by a function that returns a file's
     * bytes (Hadoop for {@code s3://} folders).
     */
    static DatasetCatalog folder(String folder, Function<String, Optional<byte[]>> reader) {
        String base = folder.endsWith("/") ? folder : folder + "/";
        return dataset -> {
            String uri = base + dataset + ".yaml";
            return reader.apply(uri).map(bytes -> DatasetFiles.parse(uri,
                    TextFiles.decode(uri, bytes, DatasetFiles.MAX_BYTES, "a dataset file")));
        };
    }

    /** The specs the registry keeps of deployed datasets (as JSON, which is YAML too). */
    static DatasetCatalog registry(DatasetRegistry registry) {
        return dataset -> registry.find(dataset)
                .map(r -> DatasetFiles.parse("registry:" + dataset, r.spec()));
    }

    /** A fixed set of specs, for tests and the local CLI. */
    static DatasetCatalog of(List<DatasetSpec> specs) {
        return dataset -> specs.stream().filter(s -> s.name().equals(dataset)).findFirst();
    }
}
