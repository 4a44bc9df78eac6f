package io.datalake.core.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads dataset files: one YAML file per dataset, documented by
 * {@code dataset-templates/dataset.schema.json}. Every problem of a file is reported at once, each
 * as one {@code file:line: message} line, so the CLI can print them and exit with code 2 without a
 * stack trace, and the same file gives the same answer on a laptop and in CI.
 */
public final class DatasetFiles {
    /** The largest dataset file read: a spec is a few KiB, so anything bigger is not one. */
    public static final long MAX_BYTES = 1L << 20;

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
        String shown = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw fileProblem(shown, 0, "the path is a directory, not a dataset file");
            }
            // Refuse by size before reading, so a huge file is never loaded or parsed.
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooBig(shown, size);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(shown, 0, "the file does not exist");
        } catch (AccessDeniedException e) {
            throw fileProblem(shown, 0, "the file cannot be read: permission denied");
        } catch (IOException e) {
            throw fileProblem(shown, 0, "the file cannot be read: " + e.getClass().getSimpleName());
        }
        if (bytes.length > MAX_BYTES) { // it grew between the two calls
            throw tooBig(shown, bytes.length);
        }
        return parse(shown, utf8(shown, bytes));
    }

    /**
     * Validates a dataset file's text, e.g. one received by the API.
     *
     * @param fileName how problems name the file
     * @throws DatasetValidationException listing every problem of the text
     */
    public static DatasetSpec parse(String fileName, String text) {
        Problems problems = new Problems(fileName);
        if (text.length() > MAX_BYTES) { // each char is at least one byte in UTF-8
            throw tooBig(fileName, text.getBytes(StandardCharsets.UTF_8).length);
        }
        YamlTree.Document document = YamlTree.read(text.startsWith("\uFEFF") ? text.substring(1) : text, problems);
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
        return spec;
    }

    private static String utf8(String shown, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (MalformedInputException e) {
            int at = firstBadByte(bytes);
            throw fileProblem(shown, lineAt(bytes, at), String.format(Locale.ROOT,
                    "the file is not UTF-8 text: byte 0x%02x cannot start or continue a character; save it as UTF-8",
                    bytes[at] & 0xff));
        } catch (CharacterCodingException e) {
            throw fileProblem(shown, 1, "the file is not UTF-8 text; save it as UTF-8");
        }
    }

    private static int firstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        var in = ByteBuffer.wrap(bytes);
        var out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static int lineAt(byte[] bytes, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static DatasetValidationException tooBig(String shown, long size) {
        return fileProblem(shown, 1, String.format(Locale.ROOT, "the file is %.1f MiB (%d bytes), but a dataset"
                + " file may be at most 1 MiB (%d bytes)",
                size / (double) (1 << 20), size, MAX_BYTES));
    }

    private static DatasetValidationException fileProblem(String shown, int line, String message) {
        return new DatasetValidationException(List.of(new Problem(shown, line, "", message)));
    }
}
