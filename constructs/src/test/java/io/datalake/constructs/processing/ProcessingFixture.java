package io.datalake.constructs.processing;

import io.datalake.constructs.TestLake;
import io.datalake.constructs.checks.LakeChecks;
import io.datalake.constructs.storage.LakeBucket;
import io.datalake.constructs.storage.LakeBucketProps;
import io.datalake.core.Tier;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.ColumnType;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.DeliveredFormat;
import io.datalake.core.dataset.FileType;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineFiles;
import io.datalake.pipelines.model.job.JobFiles;
import io.datalake.pipelines.model.job.JobPipeline;
import io.datalake.pipelines.model.job.JobStep;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.Secret;

/**
 * One stack with everything of processing, synthesized once for all its test classes (jsii starts
 * Node once per JVM, and synthesis is the slow part): the repository's daily_sales pipeline on Glue,
 * an EMR Serverless pipeline, a Glue pipeline that masks with tokenize, a job chaining the three with
 * every failure policy, a pipeline started by its live input, and the conversion, with cdk-nag applied.
 */
final class ProcessingFixture {
    static final Path REPO = Path.of("..");
    static final Path EXAMPLES = REPO.resolve("dataset-templates/examples");

    final TestLake lake = new TestLake();
    final Key platformKey;
    final LakeBucket artifactBucket;
    final PipelineArtifacts artifacts;
    final SparkPipelineJob dailySales;
    final SparkPipelineJob sessions;
    final SparkPipelineJob report;
    final io.datalake.constructs.processing.JobPipeline nightly;
    final io.datalake.constructs.processing.JobPipeline live;
    final ConversionJob conversion;
    final Template template;

    private static ProcessingFixture instance;

    static synchronized ProcessingFixture get() {
        if (instance == null) {
            instance = new ProcessingFixture();
        }
        return instance;
    }

    private ProcessingFixture() {
        try {
            Path dir = Files.createTempDirectory("processing");
            platformKey = Key.Builder.create(lake.stack, "PlatformKey").enableKeyRotation(true).build();
            artifactBucket = new LakeBucket(lake.stack, "Artifacts", LakeBucketProps.builder()
                    .bucketName(lake.names.artifactBucket()).encryptionKey(platformKey)
                    .accessLogBucket(lake.accessLogs.bucket()).build());
            artifacts = new PipelineArtifacts(lake.stack, "PipelineArtifacts", PipelineArtifactsProps.builder()
                    .names(lake.names).artifactBucket(artifactBucket.bucket()).runnerJar(jar(dir)).build());

            DatasetSpec salesOrders = DatasetFiles.load(EXAMPLES.resolve("sales_orders.yaml"));
            DatasetSpec dailySalesData = DatasetFiles.load(EXAMPLES.resolve("daily_sales.yaml"));
            DatasetSpec webEvents = DatasetFiles.load(EXAMPLES.resolve("web_events.yaml"));
            DatasetSpec sessionsData = dataset("web_sessions", Tier.RESTRICTED, Column.of("session_id", ColumnType.STRING),
                    Column.of("pages", ColumnType.BIGINT));
            DatasetSpec reportData = dataset("sales_report", Tier.SENSITIVE, Column.of("day", ColumnType.DATE),
                    Column.of("sessions", ColumnType.BIGINT));

            dailySales = job("DailySales", PipelineFiles.load(REPO.resolve("pipelines/daily_sales")),
                    REPO.resolve("pipelines/daily_sales"), List.of(salesOrders, dailySalesData),
                    List.of(EXAMPLES.resolve("sales_orders.yaml"), EXAMPLES.resolve("daily_sales.yaml")), null);
            Path sessionsFolder = pipeline(dir, "web_sessions", """
                    inputs:
                      events: lake://web_events:latest
                    output:
                      dataset: web_sessions
                    steps:
                      - aggregate: {groupBy: [session_id], metrics: {pages: count(*)}}
                    engine:
                      type: emr-serverless
                      maxVcpu: 8
                      maxMemoryGb: 32
                    timeoutMinutes: 45
                    """);
            sessions = job("Sessions", PipelineFiles.load(sessionsFolder), sessionsFolder, List.of(webEvents, sessionsData),
                    List.of(), null);
            Path reportFolder = pipeline(dir, "sales_report", """
                    inputs:
                      sales: lake://daily_sales:latest
                      sessions: lake://web_sessions:latest
                    output:
                      dataset: sales_report
                    steps:
                      - sql: report.sql
                      - mask: {columns: [day], strategy: tokenize}
                    """);
            Files.writeString(reportFolder.resolve("report.sql"), "SELECT order_date AS day, 1 AS sessions FROM sales");
            Secret tokenKey = Secret.Builder.create(lake.stack, "TokenKey").encryptionKey(platformKey).build();
            io.datalake.constructs.checks.Suppressions.add(tokenKey, "AwsSolutions-SMG4", "A test secret.", List.of());
            io.datalake.constructs.checks.Suppressions.addHipaaNist(tokenKey, "SecretsManagerRotationEnabled", "A test secret.");
            report = job("Report", PipelineFiles.load(reportFolder), reportFolder,
                    List.of(dailySalesData, sessionsData, reportData), List.of(), tokenKey);

            nightly = new io.datalake.constructs.processing.JobPipeline(lake.stack, "Nightly", JobPipelineProps.builder()
                    .names(lake.names).logKey(platformKey)
                    .job(JobFiles.parse("nightly", "job.yaml", """
                            schedule: cron(0 2 * * ? *)
                            pipelines:
                              - pipeline: daily_sales
                                onFailure: retry
                                maxRetries: 3
                              - pipeline: web_sessions
                                onFailure: continue
                              - pipeline: sales_report
                                dependsOn: [daily_sales, web_sessions]
                                onFailure: halt
                            """))
                    .pipeline(dailySales).pipeline(sessions).pipeline(report)
                    .build());
            live = new io.datalake.constructs.processing.JobPipeline(lake.stack, "DailySalesLive", JobPipelineProps.builder()
                    .names(lake.names).logKey(platformKey)
                    .job(JobPipeline.builder().name("daily_sales").step(new JobStep("daily_sales", List.of(),
                            io.datalake.pipelines.model.job.FailurePolicy.RETRY, 1)).build())
                    .pipeline(dailySales)
                    .liveDatasets(List.of("sales_orders"))
                    .build());
            ConversionJobProps.Builder conversionProps = ConversionJobProps.builder().names(lake.names)
                    .artifacts(artifacts).registryKey(platformKey);
            for (Tier tier : Tier.values()) {
                conversionProps.tierBucket(tier, lake.storage.tier(tier).bucket());
            }
            conversion = new ConversionJob(lake.stack, "Conversion", conversionProps.build());
            LakeChecks.apply(lake.stack);
            LakeChecks.applyCompliancePacks(lake.stack);
            template = Template.fromStack(lake.stack);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SparkPipelineJob job(String id, PipelineConfig config, Path folder, List<DatasetSpec> datasets,
            List<Path> files, Secret tokenKey) {
        SparkPipelineJobProps.Builder props = SparkPipelineJobProps.builder().names(lake.names).pipeline(config)
                .folder(folder).artifacts(artifacts).registryKey(platformKey).tokenKeySecret(tokenKey);
        List<Path> remaining = new ArrayList<>(files);
        for (DatasetSpec dataset : datasets) {
            Path file = remaining.stream().filter(f -> f.getFileName().toString().equals(dataset.name() + ".yaml"))
                    .findFirst().orElse(null);
            props.dataset(dataset, file);
        }
        for (Tier tier : Tier.values()) {
            props.tierBucket(tier, lake.storage.tier(tier).bucket());
        }
        return new SparkPipelineJob(lake.stack, id, props.build());
    }

    static DatasetSpec dataset(String name, Tier tier, Column... columns) {
        return DatasetSpec.builder().name(name).tier(tier).owner("team-test").description("test data")
                .format(DeliveredFormat.of(FileType.PARQUET)).schema(List.of(columns)).build();
    }

    static Path pipeline(Path dir, String name, String config) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve(PipelineFiles.CONFIG), config);
        return folder;
    }

    static Path jar(Path dir) throws IOException {
        Path jar = dir.resolve("lake-runner.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("Runner.class"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        return jar;
    }

    /** Every statement of the policies attached to a role, as maps. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> statements(software.amazon.awscdk.services.iam.IRole role) {
        String id = lake.logicalId(role);
        List<Map<String, Object>> statements = new ArrayList<>();
        Map<String, Map<String, Object>> policies = (Map<String, Map<String, Object>>) (Map<?, ?>)
                template.findResources("AWS::IAM::Policy");
        for (Map<String, Object> policy : policies.values()) {
            Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
            List<Object> roles = (List<Object>) properties.get("Roles");
            if (roles.contains(Map.of("Ref", id))) {
                statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) properties.get("PolicyDocument"))
                        .get("Statement"));
            }
        }
        return statements;
    }
}
