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
 * Reads the small text files users write for the lake (dataset files, pipeline configs, SQL):
 * refuses a missing, unreadable, oversized or non-UTF-8 file with one located problem, so every
 * such file fails the same way.
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * Reads a UTF-8 text file of at most {@code maxBytes}.
     *
     * @param shown how problems name the file: the path as the user typed it
     * @param kind  what the file is, for messages: {@code a dataset file}
     * @throws DatasetValidationException with one problem when the file cannot be used
     */
    public static String read(Path file, String shown, long maxBytes, String kind) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw problem(shown, 0, "the path is a directory, not " + kind);
            }
            // Refuse by size before reading, so a huge file is never loaded or parsed.
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooBig(shown, size, maxBytes, kind);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(shown, 0, "the file does not exist");
        } catch (AccessDeniedException e) {
            throw problem(shown, 0, "the file cannot be read: permission denied");
        } catch (IOException e) {
            throw problem(shown, 0, "the file cannot be read: " + e.getClass().getSimpleName());
        }
        return decode(shown, bytes, maxBytes, kind);
    }

    /**
     * Decodes a file's bytes as UTF-8.
     *
     * @throws DatasetValidationException naming the line of the first byte that is not UTF-8, or
     *         saying the file is larger than {@code maxBytes}
     */
    public static String decode(String shown, byte[] bytes, long maxBytes, String kind) {
        if (bytes.length > maxBytes) {
            throw tooBig(shown, bytes.length, maxBytes, kind);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            int at = firstBadByte(bytes);
            throw problem(shown, lineAt(bytes, at), String.format(Locale.ROOT,
                    "the file is not UTF-8 text: byte 0x%02x cannot start or continue a character; save it as UTF-8",
                    bytes[at] & 0xff));
        } catch (CharacterCodingException e) {
            throw problem(shown, 1, "the file is not UTF-8 text; save it as UTF-8");
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

    static DatasetValidationException tooBig(String shown, long size, long maxBytes, String kind) {
        return problem(shown, 1, String.format(Locale.ROOT, "the file is %.1f MiB (%d bytes), but %s"
                + " may be at most %s (%d bytes)", size / (double) (1 << 20), size, kind, size(maxBytes), maxBytes));
    }

    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes / 1024 + " KiB";
    }

    /** One problem of a whole file ({@code line} 0) or of one line. */
    public static DatasetValidationException problem(String shown, int line, String message) {
        return new DatasetValidationException(List.of(new Problem(shown, line, "", message)));
    }
}
