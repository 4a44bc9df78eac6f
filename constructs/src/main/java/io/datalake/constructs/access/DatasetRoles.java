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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
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
 *   <li><b>write</b>: read, plus new objects under {@code raw/}, {@code data/} and {@code updates/}, only
 *       with {@code If-None-Match: *} so nothing existing is overwritten, and no delete;</li>
 *   <li><b>admin</b>: write, plus changing its tables and partitions and its own registry items.</li>
 * </ul>
 * The principals of the dataset file's access lists may assume the matching role; a role nobody is
 * named for trusts the account, so an account administrator can delegate it.
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
            roles.put(level, role);

            String prefix = DatasetLayout.prefix(dataset.name());
            Grants.readPrefix(this, role, props.bucket(), props.key(), prefix);
            props.workgroup().grantQuery(role);
            if (!props.tables().isEmpty()) {
                Grants.glueTables(this, role, Grants.GLUE_READ_ACTIONS, database, props.tables());
            }
            if (level != AccessLevel.READ) {
                for (String folder : List.of(DatasetLayout.rawPrefix(dataset.name()), DatasetLayout.dataPrefix(dataset.name()),
                        DatasetLayout.manifestPrefix(dataset.name()))) {
                    Grants.writePrefix(this, role, props.bucket(), props.key(), folder, true);
                }
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

    private String roleArn(Principal principal) {
        if (principal.isRoleArn()) {
            return principal.value();
        }
        return Stack.of(this).formatArn(ArnComponents.builder().service("iam").region("").resource("role")
                .resourceName(principal.roleName()).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    /**
     * The dataset's own items of the registry, and their key through DynamoDB: readers and writers
     * look up the dataset and its updates (as {@code lake query} and {@code lake updates} do); the
     * admin also edits them and the dataset's grants.
     */
    private void grantRegistryItems(Role role, DatasetRolesProps props, AccessLevel level) {
        Stack stack = Stack.of(this);
        boolean admin = level == AccessLevel.ADMIN;
        List<String> tables = new ArrayList<>();
        for (RegistryTable table : admin ? List.of(RegistryTable.DATASETS, RegistryTable.UPDATES, RegistryTable.GRANTS)
                : List.of(RegistryTable.DATASETS, RegistryTable.UPDATES)) {
            tables.add(stack.formatArn(ArnComponents.builder().service("dynamodb").resource("table")
                    .resourceName(props.names().registryTable(table)).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build()));
        }
        List<String> actions = admin ? List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem") : List.of("dynamodb:GetItem", "dynamodb:Query");
        Grants.onPrincipal(role, actions, tables,
                Map.of("ForAllValues:StringEquals", Map.of("dynamodb:LeadingKeys", List.of(props.dataset().name()))));
        Grants.onPrincipal(role, admin ? List.of("kms:Decrypt", "kms:GenerateDataKey") : List.of("kms:Decrypt"),
                List.of(props.registryKey().getKeyArn()),
                Map.of("StringEquals", Map.of("kms:ViaService", "dynamodb." + stack.getRegion() + ".amazonaws.com")));
    }

    /** The only wildcards are the dataset's own prefixes, which is what the role is for. */
    private void suppressPrefixWildcards(Role role, DatasetRolesProps props) {
        String dataset = props.dataset().name();
        String bucketArn = "arn:<AWS::Partition>:s3:::" + props.names().dataBucket(props.dataset().tier());
        List<String> findings = new ArrayList<>(List.of("Resource::" + bucketArn + "/" + DatasetLayout.prefix(dataset) + "*"));
        if (role != roles.get(AccessLevel.READ)) {
            findings.add("Resource::" + bucketArn + "/" + DatasetLayout.rawPrefix(dataset) + "*");
            findings.add("Resource::" + bucketArn + "/" + DatasetLayout.dataPrefix(dataset) + "*");
            findings.add("Resource::" + bucketArn + "/" + DatasetLayout.manifestPrefix(dataset) + "*");
        }
        findings.add("Resource::arn:<AWS::Partition>:s3:::" + props.names().athenaResultsBucket() + "/"
                + props.names().datasetResultsPrefix(props.dataset().tier(), dataset) + "*");
        Suppressions.add(role, "AwsSolutions-IAM5", "Objects under the dataset's own prefixes (and its own query"
                + " results) are what this role exists to reach; nothing outside them is granted.", findings);
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

    /** The name of the tier bucket holding the dataset, whose prefix the roles are confined to. */
    public String bucketName() {
        return props.names().dataBucket(props.dataset().tier());
    }
}
