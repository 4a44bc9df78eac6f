package io.datalake.pipelines.model.step;

import io.datalake.core.dataset.Messages;
import java.util.Locale;

/** How {@link MaskStep} hides a column's values. Nulls stay null with every strategy. */
public enum MaskStrategy {
    /** The SHA-256 of the value as text, in hex: one-way, equal values stay equal (joinable). */
    HASH,
    /** Text becomes {@value MaskStep#REDACTED}; values of other types become null. */
    REDACT,
    /**
     * A keyed token, {@code tok_} and 32 hex digits of HMAC-SHA256 under the run's token key: equal
     * values stay equal, but without the key nobody can tell which value a token stands for, not
     * even by hashing candidate values. Not reversible.
     */
    TOKENIZE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String allowed() {
        return Messages.ids(values(), MaskStrategy::id);
    }

    public static MaskStrategy parse(String field, String value) {
        return Messages.parseId(field, value, values(), MaskStrategy::id);
    }
}
