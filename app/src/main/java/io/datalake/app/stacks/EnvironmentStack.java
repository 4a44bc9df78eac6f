package io.datalake.app.stacks;

import io.datalake.constructs.access.InternalReaderRole;
import io.datalake.constructs.access.KeyPolicy;
import io.datalake.constructs.api.LakeApi;
import io.datalake.constructs.api.LakeApiProps;
import io.datalake.constructs.ingest.IngestService;
import io.datalake.constructs.ingest.IngestServiceProps;
import io.datalake.constructs.access.InternalReaderRoleProps;
import io.datalake.constructs.catalog.LakeCatalog;
import io.datalake.constructs.catalog.LakeCatalogProps;
import io.datalake.constructs.catalog.Registry;
import io.datalake.constructs.catalog.RegistryBackup;
import io.datalake.constructs.catalog.RegistryBackupProps;
import io.datalake.constructs.catalog.RegistryProps;
import io.datalake.constructs.checks.Suppressions;
import io.datalake.constructs.monitoring.LakeAlarms;
import io.datalake.constructs.monitoring.LakeAlarmsProps;
import io.datalake.constructs.monitoring.LogEncryption;
import io.datalake.constructs.storage.BucketReplication;
import io.datalake.constructs.storage.DataRetention;
import io.datalake.constructs.storage.DropZone;
import io.datalake.constructs.storage.DropZoneProps;
import io.datalake.constructs.storage.LakeBucket;
import io.datalake.constructs.storage.LakeBucketProps;
import io.datalake.constructs.storage.TierBucket;
import io.datalake.constructs.storage.TieredStorage;
import io.datalake.core.RawRetention;
import io.datalake.constructs.storage.TieredStorageProps;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * Everything one environment of the lake needs before any dataset is onboarded: the tiered data
 * and drop buckets with their keys, the artifact, Athena-results and access-log buckets, the Glue
 * databases and Athena workgroups, the default internal reader, the registry tables, and alarms on
 * the dead-letter queue. Deployed once per environment with {@code cdk deploy -c env=NAME}.
 */
public class EnvironmentStack extends software.amazon.awscdk.Stack {
    private final TieredStorage storage;
    private final DropZone dropZone;
    private final LakeCatalog catalog;
    private final Registry registry;
    private final IKey platformKey;
    private final LakeBucket artifacts;
    private IngestService ingest;
    private LakeApi api;

    public EnvironmentStack(Construct scope, String id, EnvironmentStackProps props) {
        super(scope, id, LakeStacks.props(props.names(), props.names().environmentStack(),
                "Datalake Toolkit environment " + props.names().environment()));
        LakeNames names = props.names();
        EnvironmentSettings settings = names.environment().settings();
        LakeStacks.tag(this, names);

        this.platformKey = Key.Builder.create(this, "PlatformKey")
                .alias(names.platformKeyAlias())
                .description("Encrypts the queues, registry, artifacts and query results of " + names.environmentStack())
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .removalPolicy(DataRetention.removalPolicy(this))
                .policy(KeyPolicy.document(this, settings.keyAdmins()))
                .build();
        LakeBucket accessLogs = new LakeBucket(this, "AccessLogs", LakeBucketProps.builder()
                .bucketName(names.accessLogBucket())
                .accessLogTarget(true)
                .expirationDays(settings.accessLogDays())
                .noncurrentVersionDays(1)
                .build());
        Suppressions.add(accessLogs, "AwsSolutions-S1",
                "This bucket receives the server access logs of every other bucket; logging it to itself would loop.",
                List.of());
        Suppressions.addHipaaNist(accessLogs.bucket().getNode().getDefaultChild(), "S3DefaultEncryptionKMS", "S3 server access logging can deliver only"
                + " to a bucket encrypted with SSE-S3, not SSE-KMS.");
        // The platform's own log groups: Lambda functions, state machines, API access and code uploads.
        LogEncryption.allow(platformKey, "PlatformLogs", List.of("/aws/lambda/" + names.environmentStack() + "-*",
                "/aws/vendedlogs/states/" + names.environmentStack() + "-*", names.platformLogGroup("*")));

        this.storage = new TieredStorage(this, "Storage", TieredStorageProps.builder()
                .names(names)
                .accessLogBucket(accessLogs.bucket())
                .build());
        if (settings.replication().isPresent()) {
            new BucketReplication(this, "Replication", names, storage, accessLogs.bucket());
        } else {
            String off = "Replication is off in this environment: set settings.replication to replicate this bucket to"
                    + " a locked replica, in another account if wished (see the README's Compliance section).";
            Suppressions.addHipaaNist(accessLogs.bucket().getNode().getDefaultChild(), "S3BucketReplicationEnabled", off);
            storage.tiers().forEach(tier -> Suppressions.addHipaaNist(tier.bucket().getNode().getDefaultChild(),
                    "S3BucketReplicationEnabled", off));
        }
        storage.tiers().forEach(tier -> tier.expireRawAfter(RawRetention.distinct(props.datasets(), tier.tier())));
        this.artifacts = new LakeBucket(this, "Artifacts", LakeBucketProps.builder()
                .bucketName(names.artifactBucket())
                .encryptionKey(platformKey)
                .accessLogBucket(accessLogs.bucket())
                .noncurrentVersionDays(settings.noncurrentVersionDays())
                .build());
        Suppressions.addHipaaNist(artifacts.bucket().getNode().getDefaultChild(), "S3BucketReplicationEnabled", "The artifacts (Lambda and runner jars,"
                + " pipeline folders) are built from the repository and uploaded again by every deployment.");
        LakeBucket results = new LakeBucket(this, "AthenaResults", LakeBucketProps.builder()
                .bucketName(names.athenaResultsBucket())
                .encryptionKey(platformKey)
                .accessLogBucket(accessLogs.bucket())
                .expirationDays(settings.queryResultDays())
                .noncurrentVersionDays(1)
                .build());
        Suppressions.addHipaaNist(results.bucket().getNode().getDefaultChild(), "S3BucketReplicationEnabled", "Query results are recomputed from the"
                + " datasets and expire after settings.queryResultDays; the datasets themselves can be replicated.");
        this.dropZone = new DropZone(this, "DropZone", DropZoneProps.builder()
                .names(names)
                .storage(storage)
                .accessLogBucket(accessLogs.bucket())
                .queueKey(platformKey)
                .build());
        this.catalog = new LakeCatalog(this, "Catalog", LakeCatalogProps.builder()
                .names(names)
                .storage(storage)
                .resultsBucket(results.bucket())
                .build());
        this.registry = new Registry(this, "Registry", RegistryProps.builder()
                .names(names)
                .encryptionKey(platformKey)
                .build());
        new RegistryBackup(this, "Backup", RegistryBackupProps.builder()
                .names(names)
                .registry(registry)
                .encryptionKey(platformKey)
                .build());
        if (names.environment().hasTier(Tier.INTERNAL)) {
            InternalReaderRole reader = new InternalReaderRole(this, "InternalReader", InternalReaderRoleProps.builder()
                    .names(names)
                    .storage(storage)
                    .catalog(catalog)
                    .build());
            suppressReaderWildcards(reader, names);
            CfnOutput.Builder.create(this, "InternalReaderRoleArn")
                    .description("Assume this role to read every internal-tier dataset")
                    .value(reader.role().getRoleArn())
                    .build();
        }
        IngestService ingest = new IngestService(this, "Ingest", IngestServiceProps.builder()
                .names(names)
                .dropZone(dropZone)
                .storage(storage)
                .registry(registry)
                .code(Code.fromAsset(props.lambdas().ingestJar().toString()))
                .logKey(platformKey)
                .build());
        LakeApi api = new LakeApi(this, "Api", LakeApiProps.builder()
                .names(names)
                .code(Code.fromAsset(props.lambdas().apiJar().toString()))
                .openApi(props.lambdas().openApi())
                .registry(registry)
                .storage(storage)
                .dropZone(dropZone)
                .logKey(platformKey)
                .build());
        // Only the drop rule and the API may put messages on the ingest queue.
        dropZone.restrictSendersTo(List.of(api.function().role()));
        CfnOutput.Builder.create(this, "ApiUrl")
                .description("The REST API (IAM-authorised)")
                .value(api.api().urlForPath("/"))
                .build();
        LakeAlarms alarms = new LakeAlarms(this, "Alarms", LakeAlarmsProps.builder()
                .names(names)
                .encryptionKey(platformKey)
                .build());
        alarms.alarmOnDeadLetters("DropDeadLetters", dropZone.deadLetterQueue());
        this.ingest = ingest;
        this.api = api;

        for (TierBucket tier : storage.tiers()) {
            // Dataset stacks import the tier key by this export; the key never changes, so it never blocks an update.
            CfnOutput.Builder.create(this, TieredStorage.idOf(tier.tier()) + "KeyArn")
                    .description("KMS key of the " + tier.tier().id() + " tier")
                    .value(tier.key().getKeyArn())
                    .exportName(names.tierKeyExport(tier.tier()))
                    .build();
        }
        CfnOutput.Builder.create(this, "PlatformKeyArn")
                .description("KMS key of the registry and queues")
                .value(platformKey.getKeyArn())
                .exportName(names.platformKeyExport())
                .build();
        CfnOutput.Builder.create(this, "DropQueueUrl")
                .description("Queue of files dropped for ingest")
                .value(dropZone.queue().getQueueUrl())
                .build();
    }

    private void suppressReaderWildcards(InternalReaderRole reader, LakeNames names) {
        String internalBucket = "<" + getLogicalId(storage.tier(Tier.INTERNAL).bucket()) + ".Arn>/*";
        Suppressions.add(reader, "AwsSolutions-IAM5",
                "The default reader reads every internal-tier dataset by design: all objects of the internal bucket,"
                        + " every table of the internal Glue database, and its own results under the internal prefix.",
                List.of("Resource::" + internalBucket,
                        "Resource::arn:<AWS::Partition>:glue:" + names.environment().region() + ":" + Suppressions.account(this) + ":table/"
                                + names.glueDatabase(Tier.INTERNAL) + "/*",
                        "Resource::<" + getLogicalId(catalogResultsBucket()) + ".Arn>/" + names.athenaResultsPrefix(Tier.INTERNAL) + "*"));
    }

    private software.amazon.awscdk.services.s3.IBucket catalogResultsBucket() {
        return ((LakeBucket) getNode().findChild("AthenaResults")).bucket();
    }

    private String getLogicalId(software.amazon.awscdk.services.s3.IBucket bucket) {
        return resolve(((software.amazon.awscdk.services.s3.CfnBucket) bucket.getNode().getDefaultChild()).getLogicalId()).toString();
    }

    public TieredStorage storage() {
        return storage;
    }

    public DropZone dropZone() {
        return dropZone;
    }

    public LakeCatalog catalog() {
        return catalog;
    }

    public Registry registry() {
        return registry;
    }

    public IKey platformKey() {
        return platformKey;
    }

    public IngestService ingest() {
        return ingest;
    }

    public LakeApi api() {
        return api;
    }

    public LakeBucket artifacts() {
        return artifacts;
    }
}
