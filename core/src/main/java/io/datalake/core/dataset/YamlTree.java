package io.datalake.core.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A YAML document as a tree whose every node knows its line. Jackson's tree model forgets
 * locations and keeps the last of two duplicate keys silently, so the tree is built here from the
 * streaming parser, which reports both. Anything the parser rejects is translated into one short
 * problem with its line; no parser text with excerpts and carets reaches the user.
 *
 * <p>Public so that other hand-written YAML files of the lake (pipeline configs, job files) report
 * their mistakes exactly like dataset files do.
 */
public final class YamlTree {
    // Jackson factories are thread-safe and costly to create; one serves every file.
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    /** A node of the tree. */
    public sealed interface Node permits Scalar, Sequence, Mapping {
        /** The 1-based line where the node starts. */
        int line();

        /** What the node is, for messages: {@code a list}, {@code the number 12}, {@code 'text'}. */
        String describe();
    }

    /**
     * A scalar. {@code token} says what YAML made of it: text, a number, a boolean or null.
     * {@code integer} holds the value of an integer and is {@code null} otherwise.
     */
    public record Scalar(JsonToken token, String text, BigInteger integer, int line) implements Node {
        public boolean isText() {
            return token == JsonToken.VALUE_STRING;
        }

        /** Null, or the empty text that YAML gives for a key with no value. */
        public boolean isNothing() {
            return token == JsonToken.VALUE_NULL || (isText() && text.isEmpty());
        }

        @Override
        public String describe() {
            if (isNothing()) {
                return "nothing";
            }
            return switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + text;
                case VALUE_TRUE, VALUE_FALSE -> "the boolean " + text;
                default -> Messages.quote(text);
            };
        }
    }

    public record Sequence(List<Node> items, int line) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A mapping; entries keep the file's order, and the first of duplicate keys. */
    public record Mapping(Map<String, Entry> entries, int line) implements Node {
        public Node get(String key) {
            Entry entry = entries.get(key);
            return entry == null ? null : entry.value();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping, with the line of the key. */
    public record Entry(String key, int line, Node value) {
    }

    /** A parsed document and the line of each field path in it. */
    public record Document(Node root, Map<String, Integer> lines) {
    }

    private final JsonParser parser;
    private final Problems problems;
    private final String fileKind;
    private final Map<String, Integer> lines = new HashMap<>();

    private YamlTree(JsonParser parser, Problems problems, String fileKind) {
        this.parser = parser;
        this.problems = problems;
        this.fileKind = fileKind;
    }

    /**
     * Reads one YAML document. Duplicate keys, aliases and extra documents are added to the
     * problems and reading goes on; a syntax error ends it.
     *
     * @return the document, with a {@code null} root when the text holds none or is not YAML
     */
    static Document read(String text, Problems problems) {
        return read(text, problems, "a dataset file");
    }

    /**
     * Reads one YAML document of some kind of file, named in messages: {@code a pipeline config}.
     *
     * @see #read(String, Problems)
     */
    public static Document read(String text, Problems problems, String fileKind) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            YamlTree tree = new YamlTree(parser, problems, fileKind);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Document(null, Map.of());
            }
            tree.lines.put("", tree.line());
            Node root = tree.node(first, "");
            JsonToken next = parser.nextToken();
            if (next != null && !(isEmptyScalar(next, parser) && parser.nextToken() == null)) {
                problems.add(tree.line(), "", "the file holds a second YAML document from line " + tree.line()
                        + "; " + fileKind + " holds exactly one (remove the '---' between them)");
            }
            return new Document(root, tree.lines);
        } catch (JsonProcessingException e) {
            problems.add(syntaxLine(e), "", "not valid YAML: " + syntaxReason(e));
        } catch (YAMLException e) {
            // Jackson wraps the parser's exceptions; this guards against one that slips through.
            problems.add(1, "", "not valid YAML: " + oneLine(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string cannot fail this way", e);
        }
        return new Document(null, Map.of());
    }

    private static boolean isEmptyScalar(JsonToken token, JsonParser parser) throws IOException {
        return token == JsonToken.VALUE_NULL || (token == JsonToken.VALUE_STRING && parser.getText().isEmpty());
    }

    private Node node(JsonToken token, String path) throws IOException {
        int line = line();
        switch (token) {
            case START_OBJECT:
                return mapping(path, line);
            case START_ARRAY:
                List<Node> items = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    String itemPath = path + "[" + items.size() + "]";
                    lines.put(itemPath, line());
                    items.add(node(t, itemPath));
                }
                return new Sequence(Collections.unmodifiableList(items), line);
            default:
                if (((YAMLParser) parser).isCurrentAlias()) {
                    problems.add(line, path, (path.isEmpty() ? "the document" : path) + " uses the alias '*"
                            + parser.getText() + "'; anchors and aliases are not supported in " + fileKind.replaceFirst("^an? ", "") + "s");
                    return new Scalar(JsonToken.VALUE_NULL, "", null, line);
                }
                BigInteger integer = token == JsonToken.VALUE_NUMBER_INT ? parser.getBigIntegerValue() : null;
                return new Scalar(token, parser.getText(), integer, line);
        }
    }

    private Mapping mapping(String path, int line) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            int keyLine = line();
            String keyPath = FileFields.path(path, key);
            Node value = node(parser.nextToken(), keyPath);
            Entry earlier = entries.get(key);
            if (earlier != null) {
                problems.add(keyLine, keyPath, "duplicate field '" + keyPath + "': it is already given on line "
                        + earlier.line() + "; give each field once");
            } else {
                entries.put(key, new Entry(key, keyLine, value));
                lines.put(keyPath, keyLine);
            }
        }
        return new Mapping(Collections.unmodifiableMap(entries), line);
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private static int syntaxLine(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblemMark().getLine() + 1;
        }
        return e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
    }

    /** The parser's own short statement of the problem, without its excerpt of the file. */
    private static String syntaxReason(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            String reason = oneLine(marked.getProblem());
            Mark context = marked.getContextMark();
            if (marked.getContext() != null && context != null && marked.getProblemMark() != null
                    && context.getLine() != marked.getProblemMark().getLine()) {
                reason += " (" + oneLine(marked.getContext()) + " that starts on line " + (context.getLine() + 1) + ")";
            }
            return reason;
        }
        if (e instanceof StreamConstraintsException) {
            return "the document is nested too deeply or holds too long a value";
        }
        if (e.getCause() instanceof YAMLException yaml && yaml.getMessage() != null) {
            return oneLine(yaml.getMessage());
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Expected a field name")) {
            return "a key must be plain text, not a list or a mapping";
        }
        return "the parser stopped here";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
