package io.datalake.constructs.catalog;

import io.datalake.constructs.access.Grants;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * An Athena workgroup that enforces its configuration, so a client cannot send results elsewhere
 * or unencrypted: results land under one prefix of the results bucket, encrypted with a tier key,
 * and a query stops at the scan cutoff.
 */
public class QueryWorkgroup extends Construct {
    /** What a query role may do in its workgroup. */
    public static final List<String> QUERY_ACTIONS = List.of("athena:StartQueryExecution",
            "athena:StopQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
            "athena:GetQueryResultsStream", "athena:BatchGetQueryExecution", "athena:GetWorkGroup");

    private final QueryWorkgroupProps props;
    private final CfnWorkGroup workgroup;

    public QueryWorkgroup(Construct scope, String id, QueryWorkgroupProps props) {
        super(scope, id);
        this.props = props;
        this.workgroup = CfnWorkGroup.Builder.create(this, "Resource")
                .name(props.workgroupName())
                .description(props.description())
                .state("ENABLED")
                .recursiveDeleteOption(false)
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(props.bytesScannedCutoff())
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder()
                                .selectedEngineVersion("Athena engine version 3")
                                .build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation(props.resultsBucket().s3UrlForObject(props.resultsPrefix()))
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_KMS")
                                        .kmsKey(props.resultsKey().getKeyArn())
                                        .build())
                                .build())
                        .build())
                .build();
    }

    public String workgroupName() {
        return props.workgroupName();
    }

    /** {@code arn:<partition>:athena:<region>:<account>:workgroup/<name>}. */
    public String workgroupArn() {
        return Stack.of(this).formatArn(ArnComponents.builder().service("athena").resource("workgroup")
                .resourceName(props.workgroupName()).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    /**
     * Lets the grantee run queries here: the Athena query actions on this workgroup, read and write of
     * results under its prefix ({@code s3:GetObject}, {@code s3:PutObject},
     * {@code s3:AbortMultipartUpload}; {@code s3:ListBucket} and {@code s3:GetBucketLocation} limited
     * to the prefix), and the results key through S3. Reading the queried tables and data is granted
     * separately.
     */
    public Grant grantQuery(IGrantable grantee) {
        String prefix = props.resultsPrefix();
        return Grants.onPrincipal(grantee, QUERY_ACTIONS, List.of(workgroupArn()))
                .combine(Grants.onPrincipal(grantee, List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
                        List.of(props.resultsBucket().arnForObjects(prefix + "*"))))
                .combine(Grants.onPrincipal(grantee, List.of("s3:ListBucket", "s3:GetBucketLocation"),
                        List.of(props.resultsBucket().getBucketArn()),
                        Map.of("StringLike", Map.of("s3:prefix", List.of(prefix, prefix + "*")))))
                .combine(Grants.keyViaS3(this, grantee, props.resultsKey(), List.of("kms:GenerateDataKey", "kms:Decrypt")));
    }

    /** The underlying workgroup. */
    public CfnWorkGroup workgroup() {
        return workgroup;
    }
}
