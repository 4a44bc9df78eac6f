package io.datalake.pipelines.model;

import io.datalake.core.dataset.DatasetValidationException;
import io.datalake.core.dataset.Problem;
import io.datalake.core.dataset.Problems;
import io.datalake.core.dataset.TextFiles;
import io.datalake.core.dataset.YamlTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads pipeline folders: {@code pipelines/<name>/pipeline_config.yaml} and the SQL files its steps
 * name. Every problem of a folder is reported at once, each as one {@code file:line: message} line,
 * like dataset files, so the CLI prints them and exits with code 2.
 */
public final class PipelineFiles {
    /** The config file every pipeline folder has. */
    public static final String CONFIG = "pipeline_config.yaml";
    /** The largest config or SQL file read: they are a few KiB. */
    public static final long MAX_BYTES = 1L << 20;
    static final String KIND = "a pipeline config";

    private PipelineFiles() {
    }

    /** Whether a folder is a pipeline folder: it has a {@value #CONFIG}. */
    public static boolean isPipeline(Path folder) {
        return Files.isRegularFile(folder.resolve(CONFIG));
    }

    /**
     * Reads and validates a pipeline folder; the pipeline is named after the folder.
     *
     * @throws PipelineValidationException listing every problem of the config and its SQL files
     */
    public static PipelineConfig load(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return parse(name == null ? "" : name.toString(), folder(folder));
    }

    /**
     * Reads and validates a pipeline from its files wherever they are, e.g. in S3 for the runner.
     *
     * @param name the pipeline's name: its folder's name
     * @throws PipelineValidationException listing every problem of the config and its SQL files
     */
    public static PipelineConfig parse(String name, PipelineSource source) {
        String shown = source.display(CONFIG);
        Optional<String> text;
        try {
            text = source.read(CONFIG);
        } catch (DatasetValidationException e) {
            throw new PipelineValidationException(e.problems());
        }
        if (text.isEmpty()) {
            throw new PipelineValidationException(List.of(new Problem(shown, 0, "", "the folder has no " + CONFIG)));
        }
        Problems problems = new Problems(shown);
        YamlTree.Document document = YamlTree.read(text.get(), problems, KIND);
        problems.locate(document.lines());
        YamlTree.Node root = document.root();
        PipelineConfig config = null;
        List<Problem> elsewhere = List.of();
        if (root == null || (root instanceof YamlTree.Scalar scalar && scalar.isNothing())) {
            if (problems.isEmpty()) {
                problems.add(1, "", "the file is empty; a pipeline config needs at least inputs, output and steps");
            }
        } else if (root instanceof YamlTree.Mapping mapping) {
            PipelineReader reader = new PipelineReader(problems, source);
            config = reader.read(name, mapping, document.lines());
            elsewhere = reader.elsewhere();
        } else {
            problems.add(root.line(), "", "a pipeline config must be a mapping of fields such as 'inputs:', but "
                    + root.describe() + " was given");
        }
        List<Problem> all = new ArrayList<>(problems.sorted());
        all.addAll(elsewhere);
        if (!all.isEmpty()) {
            throw new PipelineValidationException(all);
        }
        return config;
    }

    /** The files of a folder on disk, named in problems by their path. */
    public static PipelineSource folder(Path folder) {
        return new PipelineSource() {
            @Override
            public Optional<String> read(String name) {
                Path file = folder.resolve(name);
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                return Optional.of(TextFiles.read(file, display(name), MAX_BYTES, name.endsWith(".sql") ? "a SQL file" : KIND));
            }

            @Override
            public String display(String name) {
                return folder.resolve(name).toString();
            }
        };
    }
}
