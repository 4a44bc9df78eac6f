package io.datalake.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A security tier. It decides which bucket and KMS key hold a dataset and who may read it by
 * default: internal data is readable by the environment's default reader role, restricted and
 * sensitive data only by the principals named on the dataset.
 */
public enum Tier {
    /** Data that can be shared with everyone in the organisation. */
    INTERNAL,
    /** Data as risky as internal data, but shared only with a named group. */
    RESTRICTED,
    /** Data with real risk attached, shared on a need-to-know basis. */
    SENSITIVE;

    /** The lowercase id used in names, files and context: {@code internal}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier ids joined for error messages: {@code internal, restricted, sensitive}. */
    public static String allowed() {
        return Arrays.stream(values()).map(Tier::id).collect(Collectors.joining(", "));
    }

    /**
     * Parses a tier id.
     *
     * @param field the name of the field the value came from, for the error message
     * @throws LakeConfigException naming the field and the allowed ids when the value is unknown
     */
    public static Tier parse(String field, String value) {
        if (value != null) {
            for (Tier tier : values()) {
                if (tier.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return tier;
                }
            }
        }
        throw new LakeConfigException(
                field + " must be one of " + allowed() + ", but '" + value + "' was given");
    }
}
