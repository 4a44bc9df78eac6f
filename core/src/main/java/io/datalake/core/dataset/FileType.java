package io.datalake.core.dataset;

import java.util.Locale;

/**
 * The kind of file a producer delivers. Ingest converts each of them to Parquet, so this decides
 * only how the delivered files are read.
 */
public enum FileType {
    /** Delimited text; see {@link DeliveredFormat#delimiter()} and {@link DeliveredFormat#header()}. */
    CSV,
    /** JSON lines: one JSON object per line, not one JSON document per file. */
    JSON,
    /** Apache Parquet. */
    PARQUET;

    /** The id used in dataset files: {@code csv}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ids joined for messages: {@code csv, json, parquet}. */
    public static String allowed() {
        return Messages.ids(values(), FileType::id);
    }

    /**
     * @param field the field the value came from, for the message
     * @throws DatasetValidationException naming the field and the allowed ids
     */
    public static FileType parse(String field, String value) {
        return Messages.parseId(field, value, values(), FileType::id);
    }
}
