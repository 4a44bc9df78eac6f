package io.datalake.lambdas.ingest;

import io.datalake.core.DatasetLayout;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a key in a drop bucket says: the dataset (its first folder) and the file name (its last
 * segment), or why the lake cannot take it. Any S3 key is a valid upload, but the lake stores the
 * file name under {@code <dataset>/raw/<update>/} and hands it to DuckDB, Spark and Glue, so only a
 * name that every one of them reads the same way is ingested; any other is quarantined with the
 * reason, before an update is made. Folders in between are free ({@code sales_orders/2026/11/x.csv}).
 */
record DropKey(String dataset, String fileName) {
    /** The longest file name, in UTF-8 bytes: a file system's limit, and raw keys must stay within S3's 1,024. */
    static final int MAX_FILE_NAME_BYTES = 255;

    DropKey {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(fileName, "fileName");
    }

    /** A drop key the lake does not take, with the reason a producer can act on. */
    static final class Refused extends RuntimeException {
        private final String dataset;

        Refused(String dataset, String reason) {
            super(reason);
            this.dataset = dataset;
        }

        /** The dataset the key names, when it names a valid one; {@code null} otherwise. */
        String dataset() {
            return dataset;
        }
    }

    /**
     * Reads a drop key that is no folder marker and not under the quarantine.
     *
     * @throws Refused saying why the key cannot be ingested
     */
    static DropKey parse(String key) {
        int control = firstControl(key);
        int slash = key.indexOf('/');
        if (slash <= 0) {
            throw new Refused(null, "the key '" + shown(key) + "' names no dataset: drop files under a folder named after"
                    + " the dataset, e.g. sales_orders/" + shown(key.substring(slash + 1)));
        }
        String dataset = key.substring(0, slash);
        if (!DatasetLayout.NAME.matcher(dataset).matches()) {
            throw new Refused(null, "the folder '" + shown(dataset) + "' is not a dataset name (" + DatasetLayout.NAME
                    + "): drop files under a folder named after the dataset");
        }
        if (control >= 0) {
            throw new Refused(dataset, "the key '" + shown(key) + "' holds the control character U+"
                    + String.format("%04X", (int) key.charAt(control)) + " at position " + control
                    + ", which file names in the lake may not hold: rename the file");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || segment.isEmpty()) {
                throw new Refused(dataset, "the key '" + key + "' holds an empty, '.' or '..' segment, which file systems"
                        + " and S3 clients resolve differently: drop it as " + dataset + "/<file name>");
            }
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.startsWith(".")) {
            throw new Refused(dataset, "the file name '" + name + "' is hidden (starts with '.'), and Spark and Hive skip"
                    + " such files: give the file a name, e.g. " + dataset + "/data" + name);
        }
        if (name.contains("..") || name.contains("\\")) {
            throw new Refused(dataset, "the file name '" + name + "' holds '..' or '\\', which the lake's manifests refuse"
                    + " in file paths: rename the file");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FILE_NAME_BYTES) {
            throw new Refused(dataset, "the file name is " + bytes + " bytes long; at most " + MAX_FILE_NAME_BYTES
                    + " bytes (UTF-8) are allowed: shorten it");
        }
        return new DropKey(dataset, name);
    }

    private static int firstControl(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    /** The key as a message may show it: control characters as {@code \}{@code uXXXX}, and cut when very long. */
    static String shown(String key) {
        StringBuilder b = new StringBuilder();
        key.chars().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.length() > 300 ? b.substring(0, 300) + "..." : b.toString();
    }
}
