package io.datalake.core.dataset;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a column, from a small closed set that the Glue catalog (Athena), Spark (the pipeline
 * runner and the conversion to Parquet on AWS) and DuckDB (the local lake) can all represent
 * exactly. Keeping the set small and the mapping in one place means a Glue table, the Spark
 * conversion and the local conversion of the same dataset agree on every column.
 */
public final class ColumnType {
    /** The largest decimal precision Glue, Athena and DuckDB all support. */
    public static final int MAX_PRECISION = 38;
    /** What a column type may be, for messages and documentation. */
    public static final String ALLOWED = "string, int, bigint, double, float, boolean, date, timestamp,"
            + " or decimal(p,s) with precision p from 1 to " + MAX_PRECISION + " and scale s from 0 to p";

    // Spaces inside the parentheses are forgiven because people paste types from Hive DDL.
    private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d{1,9})\\s*,\\s*(\\d{1,9})\\s*\\)");

    /** The kinds of column type; only {@link #DECIMAL} takes parameters. */
    public enum Kind {
        STRING("string", "VARCHAR"),
        INT("int", "INTEGER"),
        BIGINT("bigint", "BIGINT"),
        DOUBLE("double", "DOUBLE"),
        FLOAT("float", "FLOAT"),
        BOOLEAN("boolean", "BOOLEAN"),
        DATE("date", "DATE"),
        // An instant, written as Parquet TIMESTAMP(MICROS, isAdjustedToUTC=true) by both engines: DuckDB's
        // TIMESTAMP is a local date-time (isAdjustedToUTC=false), its TIMESTAMPTZ is Spark's TIMESTAMP.
        TIMESTAMP("timestamp", "TIMESTAMPTZ"),
        DECIMAL("decimal", "DECIMAL");

        private final String glue;
        private final String duckDb;

        Kind(String glue, String duckDb) {
            this.glue = glue;
            this.duckDb = duckDb;
        }
    }

    public static final ColumnType STRING = new ColumnType(Kind.STRING, 0, 0);
    public static final ColumnType INT = new ColumnType(Kind.INT, 0, 0);
    public static final ColumnType BIGINT = new ColumnType(Kind.BIGINT, 0, 0);
    public static final ColumnType DOUBLE = new ColumnType(Kind.DOUBLE, 0, 0);
    public static final ColumnType FLOAT = new ColumnType(Kind.FLOAT, 0, 0);
    public static final ColumnType BOOLEAN = new ColumnType(Kind.BOOLEAN, 0, 0);
    public static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0);
    public static final ColumnType TIMESTAMP = new ColumnType(Kind.TIMESTAMP, 0, 0);

    private static final ColumnType[] SIMPLE = {STRING, INT, BIGINT, DOUBLE, FLOAT, BOOLEAN, DATE, TIMESTAMP};

    private final Kind kind;
    private final int precision;
    private final int scale;

    private ColumnType(Kind kind, int precision, int scale) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
    }

    /**
     * {@code decimal(precision,scale)}.
     *
     * @throws DatasetValidationException when precision is not 1 to 38 or scale not 0 to precision
     */
    public static ColumnType decimal(int precision, int scale) {
        return decimal("type", precision, scale);
    }

    private static ColumnType decimal(String field, int precision, int scale) {
        String given = "decimal(" + precision + "," + scale + ")";
        if (precision < 1 || precision > MAX_PRECISION) {
            throw DatasetValidationException.of(field, field + " " + given + " must have a precision from 1 to "
                    + MAX_PRECISION + ", but " + precision + " was given");
        }
        if (scale < 0 || scale > precision) {
            throw DatasetValidationException.of(field, field + " " + given + " must have a scale from 0 to its precision "
                    + precision + ", but " + scale + " was given");
        }
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /**
     * Parses a type as written in a dataset file: {@code bigint}, {@code decimal(10,2)}. Case and
     * blanks are forgiven; {@link #toString()} gives the canonical text back.
     *
     * @param field the field the text came from, for the message, e.g. {@code schema[2].type}
     * @throws DatasetValidationException naming the field, the text and the allowed types
     */
    public static ColumnType parse(String field, String text) {
        if (text != null) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (ColumnType type : SIMPLE) {
                if (type.kind.glue.equals(wanted)) {
                    return type;
                }
            }
            Matcher m = DECIMAL.matcher(wanted);
            if (m.matches()) {
                return decimal(field, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        }
        throw DatasetValidationException.of(field, field + " must be one of " + ALLOWED + ", but "
                + Messages.quote(text) + " was given");
    }

    public Kind kind() {
        return kind;
    }

    /** The decimal's precision; 0 for other kinds. */
    public int precision() {
        return precision;
    }

    /** The decimal's scale; 0 for other kinds. */
    public int scale() {
        return scale;
    }

    /** The type in Glue's (Hive's) notation, as Athena reads it: {@code bigint}, {@code decimal(10,2)}. */
    public String glueType() {
        return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.glue;
    }

    /**
     * The type in Spark SQL's notation, for the runner's Parquet conversion and pipelines:
     * {@code BIGINT}, {@code DECIMAL(10,2)}. Spark's names are Hive's, like Glue's.
     */
    public String sparkType() {
        return glueType().toUpperCase(Locale.ROOT);
    }

    /** The type in DuckDB's notation, for the local lake's Parquet conversion: {@code DECIMAL(10,2)}. */
    public String duckDbType() {
        return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.duckDb;
    }

    /**
     * The Parquet type both conversions write for the type: physical type, then the logical type if
     * any. This is the contract the conformance suite checks in the footers of both engines' files.
     * Decimals above precision 18 are fixed-length byte arrays; DuckDB always makes them 16 bytes
     * long, Spark as short as the precision allows, which no setting of either changes.
     */
    public String parquetType() {
        return switch (kind) {
            case STRING -> "BYTE_ARRAY STRING";
            case INT -> "INT32";
            case BIGINT -> "INT64";
            case DOUBLE -> "DOUBLE";
            case FLOAT -> "FLOAT";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "INT32 DATE";
            case TIMESTAMP -> "INT64 TIMESTAMP(MICROS,true)";
            case DECIMAL -> (precision <= 9 ? "INT32" : precision <= 18 ? "INT64" : "FIXED_LEN_BYTE_ARRAY")
                    + " DECIMAL(" + precision + "," + scale + ")";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnType other && kind == other.kind && precision == other.precision
                && scale == other.scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, precision, scale);
    }

    /** The canonical text, as a dataset file writes it; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return glueType();
    }
}
