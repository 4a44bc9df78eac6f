package io.datalake.app.dataset;

import static io.datalake.app.dataset.SynthesizedLake.ACCOUNT;
import static io.datalake.app.dataset.SynthesizedLake.arnOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.dataset.PolicyEvaluator.Caller;
import io.datalake.core.AccessLevel;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.iam.IRole;

/**
 * Issue 11 "Isolation": one policy-evaluation test per finding of the infrastructure side, run on
 * the synthesized dev environment (the example datasets, the example pipeline, and generated
 * datasets: one whose file names nobody, one with a name long enough to be hashed).
 */
class IsolationTest {
    static final String LONG = "a_dataset_name_long_enough_to_push_its_role_names_past_64";
    static final String NOBODY = "nobody_named";
    static final String INTERNAL = "arn:aws:s3:::acme-datalake-dev-internal-eu-west-1";
    static final String DROP_INTERNAL = "arn:aws:s3:::acme-datalake-drop-dev-internal-eu-west-1";
    static final String ANYONE = "arn:aws:iam::" + ACCOUNT + ":role/anyone-of-the-account";
    static final String DATASETS_TABLE = "arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/acme-datalake-dev-datasets";
    static final Map<String, Object> VIA_S3 = Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com");
    static SynthesizedLake lake;

    @BeforeAll
    static void synth() {
        lake = new SynthesizedLake(List.of(
                SynthesizedLake.dataset(NOBODY, "internal", ""),
                SynthesizedLake.dataset(LONG, "sensitive", "  admin:\n    - owners\n")));
    }

    static IRole ingestRole() {
        return lake.environment.ingest().function().role();
    }

    static IRole apiRole() {
        return lake.environment.api().function().role();
    }

    @Test
    void finding1QueueTakesMessagesOnlyFromTheDropRuleAndTheApi() {
        PolicyEvaluator queue = lake.queuePolicy(lake.environment.dropZone().queue());
        String queueArn = arnOf(lake.environment.dropZone().queue());
        String rule = "arn:aws:events:eu-west-1:" + ACCOUNT + ":rule/" + lake.names.dropEventRule();
        Caller events = Caller.service("events.amazonaws.com");
        assertThat(queue.allows(events, "sqs:SendMessage", queueArn, Map.of("aws:SourceArn", rule, "aws:SourceAccount", ACCOUNT)))
                .as("the drop rule").isTrue();
        assertThat(queue.allows(events, "sqs:SendMessage", queueArn, Map.of(
                "aws:SourceArn", "arn:aws:events:eu-west-1:222222222222:rule/forger", "aws:SourceAccount", "222222222222")))
                .as("another account's rule").isFalse();
        assertThat(queue.allows(events, "sqs:SendMessage", queueArn, Map.of(
                "aws:SourceArn", "arn:aws:events:eu-west-1:" + ACCOUNT + ":rule/another-rule", "aws:SourceAccount", ACCOUNT)))
                .as("another rule of the account").isFalse();
        assertThat(queue.denies(Caller.aws(ANYONE), "sqs:SendMessage", queueArn, Map.of("aws:PrincipalArn", ANYONE)))
                .as("a principal of the account with sqs:SendMessage in its own policy").isTrue();
        String api = arnOf(apiRole());
        assertThat(queue.denies(Caller.aws(api), "sqs:SendMessage", queueArn, Map.of("aws:PrincipalArn", api))).isFalse();

        PolicyEvaluator key = lake.keyPolicy(lake.environment.platformKey());
        assertThat(key.allows(events, "kms:GenerateDataKey", "*", Map.of("aws:SourceArn", rule, "aws:SourceAccount", ACCOUNT))).isTrue();
        assertThat(key.allows(events, "kms:GenerateDataKey", "*", Map.of(
                "aws:SourceArn", "arn:aws:events:eu-west-1:222222222222:rule/forger", "aws:SourceAccount", "222222222222"))).isFalse();

        // A forged request copying HR salaries into an internal dataset: the copy is refused by IAM.
        PolicyEvaluator ingest = lake.identity(ingestRole());
        String target = arnOf(lake.environment.storage().tier(Tier.INTERNAL).bucket()) + "/daily_sales/raw/u1/salaries.csv";
        assertThat(ingest.allows("s3:PutObject", target, Map.of("s3:x-amz-copy-source",
                "acme-datalake-dev-sensitive-eu-west-1/hr_employees/raw/u0/salaries.csv"))).isFalse();
        assertThat(ingest.allows("s3:PutObject", target, Map.of("s3:x-amz-copy-source",
                "acme-datalake-drop-dev-internal-eu-west-1/daily_sales/salaries.csv"))).isTrue();
        assertThat(ingest.allows("s3:PutObject", target)).as("a streamed upload").isTrue();
        assertThat(ingest.allows("s3:GetObject", arnOf(lake.environment.storage().tier(Tier.SENSITIVE).bucket())
                + "/hr_employees/data/u0/part-0.parquet")).isFalse();
    }

    @Test
    void finding3ApiRewritesTheTrustOfReadAndWriteRolesOnlyEvenForHashedNames() {
        PolicyEvaluator api = lake.identity(apiRole());
        for (String dataset : List.of("sales_orders", LONG)) {
            assertThat(api.allows("iam:UpdateAssumeRolePolicy", lake.datasetRoleArn(dataset, AccessLevel.READ))).isTrue();
            assertThat(api.allows("iam:UpdateAssumeRolePolicy", lake.datasetRoleArn(dataset, AccessLevel.WRITE))).isTrue();
            assertThat(api.allows("iam:UpdateAssumeRolePolicy", lake.datasetRoleArn(dataset, AccessLevel.ADMIN)))
                    .as("admin of %s", dataset).isFalse();
            assertThat(api.allows("iam:GetRole", lake.datasetRoleArn(dataset, AccessLevel.ADMIN))).isTrue();
        }
        assertThat(api.allows("iam:UpdateAssumeRolePolicy", "arn:aws:iam::" + ACCOUNT + ":role/"
                + lake.names.pipelineRole("daily_sales"))).isFalse();
        for (AccessLevel level : AccessLevel.values()) {
            String role = lake.names.datasetRole(LONG, level);
            assertThat(role).hasSizeLessThanOrEqualTo(64).endsWith("-" + level.id());
        }
    }

    @Test
    void finding4PipelinesRecordOnlyDownstreamsAndDatasetRolesRewriteNoRegistryItem() {
        PolicyEvaluator pipeline = lake.identity(lake.pipelines.pipelines().get("daily_sales").role());
        Map<String, Object> downstream = Map.of("dynamodb:LeadingKeys", List.of("sales_orders"),
                "dynamodb:Attributes", List.of("dataset", "downstreams"));
        assertThat(pipeline.allows("dynamodb:UpdateItem", DATASETS_TABLE, downstream)).isTrue();
        assertThat(pipeline.allows("dynamodb:UpdateItem", DATASETS_TABLE, Map.of("dynamodb:LeadingKeys", List.of("sales_orders"),
                "dynamodb:Attributes", List.of("dataset", "downstreams", "access")))).as("the access attribute").isFalse();
        assertThat(pipeline.allows("dynamodb:UpdateItem", DATASETS_TABLE, Map.of("dynamodb:LeadingKeys", List.of("sales_orders"),
                "dynamodb:Attributes", List.of("dataset", "downstreams"), "dynamodb:ReturnValues", "ALL_OLD"))).isFalse();
        assertThat(pipeline.allows("dynamodb:PutItem", DATASETS_TABLE, downstream)).isFalse();
        for (String table : List.of("datasets", "updates", "grants")) {
            String arn = "arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/acme-datalake-dev-" + table;
            for (AccessLevel level : AccessLevel.values()) {
                for (String action : List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem")) {
                    assertThat(lake.datasetRole("sales_orders", level).allows(action, arn,
                            Map.of("dynamodb:LeadingKeys", List.of("sales_orders"), "dynamodb:Attributes", List.of("dataset", "access"))))
                            .as("%s %s on %s", level, action, table).isFalse();
                }
            }
        }
    }

    @Test
    void finding5NoDatasetRoleAddsObjectsToTheDataBucketProducersUseTheDropFolder() {
        String data = INTERNAL + "/sales_orders/";
        for (AccessLevel level : AccessLevel.values()) {
            PolicyEvaluator role = lake.datasetRole("sales_orders", level);
            for (String key : List.of("raw/u-complete/extra.csv", "data/u-complete/extra.parquet", "updates/u-new.json")) {
                assertThat(role.allows("s3:PutObject", data + key, Map.of("s3:if-none-match", "*"))).as("%s %s", level, key).isFalse();
            }
        }
        for (AccessLevel level : List.of(AccessLevel.WRITE, AccessLevel.ADMIN)) {
            PolicyEvaluator role = lake.datasetRole("sales_orders", level);
            String drop = DROP_INTERNAL + "/sales_orders/2026/orders.csv";
            // Multipart: CreateMultipartUpload, UploadPart and CompleteMultipartUpload are all s3:PutObject, without If-None-Match.
            assertThat(role.allows("s3:PutObject", drop)).isTrue();
            assertThat(role.allows("s3:AbortMultipartUpload", drop)).isTrue();
            assertThat(role.allows("s3:ListMultipartUploadParts", drop)).isTrue();
            assertThat(role.allows("kms:GenerateDataKey", "import:acme-datalake-dev-internal-key-arn", VIA_S3)).isTrue();
            assertThat(role.allows("s3:PutObject", DROP_INTERNAL + "/sales_orders_x/orders.csv")).isFalse();
            assertThat(role.allows("s3:PutObject", DROP_INTERNAL + "/quarantine/sales_orders/orders.csv")).isFalse();
        }
        assertThat(lake.datasetRole("sales_orders", AccessLevel.READ).allows("s3:PutObject", DROP_INTERNAL + "/sales_orders/o.csv")).isFalse();
        PolicyEvaluator pipeline = lake.identity(lake.pipelines.pipelines().get("daily_sales").role());
        assertThat(pipeline.allows("s3:PutObject", INTERNAL + "/daily_sales/data/u2/part-0.parquet")).isTrue();
        assertThat(pipeline.allows("s3:PutObject", INTERNAL + "/daily_sales/raw/u2/x.csv")).isFalse();
        assertThat(pipeline.allows("s3:PutObject", INTERNAL + "/sales_orders/data/u2/part-0.parquet")).isFalse();
        assertThat(pipeline.allows("s3:PutObject", INTERNAL + "/daily_sales_x/data/u2/part-0.parquet")).isFalse();
    }

    @Test
    void finding7ARoleNobodyIsNamedForTrustsNobody() {
        for (AccessLevel level : AccessLevel.values()) {
            if (level != AccessLevel.READ) {
                assertThat(lake.trust(lake.datasets.get(NOBODY).roles().role(level)).allows(Caller.aws(ANYONE), "sts:AssumeRole"))
                        .as("%s of a dataset naming nobody", level).isFalse();
            }
        }
        assertThat(lake.trust(lake.datasets.get("daily_sales").roles().role(AccessLevel.WRITE)).allows(Caller.aws(ANYONE), "sts:AssumeRole"))
                .as("daily_sales names no writer").isFalse();
        assertThat(lake.trust(lake.datasets.get(LONG).roles().role(AccessLevel.READ)).allows(Caller.aws(ANYONE), "sts:AssumeRole")).isFalse();
        String reader = "arn:aws:iam::" + ACCOUNT + ":role/" + lake.names.defaultReaderRole();
        assertThat(lake.trust(lake.datasets.get(NOBODY).roles().role(AccessLevel.READ)).allows(Caller.aws(reader), "sts:AssumeRole"))
                .as("internal data stays readable by the default reader").isTrue();
        assertThat(lake.trust(lake.datasets.get("sales_orders").roles().role(AccessLevel.WRITE))
                .allows(Caller.aws("arn:aws:iam::123456789012:role/order-system-export"), "sts:AssumeRole")).isTrue();
    }

    @Test
    void finding9KeysSeparateAdministrationFromUseAndScopeLogsAndJobRoles() {
        String admin = "arn:aws:iam::" + ACCOUNT + ":role/" + lake.names.environment().settings().keyAdmins().get(0)
                .replace("${AWS::AccountId}", ACCOUNT).replace("${AWS::Region}", "eu-west-1");
        for (Tier tier : Tier.values()) {
            PolicyEvaluator key = lake.keyPolicy(lake.environment.storage().tier(tier).key());
            assertThat(key.allows(Caller.aws(ANYONE), "kms:ScheduleKeyDeletion")).as("%s: any principal through IAM", tier).isFalse();
            assertThat(key.allows(Caller.aws(ANYONE), "kms:PutKeyPolicy")).isFalse();
            assertThat(key.allows(Caller.aws(admin), "kms:ScheduleKeyDeletion")).isTrue();
            assertThat(key.allows(Caller.aws(admin), "kms:PutKeyPolicy")).isTrue();
            Caller logs = Caller.service("logs.eu-west-1.amazonaws.com");
            String groups = "arn:aws:logs:eu-west-1:" + ACCOUNT + ":log-group:";
            assertThat(key.allows(logs, "kms:GenerateDataKey", "*", Map.of("kms:EncryptionContext:aws:logs:arn", groups + "/aws-glue/crawlers")))
                    .as("another Glue log group").isFalse();
            assertThat(key.allows(logs, "kms:GenerateDataKey", "*", Map.of("kms:EncryptionContext:aws:logs:arn",
                    groups + "/aws-glue/jobs/acme-datalake-dev-pl-daily_sales-role/acme-datalake-dev-pl-daily_sales/output"))).isTrue();
        }
        for (Map<String, Object> statement : lake.view(lake.environment).keyPolicyOf(SynthesizedLake.logicalId(
                lake.environment.storage().tier(Tier.SENSITIVE).key()))) {
            if (statement.toString().contains(admin)) {
                assertThat(statement.get("Action").toString()).doesNotContain("kms:Decrypt").doesNotContain("kms:GenerateDataKey")
                        .doesNotContain("kms:Encrypt").doesNotContain("kms:*");
            }
        }
        for (IRole role : List.of(lake.pipelines.pipelines().get("daily_sales").role(), lake.pipelines.conversion().role())) {
            PolicyEvaluator job = lake.identity(role);
            assertThat(job.allows("kms:Decrypt", "import:acme-datalake-dev-internal-key-arn")).as("used directly").isFalse();
            assertThat(job.allows("kms:GenerateDataKey", "import:acme-datalake-dev-internal-key-arn", VIA_S3)).isTrue();
        }
    }

    @Test
    void finding10EveryServicePrincipalIsConfinedToTheAccount() {
        List<Map<String, Object>> statements = new java.util.ArrayList<>();
        statements.addAll(lake.allStatements("AWS::IAM::Role", "AssumeRolePolicyDocument"));
        statements.addAll(lake.allStatements("AWS::KMS::Key", "KeyPolicy"));
        statements.addAll(lake.allStatements("AWS::SQS::QueuePolicy", "PolicyDocument"));
        statements.addAll(lake.allStatements("AWS::SNS::TopicPolicy", "PolicyDocument"));
        statements.addAll(lake.allStatements("AWS::S3::BucketPolicy", "PolicyDocument"));
        int services = 0;
        for (Map<String, Object> statement : statements) {
            if ("Allow".equals(statement.get("Effect")) && statement.get("Principal") instanceof Map<?, ?> principal
                    && principal.containsKey("Service")) {
                services++;
                String condition = String.valueOf(statement.get("Condition"));
                assertThat(condition).as("%s", statement).containsAnyOf("aws:SourceAccount", "aws:SourceArn",
                        "kms:EncryptionContext:aws:logs:arn");
            }
        }
        assertThat(services).isGreaterThan(10);
    }

    @Test
    void finding11IngestHasWhatItsReadmeSaysAndNoMore() {
        PolicyEvaluator ingest = lake.identity(ingestRole());
        for (RegistryTable table : List.of(RegistryTable.UPDATES, RegistryTable.DELIVERIES, RegistryTable.DATASETS)) {
            String arn = arnOf(lake.environment.registry().table(table));
            for (String action : List.of("dynamodb:Scan", "dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:BatchGetItem")) {
                assertThat(ingest.allows(action, arn)).as("%s on %s", action, table).isFalse();
            }
            assertThat(ingest.allows("dynamodb:GetItem", arn)).isTrue();
        }
        String manifest = arnOf(lake.environment.storage().tier(Tier.INTERNAL).bucket()) + "/sales_orders/updates/u1.json";
        assertThat(ingest.allows("s3:PutObject", manifest)).as("a manifest put that could overwrite").isFalse();
        assertThat(ingest.allows("s3:PutObject", manifest, Map.of("s3:if-none-match", "*"))).isTrue();
        assertThat(ingest.allows("s3:PutObject", arnOf(lake.environment.storage().tier(Tier.INTERNAL).bucket())
                + "/sales_orders/data/u1/x.parquet")).isFalse();
    }
}
