package io.datalake.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.app.TestApps;
import io.datalake.app.stacks.DatasetStack;
import io.datalake.app.stacks.DatasetStackProps;
import io.datalake.app.LakeApp;
import io.datalake.constructs.checks.LakeChecks;
import io.datalake.core.AccessLevel;
import io.datalake.core.Environment;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The example datasets of every tier plus a second internal one, synthesized once with the compliance checks. */
class DatasetStackTest {
    static final Path TEMPLATES = Path.of("..", "dataset-templates");
    static final String ACCOUNT = "111111111111";
    static final String INTERNAL_BUCKET = "arn:aws:s3:::acme-datalake-dev-internal-eu-west-1";
    static final Map<String, DatasetStack> stacks = new HashMap<>();
    static final Map<String, TemplateView> views = new HashMap<>();
    static LakeNames names;

    @BeforeAll
    static void synth() throws Exception {
        App app = TestApps.app("dev");
        names = new LakeNames(LakeApp.environment(app));
        for (String file : List.of("examples/sales_orders.yaml", "examples/web_events.yaml", "examples/hr_employees.yaml",
                "internal.yaml")) {
            DatasetSpec spec = DatasetFiles.load(TEMPLATES.resolve(file));
            stacks.put(spec.name(), new DatasetStack(app, "Dataset-" + spec.name(),
                    DatasetStackProps.builder().names(names).dataset(spec).build()));
        }
        LakeChecks.apply(app);
        app.synth();
        for (Map.Entry<String, DatasetStack> e : stacks.entrySet()) {
            views.put(e.getKey(), new TemplateView(new ObjectMapper().valueToTree(Template.fromStack(e.getValue()).toJSON()),
                    "aws", ACCOUNT, "eu-west-1"));
        }
    }

    static String id(DatasetStack stack, software.constructs.IConstruct c) {
        return stack.resolve(((CfnElement) c.getNode().getDefaultChild()).getLogicalId()).toString();
    }

    static PolicyEvaluator policy(String dataset, AccessLevel level) {
        DatasetStack stack = stacks.get(dataset);
        return new PolicyEvaluator(views.get(dataset).statementsOf(id(stack, stack.roles().role(level))));
    }

    static List<String> trusted(String dataset, AccessLevel level) {
        DatasetStack stack = stacks.get(dataset);
        String role = id(stack, stack.roles().role(level));
        var trust = views.get(dataset).resources("AWS::IAM::Role").get(role)
                .path("Properties").path("AssumeRolePolicyDocument").path("Statement").get(0).path("Principal").path("AWS");
        Object resolved = views.get(dataset).resolve(trust);
        return resolved instanceof List<?> l ? l.stream().map(String::valueOf).sorted().toList() : List.of(resolved.toString());
    }

    @Test
    void stackAndRolesAreNamedFromLakeNames() {
        assertThat(stacks.get("sales_orders").getStackName()).isEqualTo("acme-datalake-dev-dataset-sales-orders");
        Template.fromStack(stacks.get("sales_orders")).hasResourceProperties("AWS::IAM::Role",
                Map.of("RoleName", "acme-datalake-dev-ds-sales_orders-write"));
        Template.fromStack(stacks.get("hr_employees")).resourceCountIs("AWS::IAM::Role", 3);
    }

    @Test
    void rolesTrustThePrincipalsOfTheFileAndInternalReadAlsoTheDefaultReader() {
        assertThat(trusted("sales_orders", AccessLevel.READ)).containsExactly(
                "arn:aws:iam::111111111111:role/acme-datalake-dev-eu-west-1-internal-reader",
                "arn:aws:iam::123456789012:role/sales-analysts");
        assertThat(trusted("sales_orders", AccessLevel.WRITE)).containsExactly("arn:aws:iam::123456789012:role/order-system-export");
        assertThat(trusted("sales_orders", AccessLevel.ADMIN)).containsExactly("arn:aws:iam::123456789012:role/sales-data-owners");
        assertThat(trusted("web_events", AccessLevel.READ)).containsExactly(
                "arn:aws:iam::123456789012:role/marketing/campaign-analysts", "arn:aws:iam::123456789012:role/web-analysts");
        // Role names in the file are roles of the lake's own account.
        assertThat(trusted("hr_employees", AccessLevel.READ)).containsExactly("arn:aws:iam::111111111111:role/workforce-planning-readers");
    }

    @Test
    void restrictedAndSensitiveDatasetsAreNotGrantedToTheDefaultReader() {
        for (String dataset : List.of("web_events", "hr_employees")) {
            for (AccessLevel level : AccessLevel.values()) {
                assertThat(trusted(dataset, level)).noneMatch(p -> p.contains("internal-reader"));
            }
        }
    }

    @Test
    void readRoleStatementsHaveExactResources() {
        List<Map<String, Object>> statements = views.get("sales_orders").statementsOf(
                id(stacks.get("sales_orders"), stacks.get("sales_orders").roles().role(AccessLevel.READ)));
        Map<String, Object> resources = new HashMap<>();
        statements.forEach(s -> resources.put(s.get("Action").toString(), s.get("Resource")));
        assertThat(resources).containsEntry("s3:GetObject", INTERNAL_BUCKET + "/sales_orders/*");
        assertThat(statements).anySatisfy(s -> assertThat(s).containsEntry("Action", "s3:ListBucket")
                .containsEntry("Resource", INTERNAL_BUCKET)
                .containsEntry("Condition", Map.of("StringLike", Map.of("s3:prefix", List.of("sales_orders/", "sales_orders/*")))));
        assertThat(statements).anySatisfy(s -> assertThat(s.get("Resource")).isEqualTo(
                "import:acme-datalake-dev-internal-key-arn"));
        assertThat(statements).anySatisfy(s -> assertThat(s.get("Resource")).isEqualTo(List.of(
                "arn:aws:glue:eu-west-1:111111111111:catalog",
                "arn:aws:glue:eu-west-1:111111111111:database/acme_datalake_dev_internal",
                "arn:aws:glue:eu-west-1:111111111111:table/acme_datalake_dev_internal/sales_orders",
                "arn:aws:glue:eu-west-1:111111111111:table/acme_datalake_dev_internal/sales_orders_raw")));
        assertThat(statements).anySatisfy(s -> assertThat(s.get("Resource")).isEqualTo(
                "arn:aws:athena:eu-west-1:111111111111:workgroup/acme-datalake-dev-ds-sales_orders"));
        assertThat(statements).anySatisfy(s -> assertThat(s.get("Resource")).isEqualTo(
                "arn:aws:s3:::acme-datalake-dev-athena-results-eu-west-1/internal/sales_orders/*"));
        assertThat(statements.toString()).doesNotContain("\"*\"").doesNotContain("Resource=*");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"sales_orders, internal", "web_events, restricted", "hr_employees, sensitive"})
    void everyRoleReachesExactlyItsOwnResources(String dataset, String tier) {
        String bucket = "arn:aws:s3:::acme-datalake-dev-" + tier + "-eu-west-1";
        String results = "arn:aws:s3:::acme-datalake-dev-athena-results-eu-west-1";
        String glue = "arn:aws:glue:eu-west-1:111111111111:";
        String database = "acme_datalake_dev_" + tier;
        java.util.Set<Object> read = new java.util.TreeSet<>(List.of(
                bucket, bucket + "/" + dataset + "/*",
                "import:acme-datalake-dev-" + tier + "-key-arn",
                "arn:aws:athena:eu-west-1:111111111111:workgroup/acme-datalake-dev-ds-" + dataset,
                results, results + "/" + tier + "/" + dataset + "/*",
                glue + "catalog", glue + "database/" + database,
                glue + "table/" + database + "/" + dataset, glue + "table/" + database + "/" + dataset + "_raw",
                "import:acme-datalake-dev-platform-key-arn",
                "arn:aws:dynamodb:eu-west-1:111111111111:table/acme-datalake-dev-datasets",
                "arn:aws:dynamodb:eu-west-1:111111111111:table/acme-datalake-dev-updates"));
        java.util.Set<Object> write = new java.util.TreeSet<>(read);
        write.add("arn:aws:s3:::acme-datalake-drop-dev-" + tier + "-eu-west-1/" + dataset + "/*");
        java.util.Set<Object> admin = new java.util.TreeSet<>(write);
        admin.add("arn:aws:dynamodb:eu-west-1:111111111111:table/acme-datalake-dev-grants");
        Map<AccessLevel, java.util.Set<Object>> expected = Map.of(AccessLevel.READ, read, AccessLevel.WRITE, write,
                AccessLevel.ADMIN, admin);
        for (AccessLevel level : AccessLevel.values()) {
            DatasetStack stack = stacks.get(dataset);
            java.util.Set<Object> actual = new java.util.TreeSet<>();
            for (Map<String, Object> statement : views.get(dataset).statementsOf(id(stack, stack.roles().role(level)))) {
                Object resource = statement.get("Resource");
                actual.addAll(resource instanceof List<?> l ? l : List.of(resource));
            }
            assertThat(actual).as("%s %s", dataset, level).isEqualTo(expected.get(level));
        }
    }

    @Test
    void keyIsUsableOnlyThroughS3() {
        PolicyEvaluator read = policy("hr_employees", AccessLevel.READ);
        String key = "import:acme-datalake-dev-sensitive-key-arn";
        assertThat(read.allows("kms:Decrypt", key, Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com"))).isTrue();
        assertThat(read.allows("kms:Decrypt", key)).isFalse();
        assertThat(read.allows("kms:Decrypt", "import:acme-datalake-dev-internal-key-arn",
                Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com"))).isFalse();
    }

    @Test
    void twoDatasetsRolesCannotReachEachOthersPrefix() {
        String mine = INTERNAL_BUCKET + "/sales_orders/data/2026-11-21T101500Z-3f9a/part-0.parquet";
        String theirs = INTERNAL_BUCKET + "/my_internal_dataset/data/2026-11-21T101500Z-3f9a/part-0.parquet";
        for (AccessLevel level : AccessLevel.values()) {
            PolicyEvaluator sales = policy("sales_orders", level);
            PolicyEvaluator other = policy("my_internal_dataset", level);
            assertThat(sales.allows("s3:GetObject", mine)).as("own data, %s", level).isTrue();
            assertThat(sales.allows("s3:GetObject", theirs)).as("other data, %s", level).isFalse();
            assertThat(other.allows("s3:GetObject", mine)).isFalse();
            assertThat(sales.allows("s3:ListBucket", INTERNAL_BUCKET, Map.of("s3:prefix", "sales_orders/data/"))).isTrue();
            assertThat(sales.allows("s3:ListBucket", INTERNAL_BUCKET, Map.of("s3:prefix", "my_internal_dataset/"))).isFalse();
            assertThat(sales.allows("s3:ListBucket", INTERNAL_BUCKET, Map.of("s3:prefix", ""))).isFalse();
            assertThat(sales.allows("glue:GetTable", "arn:aws:glue:eu-west-1:111111111111:table/acme_datalake_dev_internal/my_internal_dataset")).isFalse();
            assertThat(sales.allows("athena:StartQueryExecution", "arn:aws:athena:eu-west-1:111111111111:workgroup/acme-datalake-dev-ds-my_internal_dataset")).isFalse();
            assertThat(sales.allows("s3:GetObject", "arn:aws:s3:::acme-datalake-dev-athena-results-eu-west-1/internal/my_internal_dataset/q.csv")).isFalse();
            assertThat(sales.allows("s3:PutObject", INTERNAL_BUCKET + "/my_internal_dataset/raw/u/x.csv", Map.of("s3:if-none-match", "*"))).isFalse();
        }
    }

    @Test
    void writersDeliverThroughTheDropFolderAndNoRoleWritesTheDataBucket() {
        PolicyEvaluator write = policy("sales_orders", AccessLevel.WRITE);
        String drop = "arn:aws:s3:::acme-datalake-drop-dev-internal-eu-west-1/sales_orders/orders-2026-11-21.csv";
        assertThat(write.allows("s3:PutObject", drop)).isTrue();
        assertThat(write.allows("s3:GetObject", drop)).as("the drop bucket is a mailbox").isFalse();
        assertThat(write.allows("s3:PutObject", "arn:aws:s3:::acme-datalake-drop-dev-internal-eu-west-1/my_internal_dataset/o.csv")).isFalse();
        String raw = INTERNAL_BUCKET + "/sales_orders/raw/2026-11-21T101500Z-3f9a/orders.csv";
        for (AccessLevel level : AccessLevel.values()) {
            for (String action : List.of("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion")) {
                assertThat(policy("sales_orders", level).allows(action, raw, Map.of("s3:if-none-match", "*"))).as("%s %s", level, action).isFalse();
            }
        }
        assertThat(policy("sales_orders", AccessLevel.READ).allows("s3:PutObject", drop)).isFalse();
    }

    @Test
    void adminManagesItsTablesAndOnlyItsOwnRegistryItems() {
        PolicyEvaluator admin = policy("sales_orders", AccessLevel.ADMIN);
        String table = "arn:aws:glue:eu-west-1:111111111111:table/acme_datalake_dev_internal/sales_orders";
        assertThat(admin.allows("glue:UpdateTable", table)).isTrue();
        assertThat(policy("sales_orders", AccessLevel.WRITE).allows("glue:UpdateTable", table)).isFalse();
        String datasets = "arn:aws:dynamodb:eu-west-1:111111111111:table/acme-datalake-dev-datasets";
        assertThat(admin.allows("dynamodb:GetItem", datasets, Map.of("dynamodb:LeadingKeys", List.of("sales_orders")))).isTrue();
        assertThat(admin.allows("dynamodb:Query", "arn:aws:dynamodb:eu-west-1:111111111111:table/acme-datalake-dev-grants",
                Map.of("dynamodb:LeadingKeys", List.of("sales_orders")))).isTrue();
        // Who may grant is in the dataset item: no dataset role rewrites it.
        assertThat(admin.allows("dynamodb:PutItem", datasets, Map.of("dynamodb:LeadingKeys", List.of("sales_orders")))).isFalse();
        assertThat(admin.allows("dynamodb:GetItem", datasets, Map.of("dynamodb:LeadingKeys", List.of("hr_employees")))).isFalse();
        assertThat(admin.allows("dynamodb:PutItem", "arn:aws:dynamodb:eu-west-1:111111111111:table/acme-datalake-dev-runs",
                Map.of("dynamodb:LeadingKeys", List.of("sales_orders")))).isFalse();
    }

    @Test
    void readersLookUpOnlyTheirOwnDatasetAndUpdatesAndChangeNothing() {
        PolicyEvaluator read = policy("sales_orders", AccessLevel.READ);
        String datasets = "arn:aws:dynamodb:eu-west-1:111111111111:table/acme-datalake-dev-datasets";
        String updates = "arn:aws:dynamodb:eu-west-1:111111111111:table/acme-datalake-dev-updates";
        Map<String, Object> own = Map.of("dynamodb:LeadingKeys", List.of("sales_orders"));
        assertThat(read.allows("dynamodb:GetItem", datasets, own)).isTrue();
        assertThat(read.allows("dynamodb:Query", updates, own)).isTrue();
        assertThat(read.allows("dynamodb:GetItem", datasets, Map.of("dynamodb:LeadingKeys", List.of("hr_employees"))))
                .isFalse();
        assertThat(read.allows("dynamodb:Scan", datasets, own)).isFalse();
        assertThat(read.allows("dynamodb:PutItem", updates, own)).isFalse();
        assertThat(read.allows("dynamodb:Query", "arn:aws:dynamodb:eu-west-1:111111111111:table/acme-datalake-dev-grants",
                own)).isFalse();
        assertThat(read.allows("kms:Decrypt", "import:acme-datalake-dev-platform-key-arn",
                Map.of("kms:ViaService", "dynamodb.eu-west-1.amazonaws.com"))).isTrue();
        assertThat(read.allows("kms:GenerateDataKey", "import:acme-datalake-dev-platform-key-arn",
                Map.of("kms:ViaService", "dynamodb.eu-west-1.amazonaws.com"))).isFalse();
    }

    @Test
    void dataTableIsParquetOverDataWithProjectionOnTheUpdate() {
        Template.fromStack(stacks.get("sales_orders")).hasResourceProperties("AWS::Glue::Table", Map.of(
                "DatabaseName", "acme_datalake_dev_internal",
                "TableInput", Match.objectLike(Map.of(
                        "Name", "sales_orders",
                        "TableType", "EXTERNAL_TABLE",
                        "PartitionKeys", List.of(
                                Match.objectLike(Map.of("Name", "update_id", "Type", "string")),
                                Map.of("Name", "order_date", "Type", "date")),
                        "Parameters", Match.objectLike(Map.of(
                                "classification", "parquet",
                                "projection.enabled", "true",
                                "projection.update_id.type", "injected",
                                "projection.order_date.type", "date",
                                "projection.order_date.range", "2000-01-01,NOW",
                                "storage.location.template",
                                "s3://acme-datalake-dev-internal-eu-west-1/sales_orders/data/${update_id}/order_date=${order_date}/")),
                        "StorageDescriptor", Match.objectLike(Map.of(
                                "Location", "s3://acme-datalake-dev-internal-eu-west-1/sales_orders/data/",
                                "SerdeInfo", Map.of("SerializationLibrary", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
                                "Columns", Match.arrayWith(List.of(Map.of("Name", "unit_price_eur", "Type", "decimal(12,2)")))))))));
    }

    @Test
    void rawTablesReadCsvAndJsonAsDelivered() {
        Template.fromStack(stacks.get("hr_employees")).hasResourceProperties("AWS::Glue::Table", Map.of(
                "TableInput", Match.objectLike(Map.of(
                        "Name", "hr_employees_raw",
                        "Parameters", Match.objectLike(Map.of("classification", "csv", "skip.header.line.count", "1",
                                "storage.location.template", "s3://acme-datalake-dev-sensitive-eu-west-1/hr_employees/raw/${update_id}/")),
                        "StorageDescriptor", Match.objectLike(Map.of(
                                "Location", "s3://acme-datalake-dev-sensitive-eu-west-1/hr_employees/raw/",
                                "SerdeInfo", Map.of("SerializationLibrary", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                                        "Parameters", Map.of("field.delim", ";", "serialization.format", ";"))))))));
        Template.fromStack(stacks.get("web_events")).hasResourceProperties("AWS::Glue::Table", Map.of(
                "TableInput", Match.objectLike(Map.of("Name", "web_events_raw",
                        "StorageDescriptor", Match.objectLike(Map.of(
                                "SerdeInfo", Map.of("SerializationLibrary", "org.openx.data.jsonserde.JsonSerDe")))))));
    }

    @Test
    void workgroupWritesTheDatasetsResultsWithTheTierKey() {
        Template.fromStack(stacks.get("web_events")).hasResourceProperties("AWS::Athena::WorkGroup", Map.of(
                "Name", "acme-datalake-dev-ds-web_events",
                "WorkGroupConfiguration", Match.objectLike(Map.of(
                        "EnforceWorkGroupConfiguration", true,
                        "ResultConfiguration", Map.of(
                                "OutputLocation", Match.anyValue(),
                                "EncryptionConfiguration", Map.of("EncryptionOption", "SSE_KMS",
                                        "KmsKey", Map.of("Fn::ImportValue", "acme-datalake-dev-restricted-key-arn")))))));
        assertThat(views.get("web_events").text(views.get("web_events").resources("AWS::Athena::WorkGroup").values().iterator().next()
                .path("Properties").path("WorkGroupConfiguration").path("ResultConfiguration").path("OutputLocation")))
                .isEqualTo("s3://acme-datalake-dev-athena-results-eu-west-1/restricted/web_events/");
    }

    @Test
    void everyDatasetStackIsCompliant() {
        for (DatasetStack stack : stacks.values()) {
            Annotations annotations = Annotations.fromStack(stack);
            assertThat(annotations.findError("*", Match.anyValue())).as(stack.getStackName()).isEmpty();
            assertThat(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).as(stack.getStackName()).isEmpty();
        }
    }

    @Test
    void failsForATierTheEnvironmentDoesNotEnable() throws Exception {
        LakeNames internalOnly = new LakeNames(Environment.builder().org("acme").name("dev").region("eu-west-1")
                .settings(EnvironmentSettings.builder().enabledTiers(EnumSet.of(Tier.INTERNAL)).build()).build());
        DatasetSpec hr = DatasetFiles.load(TEMPLATES.resolve("examples/hr_employees.yaml"));
        assertThatThrownBy(() -> DatasetStackProps.builder().names(internalOnly).dataset(hr).build())
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("tier sensitive of dataset 'hr_employees' is not enabled in environment dev");
    }
}
