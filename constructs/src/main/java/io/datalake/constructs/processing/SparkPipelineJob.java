package io.datalake.constructs.processing;

import io.datalake.constructs.access.Grants;
import io.datalake.constructs.checks.Suppressions;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.pipelines.model.Engine;
import io.datalake.pipelines.model.EngineType;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnJob;
import software.amazon.awscdk.services.emrserverless.CfnApplication;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.s3.deployment.ISource;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.CustomStateProps;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.IntegrationPattern;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.State;
import software.amazon.awscdk.services.stepfunctions.tasks.GlueStartJobRun;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * One pipeline folder deployed: its files uploaded to {@code pipelines/<name>/} of the artifact
 * bucket (with the dataset files of its inputs and output), and a job that runs the shaded runner
 * on them, as the config's engine says:
 * <ul>
 *   <li><b>Glue</b>: a {@code glueetl} job on Glue 5.0 with the runner class as its entry point,
 *       under a security configuration that encrypts its S3 output, logs and bookmarks with the
 *       output's tier key, logging continuously to the pipeline's own encrypted log group;</li>
 *   <li><b>EMR Serverless</b>: a Spark application capped at the config's capacity, starting and
 *       stopping on demand, logging to the same kind of log group; its job definition is the
 *       {@code startJobRun} request of {@link #runTask}.</li>
 * </ul>
 * The job's role reads the {@code data/} and {@code updates/} folders of its inputs, writes the
 * {@code data/} and {@code updates/} folders of its output, records its runs and its output's
 * updates in the registry (its own items only) and announces complete updates: nothing else.
 * Runs are started by a {@link JobPipeline} state machine, which also does the retrying, so the job
 * itself never retries.
 */
public class SparkPipelineJob extends Construct {
    /** The runner's entry point: {@code io.datalake.pipelines.runner.PipelineRunner}. */
    public static final String RUNNER_CLASS = "io.datalake.pipelines.runner.PipelineRunner";
    /** A pipeline runs one at a time: two runs of it would only race for the same inputs. */
    public static final int MAX_CONCURRENT_RUNS = 1;
    /** EMR Serverless stops an idle application after this many minutes. */
    public static final int EMR_IDLE_MINUTES = 15;

    private final PipelineConfig pipeline;
    private final LakeNames names;
    private final Role role;
    private final LogGroup logs;
    private final String prefix;
    private final List<String> runnerArguments;
    private final PipelineArtifacts artifacts;
    private final String jobJarUri;
    private CfnJob glueJob;
    private CfnApplication emrApplication;

    public SparkPipelineJob(Construct scope, String id, SparkPipelineJobProps props) {
        super(scope, id);
        this.pipeline = props.pipeline();
        this.names = props.names();
        this.artifacts = props.artifacts();
        String name = pipeline.name();
        DatasetSpec output = props.datasets().get(pipeline.output().dataset());
        IBucket outputBucket = props.tierBuckets().get(output.tier());
        IKey outputKey = outputBucket.getEncryptionKey();
        this.prefix = PipelineArtifacts.PIPELINES_PREFIX + name + "/";
        this.jobJarUri = pipeline.sparkJob().flatMap(j -> j.jar()).map(jar -> artifacts.uri(prefix + jar)).orElse(null);

        artifacts.uploadFolder(name + "Files", sources(props), prefix);
        boolean glue = pipeline.engine().type() == EngineType.GLUE;
        this.role = Role.Builder.create(this, "Role")
                .roleName(names.pipelineRole(name))
                .assumedBy(new ServicePrincipal(glue ? "glue.amazonaws.com" : "emr-serverless.amazonaws.com"))
                .description("Runs pipeline " + name + ": reads its inputs, writes " + output.name())
                .build();
        this.logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName(names.pipelineLogGroup(name))
                .encryptionKey(outputKey)
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        logs.grantWrite(role);

        grantData(props, output, outputBucket);
        artifacts.grantRead(role, prefix);
        grantRegistry(props.registryKey(), output);
        Grants.onPrincipal(role, List.of("events:PutEvents"), List.of(arn("events", "event-bus", "default")));
        // The job encrypts its output and logs with the tier key, through S3 and Glue only.
        Grants.onPrincipal(role, List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"), List.of(outputKey.getKeyArn()),
                GlueJobs.viaStorageServices(this));
        props.tokenKeySecret().ifPresent(secret -> secret.grantRead(role));

        List<String> arguments = new ArrayList<>(List.of("--command", "run-pipeline", "--pipeline", name,
                "--pipeline-dir", artifacts.uri(prefix), "--org", names.environment().org(),
                "--env", names.environment().name(), "--region", names.environment().region(),
                "--registry", "dynamodb", "--events", "eventbridge"));
        props.tokenKeySecret().ifPresent(secret -> arguments.addAll(List.of("--token-key-secret", secret.getSecretArn())));
        this.runnerArguments = List.copyOf(arguments);

        if (glue) {
            glueJob(props, outputKey);
        } else {
            emrApplication(props, outputKey);
        }
        suppressFolderWildcards(props, output);
    }

    /** The pipeline's folder, minus build output other than its job jar, and its datasets' files. */
    private static List<ISource> sources(SparkPipelineJobProps props) {
        List<String> exclude = new ArrayList<>(List.of("**/target/**", ".*"));
        props.pipeline().sparkJob().flatMap(j -> j.jar()).ifPresent(jar -> exclude.add("!" + jar));
        List<ISource> sources = new ArrayList<>(List.of(Source.asset(props.folder().toString(),
                AssetOptions.builder().exclude(exclude).build())));
        props.datasetFiles().forEach((dataset, file) -> {
            try {
                sources.add(Source.data("datasets/" + dataset + ".yaml", Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the dataset file " + file, e);
            }
        });
        return sources;
    }

    private void grantData(SparkPipelineJobProps props, DatasetSpec output, IBucket outputBucket) {
        Set<String> inputs = new LinkedHashSet<>();
        pipeline.inputs().stream().map(PipelineInput::dataset).forEach(inputs::add);
        for (String input : inputs) {
            DatasetSpec dataset = props.datasets().get(input);
            IBucket bucket = props.tierBuckets().get(dataset.tier());
            Grants.readPrefix(this, role, bucket, bucket.getEncryptionKey(), DatasetLayout.dataPrefix(input));
            Grants.readPrefix(this, role, bucket, bucket.getEncryptionKey(), DatasetLayout.manifestPrefix(input));
        }
        IKey key = outputBucket.getEncryptionKey();
        for (String folder : List.of(DatasetLayout.dataPrefix(output.name()), DatasetLayout.manifestPrefix(output.name()))) {
            Grants.readPrefix(this, role, outputBucket, key, folder);
            Grants.writePrefix(this, role, outputBucket, key, folder, false);
        }
        // Spark's committers remove their temporary objects; only under the output's data folder.
        Grants.onPrincipal(role, List.of("s3:DeleteObject"), List.of(outputBucket.arnForObjects(
                DatasetLayout.dataPrefix(output.name()) + "*")));
    }

    /**
     * Its runs (partition key: the pipeline), its output's updates (partition key: the dataset), and
     * the registry items of its inputs, where it records its output as their downstream.
     */
    private void grantRegistry(IKey registryKey, DatasetSpec output) {
        Grants.onPrincipal(role, List.of("dynamodb:PutItem"), List.of(table(RegistryTable.RUNS)),
                Map.of("ForAllValues:StringEquals", Map.of("dynamodb:LeadingKeys", List.of(pipeline.name()))));
        // The update committer: records the run's update (PutItem), holds it while it writes and lets go (UpdateItem),
        // and first finds its output's updates that earlier runs left half-made (Query).
        Grants.onPrincipal(role, List.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"),
                List.of(table(RegistryTable.UPDATES)),
                Map.of("ForAllValues:StringEquals", Map.of("dynamodb:LeadingKeys", List.of(output.name()))));
        List<String> inputs = pipeline.inputs().stream().map(PipelineInput::dataset).distinct().toList();
        // Only the downstream set of its inputs' items (AWS's fine-grained access: the key and the one
        // attribute, nothing returned): never who may grant, the spec or anything else of the item.
        Grants.onPrincipal(role, List.of("dynamodb:UpdateItem"), List.of(table(RegistryTable.DATASETS)), Map.of(
                "ForAllValues:StringEquals", Map.of("dynamodb:LeadingKeys", inputs,
                        "dynamodb:Attributes", List.of(RegistryTable.DATASETS.partitionKey(), RegistryTable.DOWNSTREAMS)),
                "StringEqualsIfExists", Map.of("dynamodb:ReturnValues", "NONE")));
        Grants.onPrincipal(role, List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(registryKey.getKeyArn()),
                Map.of("StringEquals", Map.of("kms:ViaService", "dynamodb." + Stack.of(this).getRegion() + ".amazonaws.com")));
    }

    private String table(RegistryTable table) {
        return arn("dynamodb", "table", names.registryTable(table));
    }

    private String arn(String service, String resource, String name) {
        return Stack.of(this).formatArn(ArnComponents.builder().service(service).resource(resource).resourceName(name)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    private void glueJob(SparkPipelineJobProps props, IKey outputKey) {
        String securityConfiguration = GlueJobs.securityConfiguration(this, names.pipelineJob(pipeline.name()), outputKey);
        GlueJobs.grantGlueLogs(this, role, securityConfiguration, names.pipelineRole(pipeline.name()));
        Map<String, String> arguments = new LinkedHashMap<>(GlueJobs.arguments(artifacts, logs, RUNNER_CLASS,
                "glue-temp/" + pipeline.name() + "/", jobJarUri));
        for (int i = 0; i < runnerArguments.size(); i += 2) {
            arguments.put(runnerArguments.get(i), runnerArguments.get(i + 1));
        }
        GlueJobs.grantTempDir(this, role, artifacts, "glue-temp/" + pipeline.name() + "/");
        Engine engine = pipeline.engine();
        this.glueJob = CfnJob.Builder.create(this, "Resource")
                .name(names.pipelineJob(pipeline.name()))
                .description(pipeline.description().orElse("Pipeline " + pipeline.name()))
                .role(role.getRoleArn())
                .command(CfnJob.JobCommandProperty.builder()
                        .name("glueetl")
                        .scriptLocation(artifacts.runnerJarUri())
                        .build())
                .glueVersion(props.glueVersion())
                .workerType(engine.workerType().id())
                .numberOfWorkers(engine.workers())
                .timeout(pipeline.timeoutMinutes())
                .maxRetries(0)
                .executionProperty(CfnJob.ExecutionPropertyProperty.builder().maxConcurrentRuns(MAX_CONCURRENT_RUNS).build())
                .securityConfiguration(securityConfiguration)
                .defaultArguments(arguments)
                .build();
    }

    private void emrApplication(SparkPipelineJobProps props, IKey outputKey) {
        Engine engine = pipeline.engine();
        this.emrApplication = CfnApplication.Builder.create(this, "Resource")
                .name(names.pipelineJob(pipeline.name()))
                .releaseLabel(props.emrRelease())
                .type("Spark")
                .maximumCapacity(CfnApplication.MaximumAllowedResourcesProperty.builder()
                        .cpu(engine.maxVcpu() + " vCPU")
                        .memory(engine.maxMemoryGb() + " GB")
                        .build())
                .autoStartConfiguration(CfnApplication.AutoStartConfigurationProperty.builder().enabled(true).build())
                .autoStopConfiguration(CfnApplication.AutoStopConfigurationProperty.builder().enabled(true)
                        .idleTimeoutMinutes(EMR_IDLE_MINUTES).build())
                .monitoringConfiguration(CfnApplication.MonitoringConfigurationProperty.builder()
                        .cloudWatchLoggingConfiguration(CfnApplication.CloudWatchLoggingConfigurationProperty.builder()
                                .enabled(true)
                                .logGroupName(logs.getLogGroupName())
                                .encryptionKeyArn(outputKey.getKeyArn())
                                .build())
                        .build())
                .build();
        Grants.onPrincipal(role, List.of("logs:DescribeLogGroups", "logs:DescribeLogStreams"), List.of(logs.getLogGroupArn()));
    }

    /**
     * A Step Functions task that runs the pipeline once and waits for it ({@code .sync}), passing
     * its input on unchanged.
     *
     * @param retry     how a failed run is retried; {@code null} for no retry
     * @param onFailure where a run that still fails goes (every error is caught); {@code null} to fail the execution
     */
    public State runTask(Construct scope, String id, RetryProps retry, IChainable onFailure) {
        CatchProps catchAll = CatchProps.builder().errors(List.of("States.ALL")).resultPath("$.failure").build();
        if (glueJob != null) {
            GlueStartJobRun task = GlueStartJobRun.Builder.create(scope, id)
                    .glueJobName(glueJob.getName())
                    .integrationPattern(IntegrationPattern.RUN_JOB)
                    .resultPath(JsonPath.DISCARD)
                    .build();
            if (retry != null) {
                task.addRetry(retry);
            }
            if (onFailure != null) {
                task.addCatch(onFailure, catchAll);
            }
            return task;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("Type", "Task");
        state.put("Resource", "arn:" + Stack.of(this).getPartition() + ":states:::emr-serverless:startJobRun.sync");
        state.put("Parameters", jobRunRequest());
        state.put("ResultPath", JsonPath.DISCARD);
        CustomState task = new CustomState(scope, id, CustomStateProps.builder().stateJson(state).build());
        if (retry != null) {
            task.addRetry(retry);
        }
        if (onFailure != null) {
            task.addCatch(onFailure, catchAll);
        }
        return task;
    }

    /** The EMR Serverless job definition: the {@code StartJobRun} request that runs the pipeline. */
    Map<String, Object> jobRunRequest() {
        String submit = "--class " + RUNNER_CLASS + (jobJarUri == null ? "" : " --jars " + jobJarUri);
        Map<String, Object> sparkSubmit = new LinkedHashMap<>();
        sparkSubmit.put("EntryPoint", artifacts.runnerJarUri());
        sparkSubmit.put("EntryPointArguments", runnerArguments);
        sparkSubmit.put("SparkSubmitParameters", submit);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("ApplicationId", emrApplication.getAttrApplicationId());
        request.put("ExecutionRoleArn", role.getRoleArn());
        request.put("Name", pipeline.name());
        request.put("ExecutionTimeoutMinutes", pipeline.timeoutMinutes());
        request.put("JobDriver", Map.of("SparkSubmit", sparkSubmit));
        return request;
    }

    /**
     * Lets a state machine start and follow this job. Glue's task grants itself what it needs; an
     * EMR Serverless run needs {@code emr-serverless:StartJobRun}, {@code GetJobRun} and
     * {@code CancelJobRun} on the application, {@code iam:PassRole} of the job's role, and the
     * managed EventBridge rule through which Step Functions follows the run.
     */
    public void grantRun(IGrantable stateMachine) {
        if (emrApplication == null) {
            return;
        }
        String application = emrApplication.getAttrArn();
        Grants.onPrincipal(stateMachine, List.of("emr-serverless:StartJobRun"), List.of(application));
        Grants.onPrincipal(stateMachine, List.of("emr-serverless:GetJobRun", "emr-serverless:CancelJobRun"),
                List.of(application + "/jobruns/*"));
        Grants.onPrincipal(stateMachine, List.of("iam:PassRole"), List.of(role.getRoleArn()),
                Map.of("StringEquals", Map.of("iam:PassedToService", "emr-serverless.amazonaws.com")));
        Grants.onPrincipal(stateMachine, List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"),
                List.of(arn("events", "rule", "StepFunctionsGetEventsForEMRServerlessJobRule")));
        Suppressions.add((IConstruct) stateMachine, "AwsSolutions-IAM5", "Step Functions follows the EMR Serverless job"
                + " runs of this pipeline's application, whose ids are not known before they start.",
                List.of("Resource::" + Suppressions.arnOf(emrApplication) + "/jobruns/*"));
    }

    /** The wildcards are the pipeline's own folders, which is what its role is for. */
    private void suppressFolderWildcards(SparkPipelineJobProps props, DatasetSpec output) {
        List<String> findings = new ArrayList<>();
        Set<String> inputs = new LinkedHashSet<>();
        pipeline.inputs().stream().map(PipelineInput::dataset).forEach(inputs::add);
        for (String input : inputs) {
            IBucket bucket = props.tierBuckets().get(props.datasets().get(input).tier());
            findings.add(NagFindings.resource(this, bucket.arnForObjects(DatasetLayout.dataPrefix(input) + "*")));
            findings.add(NagFindings.resource(this, bucket.arnForObjects(DatasetLayout.manifestPrefix(input) + "*")));
        }
        IBucket bucket = props.tierBuckets().get(output.tier());
        findings.add(NagFindings.resource(this, bucket.arnForObjects(DatasetLayout.dataPrefix(output.name()) + "*")));
        findings.add(NagFindings.resource(this, bucket.arnForObjects(DatasetLayout.manifestPrefix(output.name()) + "*")));
        findings.addAll(GlueJobs.artifactFindings(this, artifacts, List.of(prefix),
                glueJob != null ? "glue-temp/" + pipeline.name() + "/" : null));
        findings.add(NagFindings.resource(this, logs.getLogGroupArn() + ":*"));
        if (glueJob != null) {
            findings.addAll(GlueJobs.logFindings(this, names.pipelineJob(pipeline.name()), names.pipelineRole(pipeline.name())));
        }
        Suppressions.add(role, "AwsSolutions-IAM5", "The job reads its inputs' data/ and updates/ folders, writes its"
                + " output's, reads its own code, uses its own temporary folder and writes its own log groups; each"
                + " wildcard is one of these folders.", findings);
    }

    /** The pipeline this job runs. */
    public PipelineConfig pipeline() {
        return pipeline;
    }

    /** The Glue job's or EMR Serverless application's name. */
    public String jobName() {
        return names.pipelineJob(pipeline.name());
    }

    public IRole role() {
        return role;
    }

    public LogGroup logGroup() {
        return logs;
    }

    /** The runner's arguments for this pipeline, as the job passes them. */
    public List<String> runnerArguments() {
        return runnerArguments;
    }

    /** The Glue job; {@code null} for an EMR Serverless pipeline. */
    public CfnJob glueJob() {
        return glueJob;
    }

    /** The EMR Serverless application; {@code null} for a Glue pipeline. */
    public CfnApplication emrApplication() {
        return emrApplication;
    }

    /** {@code s3://<artifacts>/pipelines/<name>/}: where the pipeline's files are. */
    public String filesUri() {
        return artifacts.uri(prefix);
    }

}
