package io.datalake.core.conversion;

import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.ColumnType;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.FileType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The conversion contract as SQL, for both engines: from a relation of raw text (what an engine
 * reads, every value a string) to the dataset's typed columns, and, when an engine fails, the
 * diagnosis that names the file, line, column, value and what was expected.
 *
 * <p>The engine's text relation has these columns: {@value #FILE} (the file's index in the
 * manifest's order), {@value #ROW} (increasing with the record's position in its file; for a
 * diagnosis, the record's number from 1), and per declared column {@code i} (schema order)
 * {@code t<i>}: its text, null when absent. JSON relations also have {@code k<i>}: the JSON kind of
 * the value ({@value #STRING}, {@value #INTEGER}, {@value #FLOAT}, {@value #BOOLEAN}, {@value #OBJECT},
 * {@value #ARRAY}; null when absent or null), {@code d<i>}: a number's value as a double,
 * {@value #SHAPE}: why the record is not a plain JSON object (or null), and {@value #UNKNOWN}: the
 * fields the dataset does not declare, comma-separated (null or empty when none).
 */
public final class ConversionSql {
    public static final String FILE = "_file";
    public static final String ROW = "_row";
    public static final String SHAPE = "_shape";
    public static final String UNKNOWN = "_unknown";
    public static final String STRING = "S";
    public static final String INTEGER = "I";
    public static final String FLOAT = "F";
    public static final String BOOLEAN = "B";
    public static final String OBJECT = "O";
    public static final String ARRAY = "A";

    /** The message of the SQL failure that sends the engine to {@link #diagnose}. */
    static final String FAILED = "lake: the data does not fit the dataset's schema";

    private static final int MAX_SHOWN = 100;

    /** Runs a query of the engine and returns its rows. */
    @FunctionalInterface
    public interface Query {
        List<List<Object>> rows(String sql);
    }

    private final DatasetSpec dataset;
    private final SqlDialect sql;
    private final boolean json;

    public ConversionSql(DatasetSpec dataset, SqlDialect sql) {
        this.dataset = dataset;
        this.sql = sql;
        this.json = dataset.format().type() == FileType.JSON;
    }

    public static String text(int column) {
        return "t" + column;
    }

    public static String kind(int column) {
        return "k" + column;
    }

    public static String number(int column) {
        return "d" + column;
    }

    /**
     * The select list from the text relation to the dataset's columns, in schema order and named as
     * declared, followed by {@value #FILE} and {@value #ROW} for ordering. A value that does not fit,
     * a missing required value or (JSON) an undeclared field fails the query.
     */
    public List<String> typedColumns() {
        List<String> select = new ArrayList<>();
        List<Column> schema = dataset.schema();
        for (int i = 0; i < schema.size(); i++) {
            Column c = schema.get(i);
            String value = "CASE WHEN " + absent(i) + " THEN " + (c.nullable() ? "NULL" : sql.fail())
                    + " WHEN " + bad(i, c.type()) + " THEN " + sql.fail() + " ELSE " + convert(i, c.type()) + " END";
            if (i == 0 && json) {
                value = "CASE WHEN " + recordBad() + " THEN " + sql.fail() + " ELSE " + value + " END";
            }
            select.add(value + " AS " + sql.quote(c.name()));
        }
        select.add(FILE);
        select.add(ROW);
        return select;
    }

    private String absent(int i) {
        return (json ? kind(i) : text(i)) + " IS NULL";
    }

    private String recordBad() {
        return "(" + SHAPE + " IS NOT NULL OR coalesce(" + UNKNOWN + ", '') <> '')";
    }

    private String isKind(int i, String... kinds) {
        if (!json) {
            return List.of(kinds).contains(STRING) ? "TRUE" : "FALSE";
        }
        return kind(i) + " IN (" + List.of(kinds).stream().map(sql::literal).collect(Collectors.joining(", ")) + ")";
    }

    /** True when a present value does not fit the type. */
    private String bad(int i, ColumnType type) {
        String t = text(i);
        String d = number(i);
        String pattern = ValueText.pattern(type);
        String fits = switch (type.kind()) {
            // U+FFFD marks text broken before it was delivered, and is what Spark makes of bytes that are not UTF-8.
            case STRING -> "(" + isKind(i, STRING) + " AND instr(" + t + ", " + sql.literal(ValueText.REPLACEMENT) + ") = 0)";
            case INT, BIGINT, DATE, TIMESTAMP -> {
                String kinds = type.kind() == ColumnType.Kind.INT || type.kind() == ColumnType.Kind.BIGINT
                        ? isKind(i, STRING, INTEGER) : isKind(i, STRING);
                yield "(" + kinds + " AND " + sql.matches(t, pattern) + " AND " + sql.tryCast(t, type) + " IS NOT NULL)";
            }
            case DECIMAL -> {
                String text = "(" + isKind(i, STRING, INTEGER) + " AND " + sql.matches(t, pattern) + " AND "
                        + sql.tryCast(t, type) + " IS NOT NULL)";
                // A JSON number with a fraction is a double to DuckDB's JSON reader: exact only within 15 digits.
                yield json ? "(" + text + " OR (" + isKind(i, FLOAT) + " AND abs(" + d + ") < 1E"
                        + (ValueText.JSON_DECIMAL_DIGITS - type.scale()) + " AND round(" + d + ", " + type.scale() + ") = "
                        + d + " AND " + sql.tryCast(d, type) + " IS NOT NULL))" : text;
            }
            case DOUBLE, FLOAT -> {
                String text = "(" + isKind(i, STRING) + " AND " + sql.matches(t, pattern) + " AND "
                        + sql.finite(sql.tryCast(t, type)) + ")";
                yield json ? "(" + text + " OR (" + isKind(i, INTEGER, FLOAT) + " AND " + sql.finite(sql.tryCast(d, type))
                        + "))" : text;
            }
            case BOOLEAN -> json ? "(" + isKind(i, BOOLEAN) + " OR (" + isKind(i, STRING) + " AND " + sql.matches(t, pattern)
                    + "))" : sql.matches(t, pattern);
        };
        return "NOT coalesce(" + fits + ", FALSE)";
    }

    private String convert(int i, ColumnType type) {
        String t = text(i);
        String d = number(i);
        return switch (type.kind()) {
            case STRING -> t;
            case INT, BIGINT, DATE, TIMESTAMP -> sql.cast(t, type);
            case DECIMAL -> json ? "CASE WHEN " + kind(i) + " = " + sql.literal(FLOAT) + " THEN " + sql.cast(d, type)
                    + " ELSE " + sql.cast(t, type) + " END" : sql.cast(t, type);
            case DOUBLE, FLOAT -> json ? "CASE WHEN " + kind(i) + " = " + sql.literal(STRING) + " THEN " + sql.cast(t, type)
                    + " ELSE " + sql.cast(d, type) + " END" : sql.cast(t, type);
            case BOOLEAN -> "(lower(" + t + ") IN ('true', '1'))";
        };
    }

    /**
     * Explains why an engine failed on the update's files, in the contract's words: the first record
     * that is not a record (found by reading the files again), else the first value that does not fit,
     * else the columns declared {@code nullable: false} that lack values, else the engine's own reason.
     *
     * @param relation the text relation, its {@value #ROW} numbering records from 1 within each file
     * @param engineMessage the engine's message, used when nothing else explains the failure
     */
    public ConversionException diagnose(Query query, String relation, List<RawFile> files, List<Integer> columnCounts,
            String engineMessage) {
        for (int f = 0; f < files.size(); f++) {
            Optional<String> bad = files.get(f).firstBadRecord(dataset.format(), columnCounts.get(f));
            if (bad.isPresent()) {
                return new ConversionException(bad.get());
            }
        }
        try {
            ConversionException found = diagnoseValues(query, relation, files);
            if (found != null) {
                return found;
            }
        } catch (RuntimeException e) {
            // The diagnosis reads what failed to read: the engine's reason is all there is.
        }
        String first = engineMessage == null ? "unknown error" : engineMessage.strip().lines().findFirst().orElse("");
        return new ConversionException("the files cannot be read as " + dataset.format() + ": " + first);
    }

    private ConversionException diagnoseValues(Query query, String relation, List<RawFile> files) {
        List<Column> schema = dataset.schema();
        if (json) {
            List<List<Object>> rows = query.rows("SELECT " + FILE + ", " + ROW + ", " + SHAPE + ", " + UNKNOWN + " FROM "
                    + relation + " WHERE " + recordBad() + " ORDER BY " + FILE + ", " + ROW + " LIMIT 1");
            if (!rows.isEmpty()) {
                List<Object> row = rows.get(0);
                String where = where(files, row);
                if (row.get(2) != null) {
                    return new ConversionException(where + ": the record " + row.get(2));
                }
                return new ConversionException(where + ": the record has fields that dataset " + dataset.name()
                        + " does not declare: " + row.get(3) + " (declared: "
                        + schema.stream().map(Column::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        List<String> flags = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            flags.add("CASE WHEN " + absent(i) + " THEN FALSE ELSE " + bad(i, schema.get(i).type()) + " END");
            values.add(json ? kind(i) : "NULL");
            values.add(text(i));
        }
        List<List<Object>> rows = query.rows("SELECT " + FILE + ", " + ROW + ", " + String.join(", ", flags) + ", "
                + String.join(", ", values) + " FROM " + relation + " WHERE " + flags.stream().map(f -> "(" + f + ")")
                .collect(Collectors.joining(" OR ")) + " ORDER BY " + FILE + ", " + ROW + " LIMIT 1");
        if (!rows.isEmpty()) {
            List<Object> row = rows.get(0);
            for (int i = 0; i < schema.size(); i++) {
                if (Boolean.TRUE.equals(row.get(2 + i))) {
                    Object kind = row.get(2 + schema.size() + 2 * i);
                    Object text = row.get(3 + schema.size() + 2 * i);
                    Column c = schema.get(i);
                    String advice = json && FLOAT.equals(kind) && c.type().kind() == ColumnType.Kind.DECIMAL
                            ? "; a JSON number carries at most " + ValueText.JSON_DECIMAL_DIGITS + " significant digits into a"
                            + " decimal column: write it as a JSON string" : "";
                    return new ConversionException(where(files, row) + ", " + (json ? "field " : "column ") + c.name() + ": "
                            + shown(kind, text) + " is not " + ValueText.expected(c.type()) + advice);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            Column c = schema.get(i);
            if (c.nullable()) {
                continue;
            }
            List<List<Object>> counts = query.rows("SELECT count(*), min(" + FILE + ") FROM " + relation + " WHERE " + absent(i));
            long count = ((Number) counts.get(0).get(0)).longValue();
            if (count > 0) {
                int file = ((Number) counts.get(0).get(1)).intValue();
                List<List<Object>> first = query.rows("SELECT " + FILE + ", min(" + ROW + ") FROM " + relation + " WHERE "
                        + absent(i) + " AND " + FILE + " = " + file + " GROUP BY " + FILE);
                missing.add(c.name() + " has no value in " + count + " row" + (count == 1 ? "" : "s") + " (first at "
                        + where(files, first.get(0)) + ")");
            }
        }
        if (!missing.isEmpty()) {
            return new ConversionException("dataset " + dataset.name() + " declares nullable: false, but column "
                    + String.join("; column ", missing));
        }
        return null;
    }

    private String where(List<RawFile> files, List<Object> row) {
        RawFile file = files.get(((Number) row.get(0)).intValue());
        return file.name() + " line " + file.lineOf(dataset.format(), ((Number) row.get(1)).longValue());
    }

    private static String shown(Object kind, Object text) {
        String value = text == null ? "" : text.toString();
        value = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "…" : value;
        if (kind == null || STRING.equals(kind)) {
            return (kind == null ? "" : "the JSON string ") + "\"" + value.replace("\n", "\\n").replace("\r", "\\r") + "\"";
        }
        return switch (kind.toString()) {
            case INTEGER, FLOAT -> "the JSON number " + value;
            case BOOLEAN -> "the JSON value " + value;
            case OBJECT -> "a JSON object";
            case ARRAY -> "a JSON array";
            default -> value;
        };
    }
}
