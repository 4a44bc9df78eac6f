package io.datalake.core.dataset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads dataset files: one YAML file per dataset, documented by
 * {@code dataset-templates/dataset.schema.json}. Every problem of a file is reported at once, each
 * as one {@code file:line: message} line, so the CLI can print them and exit with code 2 without a
 * stack trace, and the same file gives the same answer on a laptop and in CI.
 */
public final class DatasetFiles {
    /** The largest dataset file read: a spec is a few KiB, so anything bigger is not one. */
    public static final long MAX_BYTES = 1L << 20;
    private static final String KIND = "a dataset file";

    private DatasetFiles() {
    }

    /**
     * Reads and validates a dataset file. The file is named in problems as given here, so pass the
     * path as the user typed it.
     *
     * @throws DatasetValidationException listing every problem of the file, including a missing or
     *         unreadable file, one over {@link #MAX_BYTES}, or one that is not UTF-8
     */
    public static DatasetSpec load(Path file) {
        return read(file).spec();
    }

    /**
     * Reads and validates a dataset file, keeping where each field is, so that checks across files
     * (names that collide) can point at a line too.
     *
     * @throws DatasetValidationException as {@link #load}
     */
    public static DatasetFile read(Path file) {
        String shown = file.toString();
        return parseFile(shown, TextFiles.read(file, shown, MAX_BYTES, KIND));
    }

    /**
     * Validates a dataset file's text, e.g. one received by the API.
     *
     * @param fileName how problems name the file
     * @throws DatasetValidationException listing every problem of the text
     */
    public static DatasetSpec parse(String fileName, String text) {
        return parseFile(fileName, text).spec();
    }

    private static DatasetFile parseFile(String fileName, String text) {
        Problems problems = new Problems(fileName);
        if (text.length() > MAX_BYTES) { // each char is at least one byte in UTF-8
            throw tooBig(fileName, text.getBytes(StandardCharsets.UTF_8).length);
        }
        YamlTree.Document document = YamlTree.read(text.startsWith("\uFEFF") ? text.substring(1) : text, problems, KIND);
        problems.locate(document.lines());
        YamlTree.Node root = document.root();
        DatasetSpec spec = null;
        if (root == null || (root instanceof YamlTree.Scalar scalar && scalar.isNothing())) {
            if (problems.isEmpty()) { // not a syntax error: the file holds nothing but comments or blanks
                problems.add(1, "", "the file is empty; a dataset file needs at least name, tier, owner,"
                        + " description and format");
            }
        } else if (root instanceof YamlTree.Mapping mapping) {
            spec = new SpecReader(problems).read(mapping);
        } else {
            problems.add(root.line(), "", "a dataset file must be a mapping of fields such as 'name: sales',"
                    + " but " + root.describe() + " was given");
        }
        problems.throwIfAny();
        return new DatasetFile(fileName, spec, problems::line);
    }

    private static DatasetValidationException tooBig(String shown, long size) {
        return TextFiles.tooBig(shown, size, MAX_BYTES, KIND);
    }
}
