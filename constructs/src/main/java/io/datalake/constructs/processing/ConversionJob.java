package io.datalake.constructs.processing;

import io.datalake.constructs.access.Grants;
import io.datalake.constructs.checks.Suppressions;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import io.datalake.core.update.UpdateEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.glue.CfnJob;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.IntegrationPattern;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.tasks.GlueStartJobRun;
import software.constructs.Construct;

/**
 * The built-in conversion on AWS: the runner as a Glue job ({@code --command convert}) that turns
 * the raw files of one raw-complete update into Parquet with the dataset's schema, writes the
 * complete manifest, moves the update in the registry and announces it. Ingest's
 * {@value UpdateEvents#RAW_COMPLETE} event starts it through a small state machine, which passes
 * the event's dataset and update to the job and, when too many conversions run at once, waits and
 * tries again.
 *
 * <p>It serves every dataset of every enabled tier: its role reads {@code raw/} and
 * {@code updates/} and writes {@code data/} and {@code updates/} of any dataset, reads dataset specs
 * from the registry and writes update records. Its logs and security configuration use the key of
 * the most protected enabled tier, since a conversion's logs may hold values of any tier.
 */
public class ConversionJob extends Construct {
    private static final String TEMP_PREFIX = "glue-temp/convert/";

    private final CfnJob job;
    private final StateMachine starter;
    private final Role role;

    public ConversionJob(Construct scope, String id, ConversionJobProps props) {
        super(scope, id);
        LakeNames names = props.names();
        PipelineArtifacts artifacts = props.artifacts();
        Tier logTier = names.environment().settings().enabledTiers().stream().max(Enum::compareTo).orElseThrow();
        IKey logKey = props.tierBuckets().get(logTier).getEncryptionKey();
        String roleName = names.role("convert");

        this.role = Role.Builder.create(this, "Role")
                .roleName(roleName)
                .assumedBy(new ServicePrincipal("glue.amazonaws.com"))
                .description("Converts raw updates of every dataset of " + names.environmentStack() + " to Parquet")
                .build();
        LogGroup logs = LogGroup.Builder.create(this, "JobLogs")
                .logGroupName(names.logGroupPrefix() + "convert")
                .encryptionKey(logKey)
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        logs.grantWrite(role);

        List<String> findings = new ArrayList<>();
        for (Tier tier : names.environment().settings().enabledTiers()) {
            IBucket bucket = props.tierBuckets().get(tier);
            grantTier(bucket);
            for (String folder : List.of("*/raw/*", "*/data/*", "*/updates/*")) {
                findings.add(NagFindings.resource(this, bucket.arnForObjects(folder)));
            }
        }
        Grants.onPrincipal(role, List.of("dynamodb:GetItem"), List.of(table(names, RegistryTable.DATASETS)));
        // The update committer: the job run holds an update (UpdateItem), commits it (PutItem) and lets go (UpdateItem).
        Grants.onPrincipal(role, List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                List.of(table(names, RegistryTable.UPDATES)));
        Grants.onPrincipal(role, List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(props.registryKey().getKeyArn()),
                Map.of("StringEquals", Map.of("kms:ViaService", "dynamodb." + Stack.of(this).getRegion() + ".amazonaws.com")));
        Grants.onPrincipal(role, List.of("events:PutEvents"), List.of(arn("events", "event-bus", "default")));
        Grants.onPrincipal(role, List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"), List.of(logKey.getKeyArn()),
                GlueJobs.viaStorageServices(this));
        artifacts.grantRead(role, PipelineArtifacts.RUNNER_PREFIX);
        GlueJobs.grantTempDir(this, role, artifacts, TEMP_PREFIX);

        String securityConfiguration = GlueJobs.securityConfiguration(this, names.conversionJob(), logKey);
        GlueJobs.grantGlueLogs(this, role, securityConfiguration, roleName);
        Map<String, String> arguments = new LinkedHashMap<>(GlueJobs.arguments(artifacts, logs,
                SparkPipelineJob.RUNNER_CLASS, TEMP_PREFIX, null));
        arguments.put("--command", "convert");
        arguments.put("--org", names.environment().org());
        arguments.put("--env", names.environment().name());
        arguments.put("--region", names.environment().region());
        arguments.put("--registry", "dynamodb");
        arguments.put("--events", "eventbridge");
        this.job = CfnJob.Builder.create(this, "Resource")
                .name(names.conversionJob())
                .description("Converts one raw-complete update to Parquet: --dataset NAME --update ID")
                .role(role.getRoleArn())
                .command(CfnJob.JobCommandProperty.builder().name("glueetl").scriptLocation(artifacts.runnerJarUri()).build())
                .glueVersion(props.glueVersion())
                .workerType(props.workerType().id())
                .numberOfWorkers(props.workers())
                .timeout(props.timeoutMinutes())
                .maxRetries(0)
                .executionProperty(CfnJob.ExecutionPropertyProperty.builder().maxConcurrentRuns(props.maxConcurrentRuns()).build())
                .securityConfiguration(securityConfiguration)
                .defaultArguments(arguments)
                .build();

        GlueStartJobRun start = GlueStartJobRun.Builder.create(this, "Convert")
                .glueJobName(names.conversionJob())
                .integrationPattern(IntegrationPattern.RUN_JOB)
                .arguments(TaskInput.fromObject(new java.util.TreeMap<>(Map.of(
                        "--dataset", JsonPath.stringAt("$.detail." + UpdateEvents.DATASET),
                        "--update", JsonPath.stringAt("$.detail." + UpdateEvents.UPDATE)))))
                .resultPath(JsonPath.DISCARD)
                .build();
        start.addRetry(RetryProps.builder()
                .errors(List.of("Glue.ConcurrentRunsExceededException"))
                .interval(Duration.seconds(30))
                .backoffRate(2)
                .maxAttempts(10)
                .build());
        start.getNode().addDependency(job);
        this.starter = StateMachines.create(new Construct(this, "Starter"), names.conversionJob(), start,
                Duration.minutes(props.timeoutMinutes() * 3L), props.logRetention(), props.registryKey());
        Rule.Builder.create(this, "RawComplete")
                .description("Converts every raw-complete update of " + names.environmentStack())
                .eventPattern(EventPattern.builder()
                        .source(List.of(UpdateEvents.INGEST_SOURCE))
                        .detailType(List.of(UpdateEvents.RAW_COMPLETE))
                        .detail(Map.of(UpdateEvents.ENV, List.of(names.environment().name())))
                        .build())
                .targets(List.of(new SfnStateMachine(starter)))
                .build();

        findings.addAll(GlueJobs.artifactFindings(this, artifacts, List.of(), TEMP_PREFIX));
        findings.add(NagFindings.resource(this, logs.getLogGroupArn() + ":*"));
        findings.addAll(GlueJobs.logFindings(this, securityConfiguration, roleName));
        Suppressions.add(role, "AwsSolutions-IAM5", "The conversion serves every dataset: it reads the raw/ and updates/"
                + " folders and writes the data/ and updates/ folders of any dataset of the tier buckets, and uses its own"
                + " code, temporary folder and log groups. It cannot delete raw files or manifests.", findings);
    }

    /** Raw files and manifests read; Parquet and manifests written; temporary objects of the committer removed. */
    private void grantTier(IBucket bucket) {
        IKey key = bucket.getEncryptionKey();
        Grants.onPrincipal(role, List.of("s3:GetObject"), List.of(bucket.arnForObjects("*/raw/*"),
                bucket.arnForObjects("*/data/*"), bucket.arnForObjects("*/updates/*")));
        Grants.onPrincipal(role, List.of("s3:PutObject", "s3:AbortMultipartUpload"), List.of(bucket.arnForObjects("*/data/*"),
                bucket.arnForObjects("*/updates/*")));
        Grants.onPrincipal(role, List.of("s3:DeleteObject"), List.of(bucket.arnForObjects("*/data/*")));
        Grants.onPrincipal(role, List.of("s3:ListBucket"), List.of(bucket.getBucketArn()),
                Map.of("StringLike", Map.of("s3:prefix", List.of("*/raw/*", "*/data/*", "*/updates/*"))));
        Grants.keyViaS3(this, role, key, List.of("kms:Decrypt", "kms:GenerateDataKey"));
    }

    private String table(LakeNames names, RegistryTable table) {
        return arn("dynamodb", "table", names.registryTable(table));
    }

    private String arn(String service, String resource, String name) {
        return Stack.of(this).formatArn(ArnComponents.builder().service(service).resource(resource).resourceName(name)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    /** The Glue job. */
    public CfnJob job() {
        return job;
    }

    /** The state machine ingest's events start. */
    public StateMachine starter() {
        return starter;
    }

    public Role role() {
        return role;
    }
}
