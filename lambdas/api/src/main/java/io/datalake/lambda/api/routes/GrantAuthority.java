package io.datalake.lambda.api.routes;

import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.lambda.api.TrustPolicies;
import io.datalake.lambda.api.TrustPolicy;
import io.datalake.lambda.api.exceptions.Forbidden;
import io.datalake.registry.DatasetRegistration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may change a dataset's grants: a session of the dataset's admin role, or of a role the admin
 * role's trust policy names (the dataset file's {@code access.admin}, as its stack deployed it).
 * API Gateway's IAM authorisation only says who may call the API at all; without this, anyone
 * allowed to list datasets could grant themselves the read role of a sensitive one.
 *
 * <p>The authority is read from IAM ({@code GetRole} of the admin role), never from the datasets
 * table: the dataset's roles and the pipelines reading it may update that item, while only the
 * dataset's stack writes the admin role's trust policy (the API may change the read and write
 * roles' only). The caller's partition and account must be the admin role's, or those of the role
 * the trust policy names; role names are compared without case, as IAM does.
 */
final class GrantAuthority {
    /** {@code arn:<partition>:sts::<account>:assumed-role/<role>/<session>}: how a role's caller appears. */
    private static final Pattern ASSUMED_ROLE =
            Pattern.compile("arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):sts::(\\d{12}):assumed-role/([\\w+=,.@-]{1,64})/[\\w+=,.@-]{2,64}");
    /** {@code arn:<partition>:iam::<account>:role/<path/><name>}: the admin role's ARN as IAM returns it. */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:([a-z-]+):iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");

    private GrantAuthority() {
    }

    /**
     * @param callerArn the caller's identity as API Gateway saw it
     * @throws Forbidden when the caller is not one of the dataset's administrators
     * @throws io.datalake.lambda.api.exceptions.Conflict when the admin role does not exist (the stack is not deployed)
     */
    static void requireAdmin(LakeNames names, TrustPolicies trust, DatasetRegistration dataset, String callerArn) {
        String adminRole = names.datasetRole(dataset.dataset(), AccessLevel.ADMIN);
        Matcher session = callerArn == null ? null : ASSUMED_ROLE.matcher(callerArn);
        if (session != null && session.matches()) {
            String partition = session.group(1);
            String account = session.group(2);
            String role = session.group(3);
            TrustPolicies.RoleTrust admin = trust.read(adminRole);
            Matcher own = ROLE_ARN.matcher(admin.roleArn());
            if (!own.matches()) {
                throw new IllegalStateException("IAM returned the ARN " + admin.roleArn() + " for role " + adminRole);
            }
            boolean sameAccount = partition.equals(own.group(1)) && account.equals(own.group(2));
            if (sameAccount && role.equalsIgnoreCase(own.group(3))
                    || TrustPolicy.parse(admin.policy()).trustsRole(partition, account, role)) {
                return;
            }
        }
        throw new Forbidden((callerArn == null ? "the request carries no IAM identity" : callerArn + " is not an"
                + " administrator of dataset " + dataset.dataset()) + ": grants are changed through the dataset's admin"
                + " role " + adminRole + " or a role its file lists under access.admin");
    }
}
