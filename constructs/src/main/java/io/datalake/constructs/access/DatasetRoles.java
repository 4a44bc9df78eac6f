package io.datalake.constructs.access;

import io.datalake.constructs.checks.Suppressions;
import io.datalake.core.AccessLevel;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The three roles of a dataset, each confined to the dataset's prefix of its tier bucket, its
 * tables, its workgroup and the tier key used through S3:
 * <ul>
 *   <li><b>read</b>: objects under {@code <dataset>/}, its Glue tables, queries in its workgroup, and
 *       its own registry items (the dataset and its updates);</li>
 *   <li><b>write</b>: read, plus delivering files under {@code <dataset>/} of its tier's <em>drop</em>
 *       bucket (single and multipart uploads). It adds nothing to the data bucket: only the lake's
 *       services (ingest, conversion, pipelines) write there, so nothing can be added under an update
 *       that is already complete;</li>
 *   <li><b>admin</b>: write, plus changing its tables and partitions, and reading its grants.</li>
 * </ul>
 * No dataset role changes a registry item: the registry is written by the lake's services, the API
 * and {@code lake deploy-dataset}. The principals of the dataset file's access lists may assume the
 * matching role; a role nobody is named for trusts nobody until a grant through the API adds its own
 * statement ({@code LakeApiGrants}) to the trust policy. Every trust policy denies AWS services
 * (requests without {@code aws:PrincipalArn}): dataset roles are for people and workloads only.
 */
public class DatasetRoles extends Construct {
    private final Map<AccessLevel, Role> roles = new EnumMap<>(AccessLevel.class);
    private final DatasetRolesProps props;

    public DatasetRoles(Construct scope, String id, DatasetRolesProps props) {
        super(scope, id);
        this.props = props;
        LakeNames names = props.names();
        DatasetSpec dataset = props.dataset();
        String database = names.glueDatabase(dataset.tier());

        for (AccessLevel level : AccessLevel.values()) {
            List<IPrincipal> principals = new ArrayList<>();
            dataset.access().principals(level).forEach(p -> principals.add(new ArnPrincipal(roleArn(p))));
            if (level == AccessLevel.READ && props.defaultReader() != null) {
                principals.add(props.defaultReader());
            }
            Role role = Role.Builder.create(this, capitalised(level))
                    .roleName(names.datasetRole(dataset.name(), level))
                    .description(level.id() + " access to dataset " + dataset.name() + " (" + dataset.tier().id() + ")")
                    .assumedBy(principals.isEmpty() ? new AccountRootPrincipal()
                            : new CompositePrincipal(principals.toArray(IPrincipal[]::new)))
                    .maxSessionDuration(Duration.hours(12))
                    .build();
            trustOnly(role, principals.isEmpty());
            roles.put(level, role);

            String prefix = DatasetLayout.prefix(dataset.name());
            Grants.readPrefix(this, role, props.bucket(), props.key(), prefix);
            props.workgroup().grantQuery(role);
            if (!props.tables().isEmpty()) {
                Grants.glueTables(this, role, Grants.GLUE_READ_ACTIONS, database, props.tables());
            }
            if (level != AccessLevel.READ) {
                Grants.dropPrefix(this, role, props.dropBucket(), props.key(), prefix);
            }
            if (level == AccessLevel.ADMIN) {
                if (!props.tables().isEmpty()) {
                    Grants.glueTables(this, role, Grants.GLUE_MANAGE_ACTIONS, database, props.tables());
                }
            }
            grantRegistryItems(role, props, level);
            suppressPrefixWildcards(role, props);
        }
    }

    /**
     * Denies every AWS service (a request without {@code aws:PrincipalArn}) in the trust policy and,
     * for a role nobody is named for, trusts no one at all: IAM wants a statement in a trust policy and
     * the CDK a principal for a role, so that role's statements are replaced by the deny alone. The
     * API's grants add their own {@code LakeApiGrants} statement beside it.
     */
    private static void trustOnly(Role role, boolean nobody) {
        Map<String, Object> deny = new LinkedHashMap<>();
        deny.put("Sid", NO_SERVICES);
        deny.put("Effect", "Deny");
        deny.put("Principal", Map.of("AWS", "*"));
        deny.put("Action", "sts:AssumeRole");
        deny.put("Condition", Map.of("Null", Map.of("aws:PrincipalArn", "true")));
        if (nobody) {
            ((CfnRole) role.getNode().getDefaultChild()).addPropertyOverride("AssumeRolePolicyDocument.Statement", List.of(deny));
        } else {
            role.getAssumeRolePolicy().addStatements(PolicyStatement.Builder.create().sid(NO_SERVICES).effect(Effect.DENY)
                    .principals(List.of(new AnyPrincipal())).actions(List.of("sts:AssumeRole"))
                    .conditions(Map.of("Null", Map.of("aws:PrincipalArn", "true"))).build());
        }
    }

    /** The id of the trust statement that keeps AWS services out of dataset roles. */
    public static final String NO_SERVICES = "NoAwsServices";

    private String roleArn(Principal principal) {
        if (principal.isRoleArn()) {
            return principal.value();
        }
        return Stack.of(this).formatArn(ArnComponents.builder().service("iam").region("").resource("role")
                .resourceName(principal.roleName()).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    /**
     * The dataset's own items of the registry, read only, and their key through DynamoDB: every role
     * looks up the dataset and its updates (as {@code lake query} and {@code lake updates} do); the
     * admin also sees the dataset's grants. None writes: the dataset item carries who may grant
     * (written by {@code lake deploy-dataset}), the updates their commit state (written by ingest,
     * conversion and pipelines), the grants what the API recorded.
     */
    private void grantRegistryItems(Role role, DatasetRolesProps props, AccessLevel level) {
        Stack stack = Stack.of(this);
        List<String> tables = new ArrayList<>();
        for (RegistryTable table : level == AccessLevel.ADMIN ? List.of(RegistryTable.DATASETS, RegistryTable.UPDATES, RegistryTable.GRANTS)
                : List.of(RegistryTable.DATASETS, RegistryTable.UPDATES)) {
            tables.add(stack.formatArn(ArnComponents.builder().service("dynamodb").resource("table")
                    .resourceName(props.names().registryTable(table)).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build()));
        }
        Grants.onPrincipal(role, List.of("dynamodb:GetItem", "dynamodb:Query"), tables,
                Map.of("ForAllValues:StringEquals", Map.of("dynamodb:LeadingKeys", List.of(props.dataset().name()))));
        Grants.onPrincipal(role, List.of("kms:Decrypt"), List.of(props.registryKey().getKeyArn()),
                Map.of("StringEquals", Map.of("kms:ViaService", "dynamodb." + stack.getRegion() + ".amazonaws.com")));
    }

    /** The only wildcards are the dataset's own prefixes, which is what the role is for. */
    private void suppressPrefixWildcards(Role role, DatasetRolesProps props) {
        String dataset = props.dataset().name();
        String bucketArn = "arn:<AWS::Partition>:s3:::" + props.names().dataBucket(props.dataset().tier());
        List<String> findings = new ArrayList<>(List.of("Resource::" + bucketArn + "/" + DatasetLayout.prefix(dataset) + "*"));
        if (role != roles.get(AccessLevel.READ)) {
            findings.add("Resource::arn:<AWS::Partition>:s3:::" + props.names().dropBucket(props.dataset().tier()) + "/"
                    + DatasetLayout.prefix(dataset) + "*");
        }
        findings.add("Resource::arn:<AWS::Partition>:s3:::" + props.names().athenaResultsBucket() + "/"
                + props.names().datasetResultsPrefix(props.dataset().tier(), dataset) + "*");
        Suppressions.add(role, "AwsSolutions-IAM5", "Objects under the dataset's own prefix of its tier bucket"
                + " and of its drop bucket (and its own query results) are what this role exists to reach; nothing outside them is granted.", findings);
    }

    private static String capitalised(AccessLevel level) {
        return level.id().substring(0, 1).toUpperCase(Locale.ROOT) + level.id().substring(1);
    }

    /** The role of one access level. */
    public IRole role(AccessLevel level) {
        return roles.get(level);
    }

    /** The dataset the roles are for. */
    public String datasetName() {
        return props.dataset().name();
    }

    /** The dataset's tier. */
    public io.datalake.core.Tier tier() {
        return props.dataset().tier();
    }

    /** The name of the tier's drop bucket, whose dataset folder the write and admin roles deliver to. */
    public String dropBucketName() {
        return props.names().dropBucket(props.dataset().tier());
    }

    /** The name of the tier bucket holding the dataset, whose prefix the roles are confined to. */
    public String bucketName() {
        return props.names().dataBucket(props.dataset().tier());
    }
}
