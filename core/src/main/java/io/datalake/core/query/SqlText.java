package io.datalake.core.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Just enough of SQL's lexical rules to find the table names a query may mean and where a
 * {@code WITH} clause starts: string literals, quoted identifiers and comments are skipped, so a
 * dataset's name inside {@code 'text'} or {@code -- a comment} is not taken for a table. It is not
 * a parser; Athena still judges the query.
 */
public final class SqlText {
    /** Words that are SQL rather than table names: no need to look them up as datasets. */
    private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "group", "order", "having", "limit",
            "join", "inner", "left", "right", "full", "outer", "cross", "union", "intersect", "except", "distinct", "all",
            "and", "not", "null", "true", "false", "case", "when", "then", "else", "end", "cast", "with", "recursive",
            "values", "between", "like", "exists", "asc", "desc", "offset", "fetch", "first", "next", "rows", "only",
            "over", "partition", "using", "natural", "lateral", "unnest", "extract", "interval", "date", "timestamp",
            "count", "sum", "avg", "min", "max", "round", "coalesce", "show", "tables", "describe", "explain");

    private static final String LAKE_SCHEME = "lake://";

    private final String sql;
    private final List<Token> tokens;

    /** A word of the query: an unquoted name (lower-cased, as SQL folds it) or a quoted one (as written). */
    private record Token(String text, boolean quoted, boolean qualified, int start, int end) {
    }

    public SqlText(String sql) {
        this.sql = sql;
        this.tokens = tokenize(sql);
    }

    /**
     * The names that stand alone in the query, in order of first appearance: {@code orders} in
     * {@code FROM orders} or {@code FROM "orders"}, but not {@code orders} in {@code o.orders} or
     * {@code db.orders}, which name something else explicitly.
     */
    public Set<String> unqualifiedNames() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean qualifies = i + 1 < tokens.size() && tokens.get(i + 1).qualified();
            if (!token.qualified() && !qualifies) {
                names.add(token.text());
            }
        }
        return names;
    }

    /**
     * The quoted names that address a dataset's update, in order of first appearance:
     * {@code "lake://sales_orders:2026-11-20"} in {@code FROM "lake://sales_orders:2026-11-20"}.
     */
    public Set<String> lakeAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        for (Token token : tokens) {
            if (token.quoted() && !token.qualified() && token.text().startsWith(LAKE_SCHEME)) {
                addresses.add(token.text());
            }
        }
        return addresses;
    }

    /**
     * Prepends common table expressions, joining the query's own {@code WITH} (and
     * {@code WITH RECURSIVE}) clause when it has one.
     *
     * @param definitions e.g. {@code "orders" AS (SELECT ...)}, already valid SQL
     */
    public String withDefinitions(List<String> definitions) {
        if (definitions.isEmpty()) {
            return sql;
        }
        String joined = String.join(",\n     ", definitions);
        if (!tokens.isEmpty() && !tokens.get(0).quoted() && tokens.get(0).text().equals("with")) {
            Token after = tokens.get(0);
            if (tokens.size() > 1 && !tokens.get(1).quoted() && tokens.get(1).text().equals("recursive")) {
                after = tokens.get(1);
            }
            return sql.substring(0, after.end()) + " " + joined + ",\n" + sql.substring(after.end());
        }
        return "WITH " + joined + "\n" + sql;
    }

    /** Whether a word is SQL rather than a name, e.g. {@code select} or {@code count}. */
    public static boolean isKeyword(String word) {
        return KEYWORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** {@code "name"}, with embedded quotes doubled: an identifier in Athena (Trino) and DuckDB alike. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** {@code 'text'}, with embedded quotes doubled. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        boolean afterDot = false;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (c == '\'') {
                i = closing(sql, i, '\'');
                afterDot = false;
            } else if (c == '"') {
                int end = closing(sql, i, '"');
                String name = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"");
                tokens.add(new Token(name, true, afterDot, i, end));
                afterDot = false;
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new Token(sql.substring(i, end).toLowerCase(Locale.ROOT), false, afterDot, i, end));
                afterDot = false;
                i = end;
            } else if (c == '.') {
                afterDot = true;
                i++;
            } else {
                if (!Character.isWhitespace(c)) {
                    afterDot = false;
                }
                i++;
            }
        }
        return tokens;
    }

    /** The index after the quote that closes the one at {@code start}; doubled quotes are part of the text. */
    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
