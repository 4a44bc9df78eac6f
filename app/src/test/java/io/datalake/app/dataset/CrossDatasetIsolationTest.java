package io.datalake.app.dataset;

import static io.datalake.app.dataset.SynthesizedLake.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.stacks.DatasetStack;
import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/**
 * No dataset role reaches anything of another dataset, for every pair of the dev environment's
 * example datasets and a hostile corpus of generated ones: look-alike names ({@code sales},
 * {@code sales_order} and {@code sales_orders_x} beside {@code sales_orders}; {@code abc} and
 * {@code abcd}; {@code abc_d}), names long enough to be hashed that differ only at their end, and
 * every tier. Names that would collide after {@link LakeNames}' transformations ({@code sales_orders_raw},
 * {@code abc-d}) are refused by the name rule itself (issue 11 finding 2, {@code NameCollisionsTest}).
 */
class CrossDatasetIsolationTest {
    static final String LONG = "a_dataset_name_long_enough_to_push_its_role_names_past_64_";
    static final List<String> ACTIONS_ON_OBJECTS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject",
            "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");
    static final List<String> ACTIONS_ON_ITEMS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem");
    static final List<String> ACTIONS_ON_TABLES = List.of("glue:GetTable", "glue:GetPartitions", "glue:UpdateTable",
            "glue:BatchCreatePartition", "glue:DeleteTable");
    static final Map<String, Tier> datasets = new LinkedHashMap<>();
    static final Map<String, PolicyEvaluator[]> roles = new LinkedHashMap<>();
    static final Map<String, List<Map<String, Object>>> statements = new LinkedHashMap<>();
    static LakeNames names;

    @BeforeAll
    static void synth() {
        List<String> generated = new ArrayList<>();
        for (String[] d : new String[][] {{"sales", "internal"}, {"sales_order", "internal"}, {"sales_orders_x", "restricted"},
                {"abc", "internal"}, {"abcd", "internal"}, {"abc_d", "sensitive"}, {LONG + "a", "sensitive"},
                {LONG + "b", "sensitive"}, {"nobody", "restricted"}, {"sales_orders_rawx", "internal"},
                {"ab_cd", "sensitive"}}) {
            generated.add(SynthesizedLake.dataset(d[0], d[1], d[0].equals("nobody") ? "" : "  write:\n    - producer\n"));
        }
        SynthesizedLake lake = new SynthesizedLake(generated);
        names = lake.names;
        for (SynthesizedLake world : List.of(lake)) {
            for (Map.Entry<String, DatasetStack> e : world.datasets.entrySet()) {
                datasets.put(e.getKey(), e.getValue().roles().tier());
                PolicyEvaluator[] levels = new PolicyEvaluator[3];
                List<Map<String, Object>> all = new ArrayList<>();
                for (AccessLevel level : AccessLevel.values()) {
                    var role = e.getValue().roles().role(level);
                    levels[level.ordinal()] = world.identity(role);
                    all.addAll(world.view(Stack.of(role)).statementsOf(SynthesizedLake.logicalId(role)));
                }
                roles.put(e.getKey(), levels);
                statements.put(e.getKey(), all);
            }
        }
        assertThat(datasets).hasSizeGreaterThanOrEqualTo(15).containsKeys("sales_orders", "daily_sales", "hr_employees", "web_events");
    }

    @Test
    void noDatasetRoleReachesAnythingOfAnotherDataset() {
        int checked = 0;
        for (String mine : datasets.keySet()) {
            for (AccessLevel level : AccessLevel.values()) {
                PolicyEvaluator role = roles.get(mine)[level.ordinal()];
                for (String theirs : datasets.keySet()) {
                    if (theirs.equals(mine)) {
                        continue;
                    }
                    for (String resource : objectsOf(theirs)) {
                        for (String action : ACTIONS_ON_OBJECTS) {
                            assertThat(role.allows(action, resource, Map.of("s3:if-none-match", "*")))
                                    .as("%s of %s: %s %s", level, mine, action, resource).isFalse();
                            assertThat(role.allows(action, resource)).as("%s of %s: %s %s", level, mine, action, resource).isFalse();
                            checked++;
                        }
                    }
                    for (Tier tier : Tier.values()) {
                        for (String bucket : List.of(names.dataBucket(tier), names.dropBucket(tier), names.athenaResultsBucket())) {
                            for (String prefix : List.of(theirs + "/", theirs + "/raw/", tier.id() + "/" + theirs + "/", theirs)) {
                                assertThat(role.allows("s3:ListBucket", "arn:aws:s3:::" + bucket, Map.of("s3:prefix", prefix)))
                                        .as("%s of %s lists %s %s", level, mine, bucket, prefix).isFalse();
                            }
                        }
                    }
                    for (RegistryTable table : RegistryTable.values()) {
                        String arn = "arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/" + names.registryTable(table);
                        for (String action : ACTIONS_ON_ITEMS) {
                            assertThat(role.allows(action, arn, Map.of("dynamodb:LeadingKeys", List.of(theirs))))
                                    .as("%s of %s: %s %s of %s", level, mine, action, table, theirs).isFalse();
                        }
                    }
                    if (!tablesCollide(mine, theirs)) {
                        for (String table : List.of(names.glueTable(theirs), names.glueRawTable(theirs))) {
                            String arn = "arn:aws:glue:eu-west-1:" + ACCOUNT + ":table/" + names.glueDatabase(datasets.get(theirs)) + "/" + table;
                            for (String action : ACTIONS_ON_TABLES) {
                                assertThat(role.allows(action, arn)).as("%s of %s: %s %s", level, mine, action, arn).isFalse();
                            }
                        }
                    }
                    String workgroup = "arn:aws:athena:eu-west-1:" + ACCOUNT + ":workgroup/" + names.datasetWorkgroup(theirs);
                    assertThat(role.allows("athena:StartQueryExecution", workgroup)).as("%s of %s queries %s", level, mine, theirs).isFalse();
                    for (AccessLevel other : AccessLevel.values()) {
                        String arn = "arn:aws:iam::" + ACCOUNT + ":role/" + names.datasetRole(theirs, other);
                        assertThat(role.allows("sts:AssumeRole", arn)).isFalse();
                        assertThat(role.allows("iam:UpdateAssumeRolePolicy", arn)).isFalse();
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(50_000);
    }

    /** No two datasets share a Glue table name: the dataset-name rule refuses every such pair (issue 11 finding 2). */
    private static boolean tablesCollide(String a, String b) {
        Set<String> mine = new TreeSet<>(List.of(names.glueTable(a), names.glueRawTable(a)));
        mine.retainAll(List.of(names.glueTable(b), names.glueRawTable(b)));
        assertThat(mine).as("Glue tables shared by %s and %s", a, b).isEmpty();
        return false;
    }

    /** Objects of every folder of a dataset, in every bucket a dataset role could be given. */
    private static List<String> objectsOf(String dataset) {
        List<String> objects = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            for (String bucket : List.of(names.dataBucket(tier), names.dropBucket(tier))) {
                for (String key : List.of("raw/u1/f.csv", "data/u1/part-0.parquet", "updates/u1.json", "f.csv")) {
                    objects.add("arn:aws:s3:::" + bucket + "/" + dataset + "/" + key);
                }
            }
            objects.add("arn:aws:s3:::" + names.athenaResultsBucket() + "/" + tier.id() + "/" + dataset + "/q.csv");
        }
        return objects;
    }

    @Test
    void noDatasetRoleHasAPatternThatRunsPastItsDatasetName() {
        for (Map.Entry<String, List<Map<String, Object>>> e : statements.entrySet()) {
            for (Map<String, Object> statement : e.getValue()) {
                Object resource = statement.get("Resource");
                for (Object r : resource instanceof List<?> l ? l : List.of(resource)) {
                    String text = String.valueOf(r);
                    // arn:...:bucket/a* would also match ab/: a wildcard may only follow "<dataset>/".
                    assertThat(text).as("%s: %s", e.getKey(), statement).doesNotContain(e.getKey() + "*")
                            .doesNotContain(e.getKey() + "?");
                    if (text.contains(":s3:::") && text.contains("*")) {
                        assertThat(text).as("%s: %s", e.getKey(), statement).contains("/" + e.getKey() + "/");
                    }
                }
            }
        }
    }

    @Test
    void hashedRoleNamesStayDistinctAndKeepTheirLevel() {
        Set<String> all = new TreeSet<>();
        for (String dataset : datasets.keySet()) {
            for (AccessLevel level : AccessLevel.values()) {
                String role = names.datasetRole(dataset, level);
                assertThat(role).hasSizeLessThanOrEqualTo(64).endsWith("-" + level.id());
                all.add(role);
            }
        }
        assertThat(all).hasSize(datasets.size() * 3);
    }
}
