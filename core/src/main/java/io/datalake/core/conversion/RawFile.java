package io.datalake.core.conversion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.DeliveredFormat;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One raw file of an update as both conversions see it before their engine reads it: its name
 * (relative to the update's raw folder, as the manifest lists it, and as messages show it), and a way
 * to open its stored bytes. It checks what the engines would otherwise each decide differently: a
 * {@code .gz} file must be a whole gzip stream (no truncation, nothing after its end); a CSV file's
 * header must name exactly the dataset's columns, in any order; an empty CSV file has no header.
 * On a failure it also finds the line of a record and the first record the engines could not parse.
 */
public final class RawFile {
    /** Opens the stored bytes of a file, as they are (compressed or not). */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private static final int MAX_HEADER_BYTES = 1024 * 1024;

    private final String name;
    private final Opener opener;

    public RawFile(String name, Opener opener) {
        this.name = name;
        this.opener = opener;
    }

    public String name() {
        return name;
    }

    /** Whether the engines unpack the file: they go by the name, as Spark and DuckDB do. */
    public boolean gzipped() {
        return name.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** The file's content, unpacked if it is gzip. */
    public InputStream content() throws IOException {
        InputStream stored = new BufferedInputStream(opener.open(), 64 * 1024);
        return gzipped() ? new StrictGzipInputStream(stored) : stored;
    }

    /**
     * Checks the file before an engine reads it, and returns the CSV columns in the file's order (the
     * header's names, or the schema's without a header); JSON files give the schema's names.
     *
     * @throws ConversionException naming the file and what is wrong with it
     */
    public List<String> inspect(DatasetSpec dataset) {
        List<String> declared = dataset.schema().stream().map(Column::name).toList();
        try {
            if (gzipped()) {
                try (InputStream in = content()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (StrictGzipInputStream.DamagedGzipException e) {
                    throw new ConversionException(name + " is a damaged gzip file: " + e.getMessage());
                }
            } else {
                try (InputStream in = opener.open()) {
                    if (in.read() == 0x1f && in.read() == 0x8b) {
                        throw new ConversionException(name + " is gzip-compressed, but its name does not end in .gz;"
                                + " rename it or declare compression: gzip so ingest unpacks it");
                    }
                }
            }
            DeliveredFormat format = dataset.format();
            if (format.type() != io.datalake.core.dataset.FileType.CSV || !format.header()) {
                return declared;
            }
            List<String> header;
            try (InputStream in = content()) {
                header = header(in, format.delimiter());
            }
            if (header == null) {
                throw new ConversionException(name + " is empty, but a CSV file of dataset " + dataset.name()
                        + " starts with a header line naming its columns (" + String.join(", ", declared) + ")");
            }
            checkColumns(header, declared, dataset.name());
            return header;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read raw file " + name, e);
        }
    }

    private void checkColumns(List<String> header, List<String> declared, String dataset) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (String column : header) {
            if (!seen.add(column) && !twice.contains(column)) {
                twice.add(column);
            }
        }
        List<String> missing = declared.stream().filter(c -> !header.contains(c)).toList();
        List<String> unknown = header.stream().filter(c -> !declared.contains(c)).distinct().map(RawFile::shown).toList();
        if (!missing.isEmpty()) {
            problems.add("lacks " + String.join(", ", missing));
        }
        if (!unknown.isEmpty()) {
            problems.add("has " + String.join(", ", unknown) + ", which the dataset does not declare");
        }
        if (!twice.isEmpty()) {
            problems.add("names " + String.join(", ", twice.stream().map(RawFile::shown).toList()) + " twice");
        }
        if (!problems.isEmpty()) {
            throw new ConversionException(name + ": the header line does not match the schema of dataset " + dataset
                    + ": it " + String.join(" and ", problems) + " (declared: " + String.join(", ", declared) + ")");
        }
    }

    /** A header name as messages show it: quoted when blanks or odd characters would hide what it is. */
    private static String shown(String column) {
        return Column.NAME.matcher(column).matches() ? column : "\"" + column.replace("\"", "\\\"") + "\"";
    }

    /** The first record's fields, or null for an empty file; a UTF-8 byte order mark is skipped. */
    static List<String> header(InputStream in, char delimiter) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean quoted = false;
        int b;
        int read = 0;
        while ((b = in.read()) >= 0) {
            if (++read > MAX_HEADER_BYTES) {
                throw new ConversionException("the header line is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted && (b == '\n' || b == '\r')) {
                break;
            }
            line.write(b);
        }
        if (read == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return fields(text, delimiter);
    }

    private static List<String> fields(String text, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /**
     * The line (from 1) where a data record starts, counting as the engines do: a record ends at a
     * line break outside quotes, blank lines are skipped, and a CSV header is not a data record.
     *
     * @param record the data record, from 1
     */
    public long lineOf(DeliveredFormat format, long record) {
        boolean csv = format.type() == io.datalake.core.dataset.FileType.CSV;
        long skip = csv && format.header() ? 1 : 0;
        try (InputStream in = content()) {
            Scanner scanner = new Scanner(in, csv, format.delimiter());
            long seen = 0;
            while (scanner.next()) {
                if (scanner.blank) {
                    continue;
                }
                if (seen++ == record - 1 + skip) {
                    return scanner.startLine;
                }
            }
            return scanner.line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read raw file " + name, e);
        }
    }

    /**
     * The first record an engine cannot read as a record at all, described for a message: a CSV
     * record with more or fewer fields than columns, a quote never closed, bytes that are not UTF-8,
     * a JSON line that is not JSON. Only used once an engine has failed, to say where.
     */
    public Optional<String> firstBadRecord(DeliveredFormat format, int columns) {
        boolean csv = format.type() == io.datalake.core.dataset.FileType.CSV;
        JsonFactory json = new JsonFactory();
        try (InputStream in = content()) {
            Scanner scanner = new Scanner(in, csv, format.delimiter());
            while (scanner.next()) {
                if (scanner.blank) {
                    continue;
                }
                String where = name + " line " + scanner.startLine;
                if (scanner.unclosedQuote) {
                    return Optional.of(where + ": a quoted value is never closed");
                }
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(scanner.bytes())).toString();
                } catch (CharacterCodingException e) {
                    return Optional.of(where + ": the text is not valid UTF-8");
                }
                if (csv && scanner.fields != columns) {
                    return Optional.of(where + ": the record has " + scanner.fields + " field" + (scanner.fields == 1 ? "" : "s")
                            + ", but the file has " + columns + " columns");
                }
                if (!csv) {
                    try (JsonParser parser = json.createParser(text)) {
                        if (parser.nextToken() != JsonToken.START_OBJECT) {
                            return Optional.of(where + ": the line is not a JSON object");
                        }
                        parser.skipChildren();
                        if (parser.nextToken() != null) {
                            return Optional.of(where + ": the line holds more than one JSON value");
                        }
                    } catch (JsonParseException e) {
                        return Optional.of(where + ": the line is not valid JSON (" + e.getOriginalMessage() + ")");
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read raw file " + name, e);
        }
    }

    /** Splits content into records: CSV records may span lines inside quotes, JSON lines may not. */
    private static final class Scanner {
        private final InputStream in;
        private final boolean csv;
        private final char delimiter;
        private final ByteArrayOutputStream record = new ByteArrayOutputStream();
        long line = 1;
        long startLine;
        int fields;
        boolean blank;
        boolean unclosedQuote;
        private int pending = -2;

        Scanner(InputStream in, boolean csv, char delimiter) {
            this.in = in;
            this.csv = csv;
            this.delimiter = delimiter;
        }

        byte[] bytes() {
            return record.toByteArray();
        }

        boolean next() throws IOException {
            record.reset();
            startLine = line;
            fields = 1;
            blank = true;
            unclosedQuote = false;
            boolean quoted = false;
            int b = pending == -2 ? in.read() : pending;
            pending = -2;
            if (b < 0) {
                return false;
            }
            while (b >= 0) {
                if (b == '\n' || b == '\r') {
                    line++;
                    if (b == '\r') {
                        int after = in.read();
                        if (after != '\n') {
                            pending = after;
                        }
                    }
                    if (!quoted) {
                        blank = blank && (!csv || record.size() == 0);
                        return true;
                    }
                    record.write('\n');
                } else {
                    if (csv && b == '"') {
                        quoted = !quoted;
                    } else if (csv && !quoted && b == delimiter) {
                        fields++;
                    }
                    if (b != ' ' && b != '\t') {
                        blank = false;
                    }
                    record.write(b);
                }
                b = pending == -2 ? in.read() : pending;
                pending = -2;
            }
            if (quoted) {
                unclosedQuote = true;
            }
            blank = !unclosedQuote && blank && (!csv || record.size() == 0);
            return true;
        }
    }
}
