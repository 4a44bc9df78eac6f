package io.datalake.core.dataset;

import com.fasterxml.jackson.core.JsonToken;
import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.FileFields.Field;
import io.datalake.core.dataset.YamlTree.Mapping;
import io.datalake.core.dataset.YamlTree.Node;
import io.datalake.core.dataset.YamlTree.Scalar;
import io.datalake.core.dataset.YamlTree.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the lake's hand-written YAML files are read field by field: unknown fields named with the
 * closest known one, missing required ones with a hint, values checked for their YAML kind, and
 * every problem collected at its line instead of stopping at the first. Dataset files and pipeline
 * configs both read through it, so both answer the same mistakes in the same words.
 *
 * <p>Value readers ({@link #text}, {@link #mapping}, ...) throw a problem of their field; reading
 * them inside {@link #value} or {@link #attempt} turns it into a located problem.
 */
public final class YamlFields {
    private final Problems problems;

    public YamlFields(Problems problems) {
        this.problems = problems;
    }

    /** The problems found so far. */
    public Problems problems() {
        return problems;
    }

    /**
     * Reports unknown fields (with the closest known one) and missing required ones of a mapping.
     *
     * @param path  the mapping's own field path, {@code ""} for the document
     * @param level the fields the mapping may hold
     */
    public void checkFields(Mapping mapping, String path, List<Field> level) {
        List<String> known = FileFields.names(level);
        for (YamlTree.Entry entry : mapping.entries().values()) {
            if (!known.contains(entry.key())) {
                String field = FileFields.path(path, entry.key());
                String hint = Spelling.closest(entry.key(), known)
                        .map(k -> "; did you mean '" + FileFields.path(path, k) + "'?")
                        .orElse("; known fields " + (path.isEmpty() ? "" : "of " + path + " ") + "are "
                                + String.join(", ", known));
                problems.add(entry.line(), field, "unknown field '" + field + "'" + hint);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Field field : level) {
            if (field.required() && absent(mapping.get(field.name()))) {
                missing.add(field.name());
            }
        }
        // A field that is probably a misspelt required one is reported once, as unknown.
        missing.removeIf(name -> mapping.entries().keySet().stream()
                .anyMatch(key -> !known.contains(key) && Spelling.closest(key, known).orElse("").equals(name)));
        // Located by field path: an absent field falls back to its parent's line, an empty one keeps its own.
        missing.forEach(name -> problems.add(FileFields.path(path, name), FileFields.missing(path, level, name)));
    }

    /** Applies a field's value when it is there; an empty value counts as absent, and is reported if required. */
    public void value(Mapping mapping, String path, String key, Consumer<Node> apply) {
        Node node = mapping.get(key);
        if (!absent(node)) {
            attempt(FileFields.path(path, key), () -> apply.accept(node));
        }
    }

    /** Runs a step, turning the model's exceptions into problems at the line of their field. */
    public void attempt(String field, Runnable step) {
        try {
            step.run();
        } catch (DatasetValidationException e) {
            problems.addAll(e);
        } catch (LakeConfigException e) {
            problems.add(field, e.getMessage());
        }
    }

    /** Whether a field is missing or holds nothing. */
    public static boolean absent(Node node) {
        return node == null || (node instanceof Scalar s && s.isNothing());
    }

    /** A problem of one field, for value readers to throw inside {@link #attempt}. */
    public static LakeConfigException problem(String field, String message) {
        return DatasetValidationException.of(field, message);
    }

    /** The value as text; a number or boolean is refused with advice to quote it. */
    public static String text(String field, Node node) {
        if (node instanceof Scalar s && s.isText()) {
            return s.text();
        }
        String quoteHint = node instanceof Scalar s && !s.isNothing()
                ? "; put it in quotes to make it text: '" + s.text() + "'" : "";
        throw problem(field, field + " must be text, but " + node.describe() + " was given" + quoteHint);
    }

    /**
     * The text of a value picked from a fixed set. Any scalar is passed on, so that {@code tier: 1}
     * is answered with the allowed values rather than with advice to quote it.
     */
    public static String choice(String field, Node node) {
        if (node instanceof Scalar s) {
            return s.text();
        }
        return text(field, node);
    }

    public static boolean bool(String field, Node node) {
        if (node instanceof Scalar s && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
            return s.token() == JsonToken.VALUE_TRUE;
        }
        throw problem(field, field + " must be true or false, but " + node.describe() + " was given");
    }

    /**
     * A whole number from {@code min} to {@code max}.
     *
     * @param unit what the number counts, for the message, e.g. {@code minutes}; empty for none
     */
    public static int integer(String field, Node node, int min, int max, String unit) {
        String what = unit.isEmpty() ? "" : " " + unit;
        if (node instanceof Scalar s && s.integer() != null && s.integer().bitLength() < Integer.SIZE) {
            int value = s.integer().intValueExact();
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw problem(field, field + " must be a whole number" + (unit.isEmpty() ? "" : " of" + what) + " from "
                + min + " to " + max + ", but " + node.describe() + " was given");
    }

    public static Mapping mapping(String field, Node node, String expected) {
        if (node instanceof Mapping m) {
            return m;
        }
        throw problem(field, field + " must be " + expected + ", but " + node.describe() + " was given");
    }

    public static Sequence list(String field, Node node, String expected) {
        if (node instanceof Sequence s) {
            return s;
        }
        throw problem(field, field + " must be " + expected + ", but " + node.describe() + " was given");
    }
}
