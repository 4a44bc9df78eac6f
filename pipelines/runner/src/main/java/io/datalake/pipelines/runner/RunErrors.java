package io.datalake.pipelines.runner;

import io.datalake.core.LakeConfigException;
import java.util.function.Supplier;
import org.apache.spark.sql.AnalysisException;

/**
 * How run failures read: one line that names the step or the data and what is wrong, for the CLI,
 * the runs table and Glue's error message. Spark's analysis errors (an unknown column, a bad SQL
 * file) are the user's mistakes, so they become {@link LakeConfigException}s; the query plan Spark
 * appends to them is left out.
 */
final class RunErrors {
    /** The longest error kept in a run record. */
    static final int MAX_ERROR = 1000;

    private RunErrors() {
    }

    /**
     * Runs something that makes Spark analyse SQL.
     *
     * @param what what is being analysed, e.g. {@code step 'daily' (aggregate)}
     * @throws LakeConfigException saying what failed and Spark's reason, on an analysis error
     */
    static <T> T analysed(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw e; // the runner's own problems name their step or data already
        } catch (Exception e) { // Spark throws AnalysisException undeclared: Java sees it as checked
            if (e instanceof AnalysisException analysis) {
                throw new LakeConfigException(what + ": " + firstLine(analysis.getMessage()));
            }
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }

    /** Whether the exception or one of its causes is of that type. */
    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The innermost cause's message on one line: what was actually wrong, without Spark's wrapping
     * (a CSV reader's complaint spans lines: the header, the schema, the first difference).
     */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : String.join("; ", root.getMessage().strip().split("\\s*\\n\\s*"));
        return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR - 1) + "…" : message;
    }

    /** One line for a run record: the message's first line, at most {@value #MAX_ERROR} characters. */
    static String summary(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
        return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR - 1) + "…" : message;
    }

    private static String firstLine(String message) {
        String line = message.strip();
        int end = line.indexOf('\n');
        line = end < 0 ? line : line.substring(0, end);
        // Spark ends the line with the position and the start of the plan: "; line 1 pos 7;".
        return line.replaceAll(";\\s*$", "").strip();
    }
}
