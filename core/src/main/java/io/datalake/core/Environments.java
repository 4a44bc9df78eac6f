package io.datalake.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environments a lake is deployed to, as declared in {@code cdk.json} under the context key
 * {@value #CONTEXT_KEY}:
 *
 * <pre>{@code
 * "datalake:environments": {
 *   "dev": { "org": "acme", "account": null, "region": "eu-west-1", "settings": { "dropExpiryDays": 7 } }
 * }
 * }</pre>
 */
public final class Environments {
    /** The context key that holds the environments. */
    public static final String CONTEXT_KEY = "datalake:environments";
    /** The context key that picks one environment: {@code -c env=dev}. */
    public static final String SELECTOR_KEY = "env";

    private static final List<String> ENVIRONMENT_FIELDS = List.of("org", "account", "region", "datasets", "pipelines",
            "settings");
    private static final List<String> SETTING_FIELDS = List.of("tiers", "noncurrentVersionDays",
            "dropExpiryDays", "queryResultDays", "accessLogDays", "bytesScannedCutoff", "alarmEmail", "cluster", "backup",
            "replication", "ingestMaxConcurrency", "apiReservedConcurrency", "keyAdmins");
    private static final List<String> BACKUP_FIELDS = List.of("retentionDays", "vaultLock", "copyToVaultArn");
    private static final List<String> REPLICATION_FIELDS = List.of("account", "region", "retentionDays", "lockMode");
    private static final List<String> CLUSTER_FIELDS = List.of("enabled", "maxCpu", "maxMemoryGiB", "spot",
            "maxParallelRuns", "runnerCpuMillis", "runnerMemoryMiB", "pipelines", "vpcCidr", "runnerImage",
            "gcpProject", "gcpRegion");

    private final Map<String, Environment> byName;

    private Environments(Map<String, Environment> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Reads the environments from the value of the {@value #CONTEXT_KEY} context key.
     *
     * @throws LakeConfigException naming the environment and field of the first mistake
     */
    public static Environments fromContext(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new LakeConfigException(CONTEXT_KEY + " must map environment names to {org, account, region,"
                    + " settings} in cdk.json's context, but " + (value == null ? "it is missing" : "'" + value + "' was given"));
        }
        Map<String, Environment> result = new TreeMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String where = CONTEXT_KEY + "." + name + ".";
            try {
                result.put(name, parse(name, entry.getValue()));
            } catch (LakeConfigException e) {
                throw new LakeConfigException(where + e.getMessage());
            }
        }
        return new Environments(result);
    }

    private static Environment parse(String name, Object value) {
        Map<String, Object> fields = object("", value, ENVIRONMENT_FIELDS);
        Environment.Builder builder = Environment.builder()
                .name(name)
                .org(text("org", fields.get("org")))
                .account(text("account", fields.get("account")))
                .region(text("region", fields.get("region")))
                .datasets(text("datasets", fields.get("datasets")))
                .pipelines(text("pipelines", fields.get("pipelines")));
        if (fields.get("settings") != null) {
            builder.settings(settings(object("settings", fields.get("settings"), SETTING_FIELDS)));
        }
        return builder.build();
    }

    private static EnvironmentSettings settings(Map<String, Object> fields) {
        EnvironmentSettings.Builder b = EnvironmentSettings.builder();
        if (fields.containsKey("tiers")) {
            b.enabledTiers(tiers(fields.get("tiers")));
        }
        if (fields.containsKey("noncurrentVersionDays")) {
            b.noncurrentVersionDays(integer("settings.noncurrentVersionDays", fields.get("noncurrentVersionDays")));
        }
        if (fields.containsKey("dropExpiryDays")) {
            b.dropExpiryDays(integer("settings.dropExpiryDays", fields.get("dropExpiryDays")));
        }
        if (fields.containsKey("queryResultDays")) {
            b.queryResultDays(integer("settings.queryResultDays", fields.get("queryResultDays")));
        }
        if (fields.containsKey("accessLogDays")) {
            b.accessLogDays(integer("settings.accessLogDays", fields.get("accessLogDays")));
        }
        if (fields.containsKey("bytesScannedCutoff")) {
            b.bytesScannedCutoff(number("settings.bytesScannedCutoff", fields.get("bytesScannedCutoff")));
        }
        if (fields.containsKey("alarmEmail")) {
            b.alarmEmail(text("settings.alarmEmail", fields.get("alarmEmail")));
        }
        if (fields.containsKey("keyAdmins")) {
            b.keyAdmins(strings("settings.keyAdmins", fields.get("keyAdmins")));
        }
        if (fields.get("cluster") != null) {
            b.cluster(cluster(object("settings.cluster", fields.get("cluster"), CLUSTER_FIELDS)));
        }
        if (fields.get("backup") != null) {
            b.backup(backup(object("settings.backup", fields.get("backup"), BACKUP_FIELDS)));
        }
        if (fields.get("replication") != null) {
            b.replication(replication(object("settings.replication", fields.get("replication"), REPLICATION_FIELDS)));
        }
        if (fields.containsKey("ingestMaxConcurrency")) {
            b.ingestMaxConcurrency(whole("settings.ingestMaxConcurrency", fields.get("ingestMaxConcurrency")));
        }
        if (fields.containsKey("apiReservedConcurrency")) {
            b.apiReservedConcurrency(whole("settings.apiReservedConcurrency", fields.get("apiReservedConcurrency")));
        }
        return b.build();
    }

    private static BackupSettings backup(Map<String, Object> fields) {
        BackupSettings.Builder b = BackupSettings.builder();
        if (fields.containsKey("retentionDays")) {
            b.retentionDays(integer("settings.backup.retentionDays", fields.get("retentionDays")));
        }
        if (fields.containsKey("vaultLock")) {
            b.vaultLock(bool("settings.backup.vaultLock", fields.get("vaultLock")));
        }
        if (fields.containsKey("copyToVaultArn")) {
            b.copyToVaultArn(text("settings.backup.copyToVaultArn", fields.get("copyToVaultArn")));
        }
        return b.build();
    }

    private static ReplicationSettings replication(Map<String, Object> fields) {
        ReplicationSettings.Builder b = ReplicationSettings.builder();
        if (fields.containsKey("account")) {
            b.account(text("settings.replication.account", fields.get("account")));
        }
        if (fields.containsKey("region")) {
            b.region(text("settings.replication.region", fields.get("region")));
        }
        if (fields.containsKey("retentionDays")) {
            b.retentionDays(integer("settings.replication.retentionDays", fields.get("retentionDays")));
        }
        if (fields.containsKey("lockMode")) {
            b.lockMode(text("settings.replication.lockMode", fields.get("lockMode")));
        }
        return b.build();
    }

    private static ClusterSettings cluster(Map<String, Object> fields) {
        ClusterSettings.Builder b = ClusterSettings.builder();
        String at = "settings.cluster.";
        if (fields.containsKey("enabled")) {
            b.enabled(bool(at + "enabled", fields.get("enabled")));
        }
        if (fields.containsKey("maxCpu")) {
            b.maxCpu(whole(at + "maxCpu", fields.get("maxCpu")));
        }
        if (fields.containsKey("maxMemoryGiB")) {
            b.maxMemoryGiB(whole(at + "maxMemoryGiB", fields.get("maxMemoryGiB")));
        }
        if (fields.containsKey("spot")) {
            b.spot(bool(at + "spot", fields.get("spot")));
        }
        if (fields.containsKey("maxParallelRuns")) {
            b.maxParallelRuns(whole(at + "maxParallelRuns", fields.get("maxParallelRuns")));
        }
        if (fields.containsKey("runnerCpuMillis")) {
            b.runnerCpuMillis(whole(at + "runnerCpuMillis", fields.get("runnerCpuMillis")));
        }
        if (fields.containsKey("runnerMemoryMiB")) {
            b.runnerMemoryMiB(whole(at + "runnerMemoryMiB", fields.get("runnerMemoryMiB")));
        }
        if (fields.containsKey("pipelines")) {
            b.pipelines(strings(at + "pipelines", fields.get("pipelines")));
        }
        if (fields.containsKey("vpcCidr")) {
            b.vpcCidr(text(at + "vpcCidr", fields.get("vpcCidr")));
        }
        if (fields.containsKey("runnerImage")) {
            b.runnerImage(text(at + "runnerImage", fields.get("runnerImage")));
        }
        if (fields.containsKey("gcpProject")) {
            b.gcpProject(text(at + "gcpProject", fields.get("gcpProject")));
        }
        if (fields.containsKey("gcpRegion")) {
            b.gcpRegion(text(at + "gcpRegion", fields.get("gcpRegion")));
        }
        return b.build();
    }

    private static boolean bool(String field, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new LakeConfigException(field + " must be true or false, but '" + value + "' was given");
    }

    private static List<String> strings(String field, Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new LakeConfigException(field + " must be a list of names, but '" + value + "' was given");
    }

    private static Set<Tier> tiers(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new LakeConfigException("settings.tiers must be a list of " + Tier.allowed()
                    + ", but '" + value + "' was given");
        }
        Set<Tier> tiers = EnumSet.noneOf(Tier.class);
        for (Object item : list) {
            tiers.add(Tier.parse("settings.tiers", String.valueOf(item)));
        }
        return tiers;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String field, Object value, List<String> known) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new LakeConfigException((field.isEmpty() ? "the environment" : field)
                    + " must be an object with " + String.join(", ", known) + ", but '" + value + "' was given");
        }
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                String qualified = field.isEmpty() ? String.valueOf(key) : field + "." + key;
                throw new LakeConfigException(qualified + " is not a known field; known fields are "
                        + String.join(", ", known));
            }
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    private static String text(String field, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number) {
            return value.toString();
        }
        throw new LakeConfigException(field + " must be a string, but '" + value + "' was given");
    }

    private static int integer(String field, Object value) {
        long n = number(field, value);
        if (n != (int) n) {
            throw new LakeConfigException(field + " must be a whole number of days, but " + value + " was given");
        }
        return (int) n;
    }

    private static int whole(String field, Object value) {
        long n = number(field, value);
        if (n != (int) n) {
            throw new LakeConfigException(field + " must be a whole number, but " + value + " was given");
        }
        return (int) n;
    }

    private static long number(String field, Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new LakeConfigException(field + " must be a whole number, but '" + value + "' was given");
    }

    /** The environment names, sorted. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /**
     * The environment of that name.
     *
     * @throws LakeConfigException listing the known names when there is none of that name
     */
    public Environment get(String name) {
        Environment env = byName.get(name);
        if (env == null) {
            throw new LakeConfigException("unknown environment '" + name + "': known environments are "
                    + String.join(", ", names()));
        }
        return env;
    }
}
