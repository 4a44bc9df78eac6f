package io.datalake.core;

import java.util.Locale;

/** What a principal may do with a dataset; each level is one IAM role of the dataset. */
public enum AccessLevel {
    /** Read objects, tables and query results of the dataset. */
    READ,
    /** Read, and add new updates (never delete or overwrite a completed one). */
    WRITE,
    /** Write, and manage the dataset's tables and registry records. */
    ADMIN;

    /** The lowercase id used in names and files: {@code read}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
