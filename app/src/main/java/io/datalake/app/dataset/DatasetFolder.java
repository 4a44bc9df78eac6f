package io.datalake.app.dataset;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.DatasetValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The dataset files an environment deploys with itself: every {@code .yaml} file below a folder,
 * validated together so that one run reports every problem of every file.
 */
public final class DatasetFolder {
    private DatasetFolder() {
    }

    /**
     * @throws LakeConfigException listing each problem as {@code file:line: message}, or naming the
     *     folder when it does not exist, or the two files that declare the same dataset
     */
    public static List<DatasetSpec> load(Path folder) {
        return List.copyOf(loadFiles(folder).values());
    }

    /**
     * The same, each dataset with the file it was read from, in file order.
     *
     * @throws LakeConfigException as {@link #load}
     */
    public static Map<Path, DatasetSpec> loadFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new LakeConfigException("datasets folder " + folder + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, DatasetSpec> datasets = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            try {
                DatasetSpec dataset = DatasetFiles.load(file);
                Path earlier = seen.putIfAbsent(dataset.name(), file);
                if (earlier != null) {
                    problems.add(file + ": dataset '" + dataset.name() + "' is already declared in " + earlier);
                } else {
                    datasets.put(file, dataset);
                }
            } catch (DatasetValidationException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new LakeConfigException(String.join("\n", problems));
        }
        return datasets;
    }
}
