package io.datalake.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every physical name of one environment, computed in one place so that the stacks, the CLI, the
 * Lambdas and the local lake agree. Bucket names follow
 * {@code <org>-datalake-<env>-<tier>-<region>} and {@code <org>-datalake-drop-<env>-<tier>-<region>};
 * each is checked against S3's naming rules when it is computed.
 */
public final class LakeNames {
    private static final int MAX_BUCKET = 63;
    private static final int MAX_ROLE = 64;
    private static final int MAX_STACK = 128;
    /** EMR Serverless applications and EventBridge schedules allow 64 characters. */
    private static final int MAX_JOB = 64;
    /** Step Functions allows 80 characters for a state machine's name. */
    private static final int MAX_STATE_MACHINE = 80;
    private static final int MAX_GCP_ACCOUNT = 30;
    /** What Athena accepts as a workgroup name. */
    public static final Pattern WORKGROUP = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /**
     * What a pipeline (or job pipeline) may be called: 3 to 32 lowercase letters, digits, '_' or '-',
     * starting with a letter and ending with a letter or digit, so that its names fit Kubernetes,
     * Google service accounts, Glue, EMR Serverless and Step Functions alike.
     */
    public static final Pattern PIPELINE = Pattern.compile("[a-z][a-z0-9_-]{1,30}[a-z0-9]");
    /** The namespace KEDA's Helm chart installs its operator into. */
    private static final String KEDA_NAMESPACE = "keda";
    /** The service account of KEDA's operator, which reads queue lengths. */
    private static final String KEDA_SERVICE_ACCOUNT = "keda-operator";

    private final Environment env;
    private final String base;

    public LakeNames(Environment env) {
        this.env = Objects.requireNonNull(env, "env");
        this.base = env.org() + "-datalake-" + env.name();
        // Fail at once for an org/env/region whose names break S3's rules, naming the longest
        // offender so the user sees how much to shorten.
        List<String> all = new ArrayList<>(List.of(artifactName(), resultsName(), logName()));
        for (Tier tier : Tier.values()) {
            all.add(dataName(tier));
            all.add(dropName(tier));
        }
        if (env.settings().replication().isPresent()) {
            for (Tier tier : env.settings().enabledTiers()) {
                all.add(replicaName(tier.id()));
            }
            all.add(replicaName("access-logs"));
            all.add(replicaLogName());
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        all.forEach(LakeNames::bucket);
    }

    public Environment environment() {
        return env;
    }

    /** {@code <org>-datalake-<env>-<tier>-<region>}: where a tier's datasets live. */
    public String dataBucket(Tier tier) {
        return bucket(dataName(tier));
    }

    /** {@code <org>-datalake-drop-<env>-<tier>-<region>}: where producers drop files for ingest. */
    public String dropBucket(Tier tier) {
        return bucket(dropName(tier));
    }

    /** {@code <org>-datalake-<env>-artifacts-<region>}: pipeline code, jars, templates. */
    public String artifactBucket() {
        return bucket(artifactName());
    }

    /** {@code <org>-datalake-<env>-athena-results-<region>}: Athena query output, one prefix per tier. */
    public String athenaResultsBucket() {
        return bucket(resultsName());
    }

    /** {@code <org>-datalake-<env>-access-logs-<region>}: S3 server access logs of every other bucket. */
    public String accessLogBucket() {
        return bucket(logName());
    }

    /**
     * Whether a bucket is one of the environment's own: a tier's data or drop bucket, or the
     * artifact, Athena-results or access-log bucket. None of them is a source of ingest beyond the
     * drop bucket of a dataset's own tier.
     */
    public boolean isLakeBucket(String bucket) {
        for (Tier tier : Tier.values()) {
            if (bucket.equals(dataBucket(tier)) || bucket.equals(dropBucket(tier))) {
                return true;
            }
        }
        return bucket.equals(artifactBucket()) || bucket.equals(athenaResultsBucket()) || bucket.equals(accessLogBucket());
    }

    private String dataName(Tier tier) {
        return base + "-" + tier.id() + "-" + env.region();
    }

    private String dropName(Tier tier) {
        return env.org() + "-datalake-drop-" + env.name() + "-" + tier.id() + "-" + env.region();
    }

    private String artifactName() {
        return base + "-artifacts-" + env.region();
    }

    private String resultsName() {
        return base + "-athena-results-" + env.region();
    }

    private String logName() {
        return base + "-access-logs-" + env.region();
    }

    /** The region of the replica buckets: {@code settings.replication.region}, or the environment's. */
    public String replicaRegion() {
        return env.settings().replication().flatMap(ReplicationSettings::region).orElse(env.region());
    }

    /** {@code <org>-datalake-<env>-<tier>-replica-<replica region>}: the locked replica of a tier's data bucket. */
    public String replicaBucket(Tier tier) {
        return bucket(replicaName(tier.id()));
    }

    /** {@code <org>-datalake-<env>-access-logs-replica-<replica region>}: the locked replica of the access logs. */
    public String accessLogReplicaBucket() {
        return bucket(replicaName("access-logs"));
    }

    /** {@code <org>-datalake-<env>-replica-logs-<replica region>}: the server access logs of the replica buckets. */
    public String replicaLogBucket() {
        return bucket(replicaLogName());
    }

    private String replicaName(String source) {
        return base + "-" + source + "-replica-" + replicaRegion();
    }

    private String replicaLogName() {
        return base + "-replica-logs-" + replicaRegion();
    }

    /** {@code alias/<org>-datalake-<env>-replica}: the key of the replica buckets, in the replica account and region. */
    public String replicaKeyAlias() {
        return "alias/" + base + "-replica";
    }

    /** {@code <org>-datalake-<env>-<region>-replication}: the role S3 replicates the buckets with. */
    public String replicationRole() {
        return role(env.region() + "-replication");
    }

    /** {@code <org>-datalake-<env>-replica}: the stack of the replica buckets, in the replica account and region. */
    public String replicaStack() {
        return stack(base + "-replica");
    }

    /** The prefix under the Athena-results bucket for one tier's workgroup: {@code internal/}. */
    public String athenaResultsPrefix(Tier tier) {
        return tier.id() + "/";
    }

    /** {@code <org>_datalake_<env>_<tier>}: Glue and Athena prefer underscores to hyphens. */
    public String glueDatabase(Tier tier) {
        return (base + "_" + tier.id()).replace('-', '_');
    }

    /** {@code <org>-datalake-<env>-<tier>}: the Athena workgroup that queries a tier. */
    public String athenaWorkgroup(Tier tier) {
        return base + "-" + tier.id();
    }

    /** {@code alias/<org>-datalake-<env>-<tier>}: the alias of a tier's KMS key. */
    public String keyAlias(Tier tier) {
        return "alias/" + base + "-" + tier.id();
    }

    /** {@code alias/<org>-datalake-<env>-platform}: the key of queues, registry and artifacts. */
    public String platformKeyAlias() {
        return "alias/" + base + "-platform";
    }

    /** {@code <org>-datalake-<env>}: the environment stack. */
    public String environmentStack() {
        return stack(base);
    }

    /** {@code <org>-datalake-<env>-dataset-<dataset>}: the stack of one dataset. */
    public String datasetStack(String dataset) {
        return stack(base + "-dataset-" + DatasetLayout.checkName(dataset).replace('_', '-'));
    }

    /** {@code <org>-datalake-<env>-<region>-internal-reader}: reads every internal-tier dataset. */
    public String defaultReaderRole() {
        return role(env.region() + "-internal-reader");
    }

    /**
     * A role name {@code <org>-datalake-<env>-<purpose>}. IAM allows 64 characters, so a longer
     * name keeps its start and ends in a hash of the whole, which stays unique and stable.
     */
    public String role(String purpose) {
        return shortened(base + "-" + purpose, MAX_ROLE);
    }

    /** A name cut to {@code max} characters: its start and a hash of the whole, stable and unique. */
    private static String shortened(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        String hash = sha256(name).substring(0, 8);
        return name.substring(0, max - hash.length() - 1) + "-" + hash;
    }

    /**
     * {@code <org>-datalake-<env>-pl-<pipeline>}: a pipeline's Glue job, EMR Serverless application,
     * Glue security configuration and schedule, shortened with a hash beyond 64 characters.
     */
    public String pipelineJob(String pipeline) {
        return shortened(base + "-pl-" + checkPipeline("pipeline", pipeline), MAX_JOB);
    }

    /** {@code <org>-datalake-<env>-pl-<pipeline>}: the role a pipeline's job runs as. */
    public String pipelineRole(String pipeline) {
        return role("pl-" + checkPipeline("pipeline", pipeline));
    }

    /** {@code <org>-datalake-<env>-convert}: the built-in job that converts raw updates to Parquet. */
    public String conversionJob() {
        return base + "-convert";
    }

    /**
     * {@code <org>-datalake-<env>-job-<name>}: the state machine of a job pipeline (or of one pipeline
     * started by its schedule or live inputs), shortened with a hash beyond 80 characters.
     */
    public String jobStateMachine(String job) {
        return shortened(base + "-job-" + checkPipeline("job", job), MAX_STATE_MACHINE);
    }

    /** {@code <org>-datalake-<env>-job-<name>}: the EventBridge Scheduler schedule of a job, within 64 characters. */
    public String jobSchedule(String job) {
        return shortened(base + "-job-" + checkPipeline("job", job), MAX_JOB);
    }

    /**
     * {@code /datalake/<org>-datalake-<env>/}: the prefix of the log groups of pipelines and jobs,
     * which the tier keys let CloudWatch Logs encrypt with.
     */
    public String logGroupPrefix() {
        return "/datalake/" + base + "/";
    }

    /**
     * {@code /datalake/<org>-datalake-<env>/platform/<purpose>}: a log group of the platform itself
     * (API access logs, code uploads), encrypted with the platform key.
     */
    public String platformLogGroup(String purpose) {
        return logGroupPrefix() + "platform/" + purpose;
    }

    /** {@code <org>-datalake-<env>-registry}: the AWS Backup vault and plan of the registry tables (at most 49 characters). */
    public String registryBackup() {
        return base + "-registry";
    }

    /** {@code /datalake/<org>-datalake-<env>/pipelines/<pipeline>}: a pipeline job's log group. */
    public String pipelineLogGroup(String pipeline) {
        return logGroupPrefix() + "pipelines/" + checkPipeline("pipeline", pipeline);
    }

    /** {@code <org>-datalake-<env>-pipelines}: the stack of an environment's pipelines, jobs and conversion. */
    public String pipelinesStack() {
        return stack(base + "-pipelines");
    }

    /**
     * {@code <org>-datalake-<env>-ds-<dataset>-<level>}: a dataset's role. Beyond IAM's 64 characters
     * the dataset part is cut and a hash of the whole name put before the level, so the name still
     * ends in {@code -read}, {@code -write} or {@code -admin}: policies that may touch only some
     * levels (the API edits the trust of read and write roles, never admin) match on that suffix.
     */
    public String datasetRole(String dataset, AccessLevel level) {
        String suffix = "-" + level.id();
        String name = base + "-ds-" + DatasetLayout.checkName(dataset);
        if (name.length() + suffix.length() <= MAX_ROLE) {
            return name + suffix;
        }
        String hash = sha256(name + suffix).substring(0, 8);
        return name.substring(0, MAX_ROLE - suffix.length() - hash.length() - 1) + "-" + hash + suffix;
    }

    /** {@code <org>-datalake-<env>-ds-*-<level>}: every dataset role of one level, as an IAM resource pattern. */
    public String datasetRolePattern(AccessLevel level) {
        return base + "-ds-*-" + level.id();
    }

    /** The Glue table over a dataset's Parquet updates: its name with underscores for hyphens. */
    public String glueTable(String dataset) {
        return DatasetLayout.checkName(dataset).replace('-', '_');
    }

    /** The Glue table over a dataset's raw CSV or JSON files: {@code <table>_raw}. */
    public String glueRawTable(String dataset) {
        return glueTable(dataset) + "_raw";
    }

    /**
     * {@code <org>-datalake-<env>-ds-<dataset>}: the dataset's own Athena workgroup, so its query
     * results land under a prefix only its roles can read.
     */
    public String datasetWorkgroup(String dataset) {
        return base + "-ds-" + DatasetLayout.checkName(dataset);
    }

    /** {@code <tier>/<dataset>/}: where the dataset workgroup's results go in the results bucket. */
    public String datasetResultsPrefix(Tier tier, String dataset) {
        return athenaResultsPrefix(tier) + DatasetLayout.prefix(dataset);
    }

    /** The CloudFormation export of a tier key's ARN, which dataset stacks import. */
    public String tierKeyExport(Tier tier) {
        return environmentStack() + "-" + tier.id() + "-key-arn";
    }

    /** The CloudFormation export of the platform key's ARN (registry, queues). */
    public String platformKeyExport() {
        return environmentStack() + "-platform-key-arn";
    }

    /** {@code <org>-datalake-<env>-drop-events}: the queue of drop-bucket object events. */
    public String dropQueue() {
        return base + "-drop-events";
    }

    /** {@code <org>-datalake-<env>-drop-objects}: the EventBridge rule that sends drop-bucket events to the queue. */
    public String dropEventRule() {
        return base + "-drop-objects";
    }

    /** {@code <org>-datalake-<env>-drop-events-dlq}: where undeliverable drop events end. */
    public String dropDeadLetterQueue() {
        return dropQueue() + "-dlq";
    }

    /** {@code <org>-datalake-<env>-alarms}: the SNS topic alarms notify. */
    public String alarmTopic() {
        return base + "-alarms";
    }

    /** {@code <org>-datalake-<env>-<table>}: a registry table. */
    public String registryTable(RegistryTable table) {
        return base + "-" + table.id();
    }

    /**
     * Checks a pipeline name: 3 to 32 lowercase letters, digits, '_' or '-', starting with a letter
     * and ending with a letter or digit, so that its queue, role, Kubernetes and Google Cloud names
     * are all valid.
     *
     * @param field where the name came from, for the message
     * @throws LakeConfigException naming the field and the value
     */
    public static String checkPipeline(String field, String pipeline) {
        if (pipeline == null || !PIPELINE.matcher(pipeline).matches()) {
            throw new LakeConfigException(field + " must hold pipeline names of 3 to 32 lowercase letters, digits,"
                    + " '_' or '-', starting with a letter and ending with a letter or digit, but "
                    + (pipeline == null ? "nothing" : "'" + pipeline + "'") + " was given");
        }
        return pipeline;
    }

    /** {@code <org>-datalake-<env>}: the runner cluster, on EKS and on GKE. */
    public String clusterName() {
        return base;
    }

    /** {@code <org>-datalake-<env>-cluster}: the stack of the runner cluster. */
    public String clusterStack() {
        return stack(base + "-cluster");
    }

    /** {@code alias/<org>-datalake-<env>-cluster}: encrypts the cluster's secrets, run queues and logs. */
    public String clusterKeyAlias() {
        return "alias/" + base + "-cluster";
    }

    /** {@code <org>-datalake-<env>-<region>-cluster}: the role EKS manages the cluster with. */
    public String clusterRole() {
        return role(env.region() + "-cluster");
    }

    /** {@code <org>-datalake-<env>-<region>-cluster-nodes}: the role of the cluster's nodes. */
    public String clusterNodeRole() {
        return role(env.region() + "-cluster-nodes");
    }

    /** {@code <org>-datalake-<env>-<region>-keda}: lets KEDA read the length of the run queues. */
    public String kedaRole() {
        return role(env.region() + "-keda");
    }

    /** {@code keda}: the namespace of KEDA's operator. */
    public String kedaNamespace() {
        return KEDA_NAMESPACE;
    }

    /** {@code keda-operator}: the service account of KEDA's operator. */
    public String kedaServiceAccount() {
        return KEDA_SERVICE_ACCOUNT;
    }

    /**
     * {@code datalake:runner-subnets}: the tag (valued with the cluster's name) of the subnets runner
     * nodes start in; the cluster stack sets it and the EKS node class selects by it.
     */
    public String runnerSubnetTag() {
        return "datalake:runner-subnets";
    }

    /** {@code datalake-runners}: the namespace pipeline runs live in. */
    public String runnerNamespace() {
        return "datalake-runners";
    }

    /**
     * {@code run-<pipeline>}: the Kubernetes service account of a pipeline's runs, with hyphens for
     * underscores as Kubernetes names require. Its cloud identity is that pipeline's and no other.
     */
    public String runnerServiceAccount(String pipeline) {
        return "run-" + checkPipeline("pipeline", pipeline).replace('_', '-');
    }

    /** {@code <org>-datalake-<env>-<region>-run-<pipeline>}: the AWS role a pipeline's runs assume. */
    public String runnerRole(String pipeline) {
        return role(env.region() + "-run-" + checkPipeline("pipeline", pipeline));
    }

    /** {@code <org>-datalake-<env>-runs-<pipeline>}: the SQS queue (or Pub/Sub topic) of a pipeline's pending runs. */
    public String runQueue(String pipeline) {
        return base + "-runs-" + checkPipeline("pipeline", pipeline);
    }

    /** {@code <org>-datalake-<env>-runs-dlq}: where run requests end that no run could complete. */
    public String runDeadLetterQueue() {
        return base + "-runs-dlq";
    }

    /**
     * {@code run-<pipeline>}: the Google service account of a pipeline's runs. Google allows 30
     * characters, so a longer id keeps its start and ends in a hash of the whole.
     */
    public String gcpRunnerServiceAccount(String pipeline) {
        return gcpAccount(runnerServiceAccount(pipeline));
    }

    /** {@code <org>-datalake-<env>-keda}, shortened like a runner's: the Google service account of KEDA. */
    public String gcpKedaServiceAccount() {
        return gcpAccount(base + "-keda");
    }

    private static String gcpAccount(String id) {
        if (id.length() <= MAX_GCP_ACCOUNT) {
            return id;
        }
        String hash = sha256(id).substring(0, 8);
        String start = id.substring(0, MAX_GCP_ACCOUNT - hash.length() - 1).replaceAll("-+$", "");
        return start + "-" + hash;
    }

    /**
     * Checks a bucket name against S3's rules: 3 to 63 characters of lowercase letters, digits and
     * hyphens, starting and ending with a letter or digit, without the reserved prefixes and suffixes.
     *
     * @throws LakeConfigException naming the bucket name and the rule it breaks
     */
    public static String bucket(String name) {
        String problem = null;
        if (name.length() < 3 || name.length() > MAX_BUCKET) {
            problem = "is " + name.length() + " characters long, but S3 allows 3 to " + MAX_BUCKET
                    + ": shorten the org or environment name";
        } else if (!name.matches("[a-z0-9-]+")) {
            problem = "may hold only lowercase letters, digits and hyphens";
        } else if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            problem = "must start and end with a letter or digit";
        } else if (name.startsWith("xn--") || name.startsWith("sthree-")
                || name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith("--x-s3")) {
            problem = "uses a prefix or suffix that S3 reserves";
        }
        if (problem != null) {
            throw new LakeConfigException("bucket name '" + name + "' " + problem);
        }
        return name;
    }

    private static String stack(String name) {
        if (name.length() > MAX_STACK || !name.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new LakeConfigException("stack name '" + name + "' must be at most " + MAX_STACK
                    + " letters, digits and hyphens, starting with a letter");
        }
        return name;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
