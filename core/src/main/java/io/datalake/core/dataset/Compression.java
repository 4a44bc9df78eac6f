package io.datalake.core.dataset;

import java.util.Locale;

/** How delivered files are compressed; ingest unpacks them into {@code raw/<update>/}. */
public enum Compression {
    /** Delivered as they are. */
    NONE,
    /** One gzip stream per file ({@code .gz}). */
    GZIP,
    /** A zip archive that may hold several files of the dataset's type. */
    ZIP;

    /** The id used in dataset files: {@code gzip}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ids joined for messages: {@code none, gzip, zip}. */
    public static String allowed() {
        return Messages.ids(values(), Compression::id);
    }

    /**
     * @param field the field the value came from, for the message
     * @throws DatasetValidationException naming the field and the allowed ids
     */
    public static Compression parse(String field, String value) {
        return Messages.parseId(field, value, values(), Compression::id);
    }
}
