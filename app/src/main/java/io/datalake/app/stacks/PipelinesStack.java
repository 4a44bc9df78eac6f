package io.datalake.app.stacks;

import io.datalake.constructs.checks.Suppressions;
import io.datalake.constructs.processing.ConversionJob;
import io.datalake.constructs.processing.ConversionJobProps;
import io.datalake.constructs.processing.JobPipeline;
import io.datalake.constructs.processing.JobPipelineProps;
import io.datalake.constructs.processing.PipelineArtifacts;
import io.datalake.constructs.processing.PipelineArtifactsProps;
import io.datalake.constructs.processing.SparkPipelineJob;
import io.datalake.constructs.processing.SparkPipelineJobProps;
import io.datalake.constructs.storage.TieredStorage;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineInput;
import io.datalake.pipelines.model.PipelineProject;
import io.datalake.pipelines.model.job.FailurePolicy;
import io.datalake.pipelines.model.job.JobStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketAttributes;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The processing of one environment, {@code <org>-datalake-<env>-pipelines}: the runner jar in the
 * artifact bucket, the built-in conversion that ingest's raw-complete events start, and, when the
 * environment names a pipelines folder, a job per pipeline and a state machine per job pipeline;
 * a pipeline outside any job gets a state machine of its own when its schedule or live inputs start
 * it. It imports the environment's buckets and keys by name and export, like the dataset stacks.
 */
public class PipelinesStack extends software.amazon.awscdk.Stack {
    private final Map<String, SparkPipelineJob> pipelines = new LinkedHashMap<>();
    private final Map<String, JobPipeline> jobs = new LinkedHashMap<>();
    private final ConversionJob conversion;

    public PipelinesStack(Construct scope, String id, PipelinesStackProps props) {
        super(scope, id, LakeStacks.props(props.names(), props.names().pipelinesStack(),
                "Datalake Toolkit pipelines and conversion of " + props.names().environmentStack()));
        LakeNames names = props.names();
        LakeStacks.tag(this, names);

        IKey platformKey = Key.fromKeyArn(this, "PlatformKey", Fn.importValue(names.platformKeyExport()));
        Map<Tier, IBucket> tiers = new EnumMap<>(Tier.class);
        for (Tier tier : names.environment().settings().enabledTiers()) {
            String tierId = TieredStorage.idOf(tier);
            IKey key = Key.fromKeyArn(this, tierId + "Key", Fn.importValue(names.tierKeyExport(tier)));
            tiers.put(tier, Bucket.fromBucketAttributes(this, tierId + "Bucket", BucketAttributes.builder()
                    .bucketName(names.dataBucket(tier)).encryptionKey(key).build()));
        }
        IBucket artifactBucket = Bucket.fromBucketAttributes(this, "ArtifactBucket", BucketAttributes.builder()
                .bucketName(names.artifactBucket()).encryptionKey(platformKey).build());
        PipelineArtifacts artifacts = new PipelineArtifacts(this, "Code", PipelineArtifactsProps.builder()
                .names(names).artifactBucket(artifactBucket).runnerJar(props.runnerJar()).build());

        ConversionJobProps.Builder conversionProps = ConversionJobProps.builder().names(names).artifacts(artifacts)
                .registryKey(platformKey);
        tiers.forEach(conversionProps::tierBucket);
        this.conversion = new ConversionJob(this, "Conversion", conversionProps.build());

        props.project().ifPresent(project -> pipelines(props, project, tiers, artifacts, platformKey));
    }

    private void pipelines(PipelinesStackProps props, PipelineProject project, Map<Tier, IBucket> tiers,
            PipelineArtifacts artifacts, IKey platformKey) {
        LakeNames names = props.names();
        Map<String, DatasetSpec> datasets = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        props.datasets().forEach((file, spec) -> {
            datasets.put(spec.name(), spec);
            files.put(spec.name(), file);
        });
        ISecret tokenKey = project.pipelines().stream().anyMatch(PipelineConfig::tokenizes) ? tokenKey(names, platformKey) : null;
        for (PipelineConfig pipeline : project.pipelines()) {
            SparkPipelineJobProps.Builder job = SparkPipelineJobProps.builder().names(names).pipeline(pipeline)
                    .folder(project.folderOf(pipeline.name())).artifacts(artifacts).registryKey(platformKey)
                    .tokenKeySecret(pipeline.tokenizes() ? tokenKey : null);
            List<String> used = new ArrayList<>(pipeline.inputs().stream().map(PipelineInput::dataset).toList());
            used.add(pipeline.output().dataset());
            for (String dataset : used) {
                DatasetSpec spec = datasets.get(dataset);
                if (!tiers.containsKey(spec.tier())) {
                    throw new LakeConfigException("pipeline " + pipeline.name() + " uses dataset " + dataset + " of tier "
                            + spec.tier().id() + ", which environment " + names.environment().name() + " does not enable");
                }
                job.dataset(spec, files.get(dataset)).tierBucket(spec.tier(), tiers.get(spec.tier()));
            }
            pipelines.put(pipeline.name(), new SparkPipelineJob(this, "Pipeline-" + pipeline.name(), job.build()));
        }
        for (io.datalake.pipelines.model.job.JobPipeline job : project.jobs()) {
            JobPipelineProps.Builder jobProps = JobPipelineProps.builder().names(names).job(job).logKey(platformKey);
            job.steps().forEach(step -> jobProps.pipeline(pipelines.get(step.pipeline())));
            jobs.put(job.name(), new JobPipeline(this, "Job-" + job.name(), jobProps.build()));
        }
        for (PipelineConfig pipeline : project.pipelines()) {
            List<String> live = pipeline.liveInputs().stream().map(PipelineInput::dataset).distinct().toList();
            // Inside a job the job decides when a pipeline runs; alone, its schedule and live inputs do.
            if (project.inJob(pipeline.name()) || (live.isEmpty() && pipeline.schedule().isEmpty())) {
                continue;
            }
            JobStep step = pipeline.retries() > 0
                    ? new JobStep(pipeline.name(), List.of(), FailurePolicy.RETRY, pipeline.retries())
                    : new JobStep(pipeline.name(), List.of(), FailurePolicy.HALT, 0);
            io.datalake.pipelines.model.job.JobPipeline.Builder alone = io.datalake.pipelines.model.job.JobPipeline.builder()
                    .name(pipeline.name()).step(step);
            pipeline.schedule().ifPresent(alone::schedule);
            jobs.put(pipeline.name(), new JobPipeline(this, "Run-" + pipeline.name(), JobPipelineProps.builder()
                    .names(names).job(alone.build()).pipeline(pipelines.get(pipeline.name())).liveDatasets(live)
                    .logKey(platformKey).build()));
        }
    }

    /**
     * The key of the tokenize mask: random, kept in Secrets Manager under the platform key, and never
     * rotated, since a new key would give every value a new token and break every join on tokens.
     */
    private ISecret tokenKey(LakeNames names, IKey platformKey) {
        Secret secret = Secret.Builder.create(this, "TokenKey")
                .secretName(names.environmentStack() + "/token-key")
                .description("Key of the tokenize mask of " + names.environmentStack() + "'s pipelines")
                .encryptionKey(platformKey)
                .generateSecretString(SecretStringGenerator.builder().passwordLength(48).excludePunctuation(true).build())
                .build();
        Suppressions.add(secret, "AwsSolutions-SMG4", "Tokens must stay stable to be joined on: a rotated key would give"
                + " every value a new token.", List.of());
        Suppressions.addHipaaNist(secret, "SecretsManagerRotationEnabled", "Tokens must stay stable to be joined on:"
                + " a rotated key would give every value a new token.");
        return secret;
    }

    /** The deployed pipelines, by name. */
    public Map<String, SparkPipelineJob> pipelines() {
        return pipelines;
    }

    /** The state machines: job pipelines, and pipelines started on their own, by name. */
    public Map<String, JobPipeline> jobs() {
        return jobs;
    }

    public ConversionJob conversion() {
        return conversion;
    }
}
