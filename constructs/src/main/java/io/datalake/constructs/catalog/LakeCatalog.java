package io.datalake.constructs.catalog;

import io.datalake.constructs.access.Grants;
import io.datalake.constructs.storage.TierBucket;
import io.datalake.constructs.storage.TieredStorage;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The lake's catalog: per enabled tier, a Glue database that holds the tier's dataset tables and
 * an Athena workgroup that queries them. Workgroups enforce their configuration, so a client
 * cannot send results elsewhere or unencrypted: results land under the tier's prefix of the
 * results bucket, encrypted with the tier's key, and a query stops at the scan cutoff.
 */
public class LakeCatalog extends Construct {
    /** What a query role may do in its workgroup. */
    static final List<String> ATHENA_QUERY_ACTIONS = List.of("athena:StartQueryExecution",
            "athena:StopQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
            "athena:GetQueryResultsStream", "athena:BatchGetQueryExecution", "athena:GetWorkGroup");
    /** What a query role may read of the Glue catalog. */
    static final List<String> GLUE_READ_ACTIONS = List.of("glue:GetDatabase", "glue:GetTable",
            "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition");

    private final LakeNames names;
    private final IBucket resultsBucket;
    private final Map<Tier, TierBucket> storage = new EnumMap<>(Tier.class);
    private final Map<Tier, CfnDatabase> databases = new EnumMap<>(Tier.class);
    private final Map<Tier, CfnWorkGroup> workgroups = new EnumMap<>(Tier.class);

    public LakeCatalog(Construct scope, String id, LakeCatalogProps props) {
        super(scope, id);
        this.names = props.names();
        this.resultsBucket = props.resultsBucket();
        long cutoff = names.environment().settings().bytesScannedCutoff();
        for (TierBucket tier : props.storage().tiers()) {
            Tier t = tier.tier();
            String tierId = TieredStorage.idOf(t);
            storage.put(t, tier);
            databases.put(t, CfnDatabase.Builder.create(this, tierId + "Database")
                    .catalogId(Stack.of(this).getAccount())
                    .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                            .name(names.glueDatabase(t))
                            .description("Tables of the " + t.id() + "-tier datasets of " + names.environmentStack())
                            .locationUri("s3://" + names.dataBucket(t) + "/")
                            .build())
                    .build());
            workgroups.put(t, CfnWorkGroup.Builder.create(this, tierId + "WorkGroup")
                    .name(names.athenaWorkgroup(t))
                    .description("Queries over the " + t.id() + "-tier datasets of " + names.environmentStack())
                    .state("ENABLED")
                    .recursiveDeleteOption(false)
                    .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                            .enforceWorkGroupConfiguration(true)
                            .publishCloudWatchMetricsEnabled(true)
                            .bytesScannedCutoffPerQuery(cutoff)
                            .engineVersion(CfnWorkGroup.EngineVersionProperty.builder()
                                    .selectedEngineVersion("Athena engine version 3")
                                    .build())
                            .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                    .outputLocation(resultsBucket.s3UrlForObject(names.athenaResultsPrefix(t)))
                                    .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                            .encryptionOption("SSE_KMS")
                                            .kmsKey(tier.key().getKeyArn())
                                            .build())
                                    .build())
                            .build())
                    .build());
        }
    }

    /** The Glue database of a tier. */
    public CfnDatabase database(Tier tier) {
        return require(databases, tier);
    }

    /** The Athena workgroup of a tier. */
    public CfnWorkGroup workgroup(Tier tier) {
        return require(workgroups, tier);
    }

    /**
     * Lets the grantee query every table of a tier through its workgroup: Athena query actions on the
     * workgroup, Glue read actions ({@code GetDatabase}, {@code GetTable(s)}, {@code GetPartition(s)},
     * {@code BatchGetPartition}) on the tier's database and its tables, read and write of its own
     * results under the tier's prefix of the results bucket, and the tier key through S3 for those
     * results. Reading the data itself is granted by the tier's storage.
     */
    public Grant grantQuery(IGrantable grantee, Tier tier) {
        CfnWorkGroup workgroup = require(workgroups, tier);
        String database = names.glueDatabase(tier);
        String prefix = names.athenaResultsPrefix(tier);
        Grant athena = Grants.onPrincipal(grantee, ATHENA_QUERY_ACTIONS, List.of(arn("athena", "workgroup", workgroup.getName())));
        Grant glue = Grants.onPrincipal(grantee, GLUE_READ_ACTIONS, List.of(
                arn("glue", "catalog", null), arn("glue", "database", database), arn("glue", "table", database + "/*")));
        Grant results = Grants.onPrincipal(grantee, List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
                        List.of(resultsBucket.arnForObjects(prefix + "*")))
                .combine(Grants.onPrincipal(grantee, List.of("s3:ListBucket", "s3:GetBucketLocation"),
                        List.of(resultsBucket.getBucketArn()),
                        Map.of("StringLike", Map.of("s3:prefix", List.of(prefix, prefix + "*")))));
        Grant key = Grants.keyViaS3(this, grantee, storage.get(tier).key(), List.of("kms:GenerateDataKey", "kms:Decrypt"));
        return athena.combine(glue).combine(results).combine(key);
    }

    private String arn(String service, String resource, String name) {
        ArnComponents.Builder arn = ArnComponents.builder().service(service).resource(resource);
        if (name != null) {
            arn.resourceName(name).arnFormat(ArnFormat.SLASH_RESOURCE_NAME);
        }
        return Stack.of(this).formatArn(arn.build());
    }

    private static <T> T require(Map<Tier, T> map, Tier tier) {
        T value = map.get(tier);
        if (value == null) {
            throw new IllegalArgumentException("tier '" + tier.id() + "' is not enabled in this environment");
        }
        return value;
    }
}
