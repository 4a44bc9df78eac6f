package io.datalake.constructs.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.constructs.TestLake;
import io.datalake.core.Tier;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.pipelines.model.PipelineFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;

class SparkPipelineJobTest {
    static ProcessingFixture fixture;
    static Template template;
    static TestLake lake;

    @BeforeAll
    static void synth() {
        fixture = ProcessingFixture.get();
        template = fixture.template;
        lake = fixture.lake;
    }

    @Test
    void aGluePipelineRunsTheRunnerClassOnGlue5WithThePipelinesArguments() {
        template.hasResourceProperties("AWS::Glue::Job", Map.of(
                "Name", "acme-datalake-dev-pl-daily_sales",
                "Command", Map.of("Name", "glueetl", "ScriptLocation", Match.anyValue()),
                "GlueVersion", "5.0",
                "WorkerType", "G.1X",
                "NumberOfWorkers", 2,
                "Timeout", 30,
                "MaxRetries", 0,
                "ExecutionProperty", Map.of("MaxConcurrentRuns", 1),
                "SecurityConfiguration", "acme-datalake-dev-pl-daily_sales",
                "Role", lake.arnOf(fixture.dailySales.role())));
        assertThat(argumentsOf("acme-datalake-dev-pl-daily_sales")).containsAllEntriesOf(Map.ofEntries(
                Map.entry("--job-language", "scala"),
                Map.entry("--class", SparkPipelineJob.RUNNER_CLASS),
                Map.entry("--command", "run-pipeline"),
                Map.entry("--pipeline", "daily_sales"),
                Map.entry("--org", "acme"), Map.entry("--env", "dev"), Map.entry("--region", "eu-west-1"),
                Map.entry("--registry", "dynamodb"), Map.entry("--events", "eventbridge"),
                Map.entry("--job-bookmark-option", "job-bookmark-disable"),
                Map.entry("--enable-continuous-cloudwatch-log", "true"),
                Map.entry("--continuous-log-logGroup", Map.of("Ref", lake.logicalId(fixture.dailySales.logGroup())))));
        Map<String, Object> job = properties("AWS::Glue::Job", "acme-datalake-dev-pl-daily_sales");
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = (Map<String, Object>) job.get("DefaultArguments");
        String jar = Cfn.text(((Map<?, ?>) job.get("Command")).get("ScriptLocation"));
        assertThat(jar).matches("s3://<" + lake.logicalId(fixture.artifactBucket.bucket()) + ">/runner/<Fn::Select>");
        assertThat(Cfn.text(arguments.get("--extra-jars"))).isEqualTo(jar);
        assertThat(Cfn.text(arguments.get("--pipeline-dir")))
                .isEqualTo("s3://<" + lake.logicalId(fixture.artifactBucket.bucket()) + ">/pipelines/daily_sales/");
    }

    @Test
    void theSecurityConfigurationEncryptsOutputLogsAndBookmarksWithTheOutputsTierKey() {
        for (Map.Entry<String, Tier> job : Map.of("acme-datalake-dev-pl-daily_sales", Tier.INTERNAL,
                "acme-datalake-dev-pl-sales_report", Tier.SENSITIVE).entrySet()) {
            Map<String, Object> key = lake.arnOf(lake.storage.tier(job.getValue()).key());
            template.hasResourceProperties("AWS::Glue::SecurityConfiguration", Map.of(
                    "Name", job.getKey(),
                    "EncryptionConfiguration", Map.of(
                            "S3Encryptions", List.of(Map.of("S3EncryptionMode", "SSE-KMS", "KmsKeyArn", key)),
                            "CloudWatchEncryption", Map.of("CloudWatchEncryptionMode", "SSE-KMS", "KmsKeyArn", key),
                            "JobBookmarksEncryption", Map.of("JobBookmarksEncryptionMode", "CSE-KMS", "KmsKeyArn", key))));
        }
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                "LogGroupName", "/datalake/acme-datalake-dev/pipelines/daily_sales",
                "KmsKeyId", lake.arnOf(lake.storage.tier(Tier.INTERNAL).key()),
                "RetentionInDays", 90));
    }

    @Test
    void theRoleReadsItsInputsAndWritesItsOutputAndNothingElse() {
        String internal = "<" + lake.logicalId(lake.storage.tier(Tier.INTERNAL).bucket()) + ".Arn>";
        String artifacts = "<" + lake.logicalId(fixture.artifactBucket.bucket()) + ".Arn>";
        assertThat(s3Resources(fixture.dailySales, "s3:GetObject")).containsExactlyInAnyOrder(
                internal + "/sales_orders/data/*", internal + "/sales_orders/updates/*",
                internal + "/daily_sales/data/*", internal + "/daily_sales/updates/*",
                artifacts + "/runner/*", artifacts + "/pipelines/daily_sales/*", artifacts + "/glue-temp/daily_sales/*");
        assertThat(s3Resources(fixture.dailySales, "s3:PutObject")).containsExactlyInAnyOrder(
                internal + "/daily_sales/data/*", internal + "/daily_sales/updates/*", artifacts + "/glue-temp/daily_sales/*");
        assertThat(s3Resources(fixture.dailySales, "s3:DeleteObject")).containsExactlyInAnyOrder(
                internal + "/daily_sales/data/*", artifacts + "/glue-temp/daily_sales/*");
        // The report reads two tiers and writes a third; nothing of the tiers' other datasets.
        String restricted = "<" + lake.logicalId(lake.storage.tier(Tier.RESTRICTED).bucket()) + ".Arn>";
        String sensitive = "<" + lake.logicalId(lake.storage.tier(Tier.SENSITIVE).bucket()) + ".Arn>";
        assertThat(s3Resources(fixture.report, "s3:PutObject")).containsExactlyInAnyOrder(
                sensitive + "/sales_report/data/*", sensitive + "/sales_report/updates/*", artifacts + "/glue-temp/sales_report/*");
        assertThat(s3Resources(fixture.report, "s3:GetObject")).contains(internal + "/daily_sales/data/*",
                restricted + "/web_sessions/updates/*").doesNotContain(internal + "/sales_orders/data/*");
        assertThat(fixture.statements(fixture.dailySales.role())).noneSatisfy(statement ->
                assertThat(statement.get("Resource")).isEqualTo("*"));
    }

    @Test
    void registryWritesAreConfinedToItsOwnItems() {
        assertThat(fixture.statements(fixture.dailySales.role())).anySatisfy(statement -> {
            assertThat(statement.get("Action")).isEqualTo("dynamodb:PutItem");
            assertThat(Cfn.text(statement.get("Resource"))).endsWith(":table/acme-datalake-dev-runs");
            assertThat(statement.get("Condition")).isEqualTo(Map.of("ForAllValues:StringEquals",
                    Map.of("dynamodb:LeadingKeys", List.of("daily_sales"))));
        }).anySatisfy(statement -> {
            assertThat(statement.get("Action")).isEqualTo(List.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem",
                    "dynamodb:Query"));
            assertThat(Cfn.text(statement.get("Resource"))).endsWith(":table/acme-datalake-dev-updates");
            assertThat(statement.get("Condition")).isEqualTo(Map.of("ForAllValues:StringEquals",
                    Map.of("dynamodb:LeadingKeys", List.of("daily_sales"))));
        }).anySatisfy(statement -> {
            // Its output is recorded as a downstream on its input's item, and on no other; nothing else of the item.
            assertThat(statement.get("Action")).isEqualTo("dynamodb:UpdateItem");
            assertThat(Cfn.text(statement.get("Resource"))).endsWith(":table/acme-datalake-dev-datasets");
            assertThat(statement.get("Condition")).isEqualTo(Map.of("ForAllValues:StringEquals",
                    Map.of("dynamodb:LeadingKeys", List.of("sales_orders"), "dynamodb:Attributes", List.of("dataset", "downstreams")),
                    "StringEqualsIfExists", Map.of("dynamodb:ReturnValues", "NONE")));
        }).anySatisfy(statement -> {
            assertThat(statement.get("Action")).isEqualTo("events:PutEvents");
            assertThat(Cfn.text(statement.get("Resource"))).endsWith(":event-bus/default");
        });
    }

    @Test
    void uploadsThePipelineFolderAndItsDatasetsBesideTheRunnerJar() {
        template.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "DestinationBucketKeyPrefix", "pipelines/daily_sales/",
                "Prune", true,
                "SourceObjectKeys", Match.anyValue()));
        template.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "DestinationBucketKeyPrefix", "runner/",
                "Extract", false,
                "Prune", false));
        template.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "DestinationBucketKeyPrefix", "pipelines/daily_sales/",
                "SourceMarkers", Match.anyValue()));
    }

    @Test
    void anEmrServerlessPipelineGetsAnApplicationCappedAsConfiguredThatLogsEncrypted() {
        template.hasResourceProperties("AWS::EMRServerless::Application", Map.of(
                "Name", "acme-datalake-dev-pl-web_sessions",
                "ReleaseLabel", SparkPipelineJobProps.DEFAULT_EMR_RELEASE,
                "Type", "Spark",
                "MaximumCapacity", Map.of("Cpu", "8 vCPU", "Memory", "32 GB"),
                "AutoStartConfiguration", Map.of("Enabled", true),
                "AutoStopConfiguration", Map.of("Enabled", true, "IdleTimeoutMinutes", SparkPipelineJob.EMR_IDLE_MINUTES),
                "MonitoringConfiguration", Map.of("CloudWatchLoggingConfiguration", Map.of(
                        "Enabled", true,
                        "LogGroupName", Map.of("Ref", lake.logicalId(fixture.sessions.logGroup())),
                        "EncryptionKeyArn", lake.arnOf(lake.storage.tier(Tier.RESTRICTED).key())))));
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "RoleName", "acme-datalake-dev-pl-web_sessions",
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of("Action", "sts:AssumeRole", "Effect", "Allow",
                        "Principal", Map.of("Service", "emr-serverless.amazonaws.com"))))));
        assertThat(fixture.sessions.glueJob()).isNull();
        assertThat(fixture.dailySales.emrApplication()).isNull();
    }

    @Test
    void theTokenKeyIsPassedByNameAndReadableByTheJobOnly() {
        assertThat(argumentsOf("acme-datalake-dev-pl-sales_report").get("--token-key-secret"))
                .isEqualTo(Map.of("Ref", lake.logicalId(lake.stack.getNode().findChild("TokenKey"))));
        assertThat(fixture.statements(fixture.report.role())).anySatisfy(s ->
                assertThat(s.get("Action").toString()).contains("secretsmanager:GetSecretValue"));
        assertThat(fixture.statements(fixture.dailySales.role())).noneSatisfy(s ->
                assertThat(s.get("Action").toString()).contains("secretsmanager"));
    }

    @Test
    void datasetFilesAreUploadedInNameOrderSoEverySynthWritesTheSameTemplate() {
        // Added out of order: the props must not keep a JVM-dependent order (Map.copyOf would).
        Path examples = ProcessingFixture.EXAMPLES;
        var config = PipelineFiles.load(ProcessingFixture.REPO.resolve("pipelines/daily_sales"));
        SparkPipelineJobProps.Builder builder = SparkPipelineJobProps.builder().names(lake.names).pipeline(config)
                .folder(ProcessingFixture.REPO.resolve("pipelines/daily_sales")).artifacts(fixture.artifacts)
                .registryKey(fixture.platformKey)
                .dataset(DatasetFiles.load(examples.resolve("sales_orders.yaml")), examples.resolve("sales_orders.yaml"))
                .dataset(DatasetFiles.load(examples.resolve("daily_sales.yaml")), examples.resolve("daily_sales.yaml"));
        for (Tier tier : Tier.values()) {
            builder.tierBucket(tier, lake.storage.tier(tier).bucket());
        }
        SparkPipelineJobProps props = builder.build();
        assertThat(props.datasetFiles().keySet()).containsExactly("daily_sales", "sales_orders");
        assertThat(props.datasets().keySet()).containsExactly("daily_sales", "sales_orders");
    }

    @Test
    void propsNameWhatIsMissing() throws Exception {
        Path dir = Files.createTempDirectory("props");
        var config = PipelineFiles.load(ProcessingFixture.REPO.resolve("pipelines/daily_sales"));
        assertThatThrownBy(() -> SparkPipelineJobProps.builder().names(lake.names).pipeline(config)
                .folder(ProcessingFixture.REPO.resolve("pipelines/daily_sales")).artifacts(fixture.artifacts)
                .registryKey(fixture.platformKey).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("datasets must hold every input and the output of pipeline daily_sales, but sales_orders,"
                        + " daily_sales are missing");
        assertThatThrownBy(() -> PipelineArtifactsProps.builder().names(lake.names).artifactBucket(fixture.artifactBucket.bucket())
                .runnerJar(dir.resolve("lake-runner.jar")).build())
                .hasMessage("runnerJar must be the built runner jar, but " + dir.resolve("lake-runner.jar") + " is not a jar"
                        + " file; build it with ./mvnw -q -DskipTests package -pl pipelines/runner -am");
        TestLake other = new TestLake();
        assertThatThrownBy(() -> PipelineArtifactsProps.builder().names(lake.names)
                .artifactBucket(Bucket.fromBucketName(other.stack, "Plain", "plain")).runnerJar(ProcessingFixture.jar(dir)).build())
                .hasMessageStartingWith("artifactBucket must carry its encryption key");
        Key key = Key.Builder.create(other.stack, "K").enableKeyRotation(true).build();
        assertThat(key).isNotNull();
    }

    private Set<String> s3Resources(SparkPipelineJob job, String action) {
        Set<String> resources = new TreeSet<>();
        for (Map<String, Object> statement : fixture.statements(job.role())) {
            Object actions = statement.get("Action");
            boolean matches = actions instanceof List<?> list ? list.contains(action) : action.equals(actions);
            if (matches) {
                Object resource = statement.get("Resource");
                for (Object r : resource instanceof List<?> list ? list : List.of(resource)) {
                    resources.add(Cfn.text(r));
                }
            }
        }
        return resources;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(String type, String name) {
        List<Map<String, Object>> matches = new ArrayList<>();
        ((Map<String, Map<String, Object>>) (Map<?, ?>) ProcessingFixture.get().template.findResources(type)).values()
                .forEach(r -> {
                    Map<String, Object> properties = (Map<String, Object>) r.get("Properties");
                    if (name.equals(properties.get("Name"))) {
                        matches.add(properties);
                    }
                });
        assertThat(matches).hasSize(1);
        return matches.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> argumentsOf(String job) {
        return (Map<String, Object>) properties("AWS::Glue::Job", job).get("DefaultArguments");
    }
}
