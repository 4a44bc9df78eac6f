package io.datalake.core.dataset;

import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * A valid dataset file: its spec, and where each field is, so a problem found across files (two
 * datasets whose names collide, a schema change against the deployed version) is reported as
 * {@code file:line: message} like the file's own problems.
 */
public final class DatasetFile {
    private final String file;
    private final DatasetSpec spec;
    private final ToIntFunction<String> lines;

    DatasetFile(String file, DatasetSpec spec, ToIntFunction<String> lines) {
        this.file = Objects.requireNonNull(file, "file");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.lines = lines;
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    public DatasetSpec spec() {
        return spec;
    }

    /** The line of a field path such as {@code schema[2].type}, or of the nearest enclosing field. */
    public int line(String field) {
        return lines.applyAsInt(field);
    }

    /** A problem at a field of this file, rendered {@code file:line: message}. */
    public Problem problem(String field, String message) {
        return new Problem(file, line(field), field, message);
    }

    /** {@code file:line} of the dataset's name, for messages that point at another file. */
    public String whereNamed() {
        return file + ":" + line("name");
    }
}
