package io.datalake.app.stacks;

import io.datalake.constructs.access.DatasetRoles;
import io.datalake.constructs.access.DatasetRolesProps;
import io.datalake.constructs.catalog.DatasetTables;
import io.datalake.constructs.catalog.DatasetTablesProps;
import io.datalake.constructs.catalog.QueryWorkgroup;
import io.datalake.constructs.catalog.QueryWorkgroupProps;
import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.dataset.DatasetSpec;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketAttributes;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * One dataset of an environment: its read, write and admin roles, its Glue tables and its own
 * Athena workgroup. It refers to the environment's bucket and keys by name and export, so each
 * dataset deploys (and is deleted) on its own, and no stack comes near CloudFormation's limits.
 * Deleting the stack removes roles, tables and workgroup, never data.
 */
public class DatasetStack extends software.amazon.awscdk.Stack {
    private final DatasetRoles roles;
    private final DatasetTables tables;

    public DatasetStack(Construct scope, String id, DatasetStackProps props) {
        super(scope, id, LakeStacks.props(props.names(), props.names().datasetStack(props.dataset().name()),
                "Datalake Toolkit dataset " + props.dataset().name() + " (" + props.dataset().tier().id()
                        + ") of " + props.names().environmentStack()));
        LakeNames names = props.names();
        DatasetSpec dataset = props.dataset();
        Tier tier = dataset.tier();
        LakeStacks.tag(this, names);
        Tags.of(this).add("datalake:dataset", dataset.name());
        Tags.of(this).add("datalake:tier", tier.id());
        dataset.tags().forEach((key, value) -> Tags.of(this).add(key, value));

        IKey tierKey = Key.fromKeyArn(this, "TierKey", Fn.importValue(names.tierKeyExport(tier)));
        IKey platformKey = Key.fromKeyArn(this, "PlatformKey", Fn.importValue(names.platformKeyExport()));
        IBucket bucket = Bucket.fromBucketAttributes(this, "TierBucket", BucketAttributes.builder()
                .bucketName(names.dataBucket(tier)).encryptionKey(tierKey).build());
        IBucket dropBucket = Bucket.fromBucketAttributes(this, "DropBucket", BucketAttributes.builder()
                .bucketName(names.dropBucket(tier)).encryptionKey(tierKey).build());
        IBucket results = Bucket.fromBucketName(this, "ResultsBucket", names.athenaResultsBucket());

        this.tables = new DatasetTables(this, "Tables", DatasetTablesProps.builder()
                .names(names).dataset(dataset).build());
        QueryWorkgroup workgroup = new QueryWorkgroup(this, "Queries", QueryWorkgroupProps.builder()
                .workgroupName(names.datasetWorkgroup(dataset.name()))
                .description("Queries over dataset " + dataset.name())
                .resultsBucket(results)
                .resultsPrefix(names.datasetResultsPrefix(tier, dataset.name()))
                .resultsKey(tierKey)
                .bytesScannedCutoff(names.environment().settings().bytesScannedCutoff())
                .build());
        DatasetRolesProps.Builder roleProps = DatasetRolesProps.builder()
                .names(names).dataset(dataset).bucket(bucket).dropBucket(dropBucket).key(tierKey).registryKey(platformKey)
                .workgroup(workgroup).tables(tables.tableNames());
        if (tier == Tier.INTERNAL) {
            roleProps.defaultReader(new ArnPrincipal(formatArn(ArnComponents.builder().service("iam").region("")
                    .resource("role").resourceName(names.defaultReaderRole()).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())));
        }
        this.roles = new DatasetRoles(this, "Roles", roleProps.build());

        for (AccessLevel level : AccessLevel.values()) {
            String name = level.id().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + level.id().substring(1);
            CfnOutput.Builder.create(this, name + "RoleArn")
                    .description("Assume for " + level.id() + " access to " + dataset.name())
                    .value(roles.role(level).getRoleArn())
                    .build();
        }
        CfnOutput.Builder.create(this, "Workgroup").value(workgroup.workgroupName()).build();
    }

    public DatasetRoles roles() {
        return roles;
    }

    public DatasetTables tables() {
        return tables;
    }
}
