package io.datalake.constructs.access;

import io.datalake.core.Tier;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The environment's default reader: a role that reads every internal-tier dataset (objects, tables,
 * queries in the internal workgroup) and nothing of the restricted or sensitive tiers. Any principal
 * of the account whose own policy allows {@code sts:AssumeRole} on it may assume it, which is how
 * "everyone in the organisation" is granted internal data.
 */
public class InternalReaderRole extends Construct {
    private final Role role;

    public InternalReaderRole(Construct scope, String id, InternalReaderRoleProps props) {
        super(scope, id);
        this.role = Role.Builder.create(this, "Resource")
                .roleName(props.names().defaultReaderRole())
                .description("Reads every internal-tier dataset of " + props.names().environmentStack())
                .assumedBy(new AccountRootPrincipal())
                .maxSessionDuration(Duration.hours(12))
                .build();
        props.storage().tier(Tier.INTERNAL).grantReadAll(role);
        props.catalog().grantQuery(role, Tier.INTERNAL);
    }

    public IRole role() {
        return role;
    }
}
