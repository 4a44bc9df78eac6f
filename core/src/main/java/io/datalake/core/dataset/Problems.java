package io.datalake.core.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems of one dataset so that all of them are reported at once. Builders use it
 * without a file; the file reader gives it the file's name and the line of every field path, so a
 * problem found by a builder (which knows only the field) still points at its line. Public so that
 * other YAML files of the lake (pipeline configs) collect and locate their problems the same way.
 */
public final class Problems {
    private final String file;
    private final List<Problem> found = new ArrayList<>();
    private Map<String, Integer> lines = Map.of();

    /** Problems of a spec built in code: no file, no lines. */
    public Problems() {
        this(null);
    }

    /** Problems of a file, named as the user gave it. */
    public Problems(String file) {
        this.file = file;
    }

    /** The line of each field path ({@code ""} for the document), for {@link #add(String, String)}. */
    public void locate(Map<String, Integer> linesByField) {
        this.lines = Map.copyOf(linesByField);
    }

    /** Adds a problem at the line of its field, or of the nearest enclosing field the file has. */
    public void add(String field, String message) {
        add(lineOf(field), field, message);
    }

    public void add(int line, String field, String message) {
        Problem problem = file == null ? Problem.of(field, message) : new Problem(file, line, field, message);
        // One problem per field and line: a second one there (an alias, then its missing value) only
        // restates the first.
        boolean restates = found.stream().anyMatch(p -> p.field().equals(field) && p.line() == line
                && (file != null || p.message().equals(message)));
        if (!restates) {
            found.add(problem);
        }
    }

    /** Adds the problems a builder or parser reported, each at the line of its field. */
    void addAll(DatasetValidationException e) {
        e.problems().forEach(p -> add(p.field(), p.message()));
    }

    /** Whether a problem concerns the field or anything inside it, so follow-up checks can skip it. */
    public boolean has(String field) {
        return found.stream().anyMatch(p -> p.field().equals(field) || p.field().startsWith(field + ".")
                || p.field().startsWith(field + "["));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** @throws DatasetValidationException with every problem, in line order, when there is any */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new DatasetValidationException(sorted());
        }
    }

    /** The problems in line order; a problem of the same line keeps the order it was found in. */
    public List<Problem> sorted() {
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Problem::line)); // stable: same line keeps found order
        return sorted;
    }

    /** The file the problems are in, as the user named it; {@code null} for a model built in code. */
    public String file() {
        return file;
    }

    /** The line of a field path, or of the nearest enclosing field the file has. */
    public int line(String field) {
        return lineOf(field);
    }

    private int lineOf(String field) {
        String path = field;
        while (true) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            if (path.isEmpty()) {
                return file == null ? 0 : 1;
            }
            path = parent(path);
        }
    }

    /** {@code schema[2].type} → {@code schema[2]} → {@code schema} → {@code ""}. */
    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
