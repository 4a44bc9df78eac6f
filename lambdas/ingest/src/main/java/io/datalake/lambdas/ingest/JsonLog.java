package io.datalake.lambdas.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Structured logs: one JSON object per line, which CloudWatch Logs Insights queries by field
 * ({@code filter outcome = "quarantined" | stats count() by dataset}). Fields keep the order given;
 * {@code null} values are left out.
 */
public final class JsonLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Clock clock;

    public JsonLog(PrintStream out, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Logs to standard output, which Lambda sends to CloudWatch Logs. */
    public static JsonLog stdout() {
        return new JsonLog(System.out, Clock.systemUTC());
    }

    public void info(String message, Object... fields) {
        write("INFO", message, fields);
    }

    public void warn(String message, Object... fields) {
        write("WARN", message, fields);
    }

    public void error(String message, Object... fields) {
        write("ERROR", message, fields);
    }

    /**
     * @param fields names and values in turn: {@code "dataset", "sales", "bytes", 42}
     */
    private void write(String level, String message, Object... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("log fields come in name/value pairs, but " + fields.length + " were given");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("level", level);
        line.put("message", message);
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                Object value = fields[i + 1];
                line.put(String.valueOf(fields[i]), value instanceof Number || value instanceof Boolean
                        || value instanceof Iterable<?> || value instanceof Map<?, ?> ? value : value.toString());
            }
        }
        String text;
        try {
            text = JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            text = "{\"level\":\"" + level + "\",\"message\":\"unloggable fields: " + e.getOriginalMessage().replace('"', '\'') + "\"}";
        }
        synchronized (out) {
            out.println(text);
        }
    }
}
