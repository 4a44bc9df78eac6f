package io.datalake.pipelines.model.step;

import java.util.List;
import java.util.Objects;

/** Hides the values of some columns, keeping every column in its place. */
public record MaskStep(String view, String from, List<String> columns, MaskStrategy strategy) implements Step {
    /** What {@link MaskStrategy#REDACT} puts in place of a text value. */
    public static final String REDACTED = "[redacted]";
    /**
     * The SQL function {@link MaskStrategy#TOKENIZE} calls: the runner registers it with the run's
     * token key, so the key never appears in SQL text, plans or logs.
     */
    public static final String TOKEN_FUNCTION = "lake_tokenize";

    public MaskStep {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(from, "from");
        columns = List.copyOf(columns);
        Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    public List<String> reads() {
        return List.of(from);
    }

    @Override
    public String kind() {
        return "mask";
    }
}
