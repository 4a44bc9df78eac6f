package io.datalake.core;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the datasets of one environment apart after every transformation {@link LakeNames} applies
 * to their names: '-' to '_' (Glue tables) and '_' to '-' (stacks), the {@code _raw} suffix of raw
 * tables, the hash that shortens long role names, workgroups, results prefixes and registry keys.
 * Two datasets that would share any of those names would share tables, roles or stacks, so an admin
 * of one could change the other's tables.
 *
 * <p>The name rule ({@link DatasetLayout#checkName}) already removes the classes of collision it
 * can (no '-', no {@code _raw} suffix, ASCII only); what remains is checked here, in one place, for
 * {@code lake validate}, {@code deploy-dataset} (against the registry, whose older entries may
 * predate the rule) and synthesis: identical names, and long names whose shortened role names
 * share a hash. {@link #key} is the canonical form any name (valid or not) is compared by.
 */
public final class NameCollisions {
    private final LakeNames names;
    /** The canonical key of every claimed dataset, to its name. */
    private final Map<String, String> keys = new HashMap<>();
    /** Every physical name claimed, as {@code "<what> '<name>'"}, to the dataset that claimed it. */
    private final Map<String, String> physical = new HashMap<>();

    /**
     * @param names the environment whose physical names are compared too (role hashes depend on it);
     *              {@code null} to compare only what holds in every environment
     */
    public NameCollisions(LakeNames names) {
        this.names = names;
    }

    /** Two datasets whose names meet: {@code dataset} was claimed after {@code other}. */
    public record Collision(String dataset, String other, String shared) {
        /** {@code dataset 'a' collides with dataset 'b': both map to Glue table 'x'}. */
        public String message() {
            return "dataset '" + dataset + "' collides with dataset '" + other + "': " + shared;
        }
    }

    /**
     * The canonical collision key of a dataset name, valid or not: NFKC-normalised (look-alike
     * compatibility forms fold together), lowercase, '-' as '_', and every trailing {@code _raw}
     * removed. Two names with the same key would share a Glue table, a stack or a raw table.
     */
    public static String key(String dataset) {
        String key = Normalizer.normalize(dataset, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('-', '_');
        while (key.endsWith(DatasetLayout.RAW_SUFFIX)) {
            key = key.substring(0, key.length() - DatasetLayout.RAW_SUFFIX.length());
        }
        return key;
    }

    /**
     * Every physical name a valid dataset takes in an environment, described ({@code IAM role},
     * {@code Glue table}, ...) and lowercased where the service compares names without case (IAM).
     */
    public static Map<String, String> physicalNames(LakeNames names, String dataset) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("registry key", dataset);
        all.put("stack", names.datasetStack(dataset));
        all.put("Glue table", names.glueTable(dataset));
        all.put("raw Glue table", names.glueRawTable(dataset));
        all.put("Athena workgroup", names.datasetWorkgroup(dataset));
        all.put("results prefix", dataset + "/");
        for (AccessLevel level : AccessLevel.values()) {
            all.put(level.id() + " role", names.datasetRole(dataset, level).toLowerCase(Locale.ROOT));
        }
        return all;
    }

    /**
     * Records a dataset's names.
     *
     * @return the collision with a dataset claimed before, if any (the dataset is then not recorded)
     */
    public Optional<Collision> claim(String dataset) {
        Optional<Collision> found = find(dataset);
        if (found.isEmpty()) {
            keys.put(key(dataset), dataset);
            if (names != null && valid(dataset)) {
                physicalNames(names, dataset).forEach((what, name) -> physical.put(namespace(what) + " '" + name + "'", dataset));
            }
        }
        return found;
    }

    /** The collision a dataset would have with those claimed so far, without recording it. */
    public Optional<Collision> find(String dataset) {
        String other = keys.get(key(dataset));
        if (other != null) {
            return Optional.of(new Collision(dataset, other, shared(dataset, other)));
        }
        if (names != null && valid(dataset)) {
            for (Map.Entry<String, String> name : physicalNames(names, dataset).entrySet()) {
                String claim = namespace(name.getKey()) + " '" + name.getValue() + "'";
                String holder = physical.get(claim);
                if (holder != null) {
                    return Optional.of(new Collision(dataset, holder, "both map to " + claim));
                }
            }
        }
        return Optional.empty();
    }

    /** Tables and raw tables share Glue's namespace; roles of all levels share IAM's. */
    private static String namespace(String what) {
        if (what.endsWith("Glue table")) {
            return "Glue table";
        }
        return what.endsWith(" role") ? "IAM role" : what;
    }

    /** What two names with one key share, said as concretely as their spelling allows. */
    private static String shared(String dataset, String other) {
        if (dataset.equals(other)) {
            return "both are named '" + dataset + "'";
        }
        String table = dataset.replace('-', '_');
        String otherTable = other.replace('-', '_');
        if (table.equals(otherTable)) {
            return "both map to Glue table '" + table + "' and stack '" + table.replace('_', '-') + "'";
        }
        if (table.equals(otherTable + DatasetLayout.RAW_SUFFIX)) {
            return "'" + table + "' is the raw Glue table of '" + other + "'";
        }
        if (otherTable.equals(table + DatasetLayout.RAW_SUFFIX)) {
            return "'" + otherTable + "' is the raw Glue table of '" + dataset + "'";
        }
        return "both reduce to '" + key(dataset) + "' once case, '-'/'_', look-alike characters and the '"
                + DatasetLayout.RAW_SUFFIX + "' suffix are folded";
    }

    private static boolean valid(String dataset) {
        try {
            DatasetLayout.checkName(dataset);
            return true;
        } catch (LakeConfigException e) {
            return false;
        }
    }
}
