package io.datalake.core;

import java.util.regex.Pattern;

/**
 * Where a dataset's objects live inside its tier's bucket:
 *
 * <pre>
 * &lt;dataset&gt;/raw/&lt;update&gt;/...         files as delivered (unzipped)
 * &lt;dataset&gt;/data/&lt;update&gt;/...         the Parquet conversion
 * &lt;dataset&gt;/updates/&lt;update&gt;.json     the manifest, the update's commit point
 * </pre>
 */
public final class DatasetLayout {
    /**
     * What a dataset name may be: 3 to 63 lowercase ASCII letters, digits or '_', starting with a
     * letter. No '-': the Glue table and the stack name would turn '-' and '_' into each other, so
     * {@code sales-orders} and {@code sales_orders} would share tables and stacks (see {@link NameCollisions}).
     */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{2,62}");
    /** The suffix of a dataset's raw Glue table ({@link LakeNames#glueRawTable}), which no dataset name may end in. */
    public static final String RAW_SUFFIX = "_raw";

    private DatasetLayout() {
    }

    /**
     * @throws LakeConfigException when the name breaks {@link #NAME}
     */
    public static String checkName(String dataset) {
        if (dataset == null || !NAME.matcher(dataset).matches()) {
            String hint = dataset != null && NAME.matcher(dataset.replace('-', '_')).matches()
                    ? "; write '" + dataset.replace('-', '_') + "' ('-' and '_' would name the same Glue table and stack)" : "";
            throw new LakeConfigException("dataset name must match " + NAME.pattern()
                    + " (3 to 63 lowercase letters, digits or '_', starting with a letter), but "
                    + (dataset == null ? "nothing" : "'" + dataset + "'") + " was given" + hint);
        }
        if (dataset.endsWith(RAW_SUFFIX)) {
            throw new LakeConfigException("dataset name '" + dataset + "' ends in '" + RAW_SUFFIX + "', which the lake reserves"
                    + " for raw Glue tables ('" + dataset + "' is the raw table of a dataset '"
                    + dataset.substring(0, dataset.length() - RAW_SUFFIX.length()) + "'); choose another name");
        }
        return dataset;
    }

    /** {@code <dataset>/}: everything of one dataset; the scope of its roles. */
    public static String prefix(String dataset) {
        return checkName(dataset) + "/";
    }

    /** {@code <dataset>/raw/}. */
    public static String rawPrefix(String dataset) {
        return prefix(dataset) + "raw/";
    }

    /** {@code <dataset>/data/}. */
    public static String dataPrefix(String dataset) {
        return prefix(dataset) + "data/";
    }

    /** {@code <dataset>/updates/}. */
    public static String manifestPrefix(String dataset) {
        return prefix(dataset) + "updates/";
    }

    /** {@code <dataset>/raw/<update>/}. */
    public static String rawPrefix(String dataset, UpdateId update) {
        return rawPrefix(dataset) + update + "/";
    }

    /** {@code <dataset>/data/<update>/}. */
    public static String dataPrefix(String dataset, UpdateId update) {
        return dataPrefix(dataset) + update + "/";
    }

    /** {@code <dataset>/updates/<update>.json}. */
    public static String manifestKey(String dataset, UpdateId update) {
        return manifestPrefix(dataset) + update + ".json";
    }
}
