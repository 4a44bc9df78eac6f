package io.datalake.pipelines.model.step;

import java.util.OptionalInt;

/**
 * What the runner needs to know about a SQL file's text: that it holds exactly one statement.
 * Spark runs one statement per call, and a second one would be silently ignored or fail far from
 * the file, so it is refused with the line where it starts.
 */
public final class SqlText {
    private SqlText() {
    }

    /** The statement without comments-only tails, blanks and one trailing semicolon. */
    public static String statement(String sql) {
        int end = endOfCode(sql);
        String code = sql.substring(0, end).strip();
        return code.endsWith(";") ? code.substring(0, code.length() - 1).strip() : code;
    }

    /** Whether the text holds no SQL at all, only blanks and comments. */
    public static boolean isEmpty(String sql) {
        return statement(sql).isEmpty() || scan(sql).codeChars == 0;
    }

    /**
     * The 1-based line where a second statement starts, if the text holds more than one.
     */
    public static OptionalInt secondStatementLine(String sql) {
        Scan scan = scan(sql);
        return scan.secondStatementLine == 0 ? OptionalInt.empty() : OptionalInt.of(scan.secondStatementLine);
    }

    /** The index just after the last character that is code (not a comment or blank). */
    private static int endOfCode(String sql) {
        return scan(sql).lastCode + 1;
    }

    private static final class Scan {
        int lastCode = -1;
        int codeChars;
        int secondStatementLine;
    }

    /** Walks the text once, skipping comments and quoted text, which may hold ';' harmlessly. */
    private static Scan scan(String sql) {
        Scan scan = new Scan();
        int line = 1;
        boolean afterSemicolon = false;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                int stop = close < 0 ? sql.length() : close + 2;
                for (int j = i; j < stop; j++) {
                    if (sql.charAt(j) == '\n') {
                        line++;
                    }
                }
                i = stop;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                if (afterSemicolon && scan.secondStatementLine == 0) {
                    scan.secondStatementLine = line;
                }
                if (c == '\'' || c == '"' || c == '`') {
                    int j = i + 1;
                    while (j < sql.length() && sql.charAt(j) != c) {
                        if (sql.charAt(j) == '\\') {
                            j++;
                        } else if (sql.charAt(j) == '\n') {
                            line++;
                        }
                        j++;
                    }
                    i = Math.min(j, sql.length() - 1);
                } else if (c == ';') {
                    afterSemicolon = true;
                }
                scan.codeChars += c == ';' ? 0 : 1;
                scan.lastCode = i;
                i++;
            }
        }
        return scan;
    }
}
