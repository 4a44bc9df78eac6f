package io.datalake.lambda.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

/**
 * Structured logs: one JSON object per line, which CloudWatch Logs Insights queries by field
 * ({@code filter status >= 500}). Lambda sends standard output to the function's log group.
 */
public final class JsonLog {
    private final PrintStream out;
    private final Clock clock;

    public JsonLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Logs to standard output. */
    public static JsonLog stdout() {
        return new JsonLog(System.out, Clock.systemUTC());
    }

    /** A log that writes nothing, for tests and benchmarks that only want the responses. */
    public static JsonLog silent() {
        return new JsonLog(new PrintStream(java.io.OutputStream.nullOutputStream()), Clock.systemUTC());
    }

    /** A new entry at a level with a message; add fields, then {@link #write(ObjectNode)}. */
    public ObjectNode entry(String level, String message) {
        return Json.object().put("timestamp", clock.instant().toString()).put("level", level).put("message", message);
    }

    public void write(ObjectNode entry) {
        String line = Json.write(entry);
        synchronized (out) {
            out.println(line);
        }
    }

    /** Adds an exception's class, message and stack trace to an entry. */
    public static ObjectNode withError(ObjectNode entry, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return entry.put("errorType", error.getClass().getName()).put("errorMessage", String.valueOf(error.getMessage()))
                .put("stackTrace", trace.toString());
    }
}
