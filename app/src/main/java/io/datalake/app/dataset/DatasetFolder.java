package io.datalake.app.dataset;

import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.NameCollisions;
import io.datalake.core.dataset.DatasetFile;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.DatasetValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The dataset files an environment deploys with itself: every {@code .yaml} file below a folder,
 * validated together so that one run reports every problem of every file, including two files
 * whose dataset names collide after the transformations of {@link LakeNames} ({@link NameCollisions}).
 */
public final class DatasetFolder {
    private DatasetFolder() {
    }

    /**
     * @throws LakeConfigException listing each problem as {@code file:line: message}, or naming the
     *     folder when it does not exist, or the two files whose datasets collide
     */
    public static List<DatasetSpec> load(Path folder) {
        return List.copyOf(loadFiles(folder).values());
    }

    /**
     * The same, each dataset with the file it was read from, in file order; names are compared only
     * in the forms every environment shares.
     *
     * @throws LakeConfigException as {@link #load}
     */
    public static Map<Path, DatasetSpec> loadFiles(Path folder) {
        return loadFiles(folder, null);
    }

    /**
     * The same, comparing the names the datasets take in an environment too (roles shortened with
     * a hash differ per environment).
     *
     * @param names the environment's names, or {@code null}
     * @throws LakeConfigException as {@link #load}
     */
    public static Map<Path, DatasetSpec> loadFiles(Path folder, LakeNames names) {
        if (!Files.isDirectory(folder)) {
            throw new LakeConfigException("datasets folder " + folder + " does not exist");
        }
        Map<Path, DatasetSpec> datasets = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Checked checked = check(yamlFiles(folder), names);
        checked.valid().forEach(f -> datasets.put(Path.of(f.file()), f.spec()));
        problems.addAll(checked.problems());
        if (!problems.isEmpty()) {
            throw new LakeConfigException(String.join("\n", problems));
        }
        return datasets;
    }

    /** Every {@code .yaml} or {@code .yml} file below a folder, in path order. */
    public static List<Path> yamlFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The files that are valid and collide with no earlier one, and every problem as one line: each
     * file's own, and {@code file:line: dataset 'b' collides with dataset 'a' (a.yaml:1): ...} for a
     * file whose dataset collides with an earlier file's.
     */
    public record Checked(List<DatasetFile> valid, List<String> problems) {
    }

    /** Reads and validates files together; see {@link Checked}. */
    public static Checked check(List<Path> files, LakeNames names) {
        List<DatasetFile> valid = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        NameCollisions claims = new NameCollisions(names);
        Map<String, DatasetFile> byName = new LinkedHashMap<>();
        for (Path file : files) {
            DatasetFile read;
            try {
                read = DatasetFiles.read(file);
            } catch (DatasetValidationException e) {
                problems.add(e.getMessage());
                continue;
            }
            Optional<NameCollisions.Collision> collision = claims.claim(read.spec().name());
            if (collision.isPresent()) {
                DatasetFile earlier = byName.get(collision.get().other());
                problems.add(read.problem("name", collision.get().message() + " (declared at " + earlier.whereNamed()
                        + "); rename one of them").toString());
            } else {
                byName.put(read.spec().name(), read);
                valid.add(read);
            }
        }
        return new Checked(List.copyOf(valid), List.copyOf(problems));
    }
}
