package io.datalake.core.conversion;

import io.datalake.core.dataset.ColumnType;

/** The few places where DuckDB's and Spark's SQL differ, for {@link ConversionSql}. */
public enum SqlDialect {
    DUCKDB {
        @Override
        public String quote(String name) {
            return "\"" + name.replace("\"", "\"\"") + "\"";
        }

        @Override
        public String literal(String text) {
            return "'" + text.replace("'", "''") + "'";
        }

        @Override
        String matches(String expr, String regex) {
            return "regexp_full_match(" + expr + ", " + literal(regex) + ")";
        }

        @Override
        String type(ColumnType type) {
            return type.duckDbType();
        }

        @Override
        String fail() {
            return "error(" + literal(ConversionSql.FAILED) + ")";
        }

        @Override
        String finite(String expr) {
            return "coalesce(isfinite(" + expr + "), false)";
        }
    },
    SPARK {
        @Override
        public String quote(String name) {
            return "`" + name.replace("`", "``") + "`";
        }

        @Override
        public String literal(String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }

        @Override
        String matches(String expr, String regex) {
            // RLIKE finds; anchored at both ends (\z, not $, which forgives a final line break) it must match the whole text.
            return "(" + expr + " RLIKE " + literal("^(?:" + regex + ")\\z") + ")";
        }

        @Override
        String type(ColumnType type) {
            return type.sparkType();
        }

        @Override
        String fail() {
            return "raise_error(" + literal(ConversionSql.FAILED) + ")";
        }

        @Override
        String finite(String expr) {
            return "coalesce(NOT (isnan(" + expr + ") OR abs(" + expr + ") = double('Infinity')), false)";
        }
    };

    /** A quoted identifier. */
    public abstract String quote(String name);

    /** A string literal. */
    public abstract String literal(String text);

    abstract String matches(String expr, String regex);

    abstract String type(ColumnType type);

    /** An expression that fails the query; the message is found again by {@link ConversionSql#diagnose}. */
    abstract String fail();

    abstract String finite(String expr);

    String tryCast(String expr, ColumnType type) {
        return "TRY_CAST(" + expr + " AS " + type(type) + ")";
    }

    String cast(String expr, ColumnType type) {
        return "CAST(" + expr + " AS " + type(type) + ")";
    }
}
