package io.datalake.lambda.api;

import io.datalake.core.PercentCodec;
import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.exceptions.Conflict;
import java.util.Objects;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Trust policies through IAM's {@code GetRole} and {@code UpdateAssumeRolePolicy}. IAM returns
 * the document URL-encoded (RFC 3986); it is decoded here, keeping a {@code +} a plus.
 */
public final class IamTrustPolicies implements TrustPolicies {
    private final IamClient iam;

    public IamTrustPolicies(IamClient iam) {
        this.iam = Objects.requireNonNull(iam, "iam");
    }

    @Override
    public RoleTrust read(String roleName) {
        try {
            Role role = iam.getRole(r -> r.roleName(roleName)).role();
            return new RoleTrust(role.arn(), PercentCodec.decode(role.assumeRolePolicyDocument()));
        } catch (NoSuchEntityException e) {
            throw missing(roleName);
        }
    }

    @Override
    public void write(String roleName, String policy) {
        try {
            iam.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(policy));
        } catch (NoSuchEntityException e) {
            throw missing(roleName);
        } catch (MalformedPolicyDocumentException e) {
            // The lake writes the document itself; what IAM refuses in it is a principal it does not know.
            throw new BadRequest("principal", "IAM refused the principal: " + e.awsErrorDetails().errorMessage());
        } catch (LimitExceededException e) {
            throw new Conflict("the trust policy of role " + roleName + " would exceed IAM's size quota: revoke grants"
                    + " that are no longer needed, or list principals in the dataset file instead");
        }
    }

    private static Conflict missing(String roleName) {
        return new Conflict("role " + roleName + " does not exist: the dataset's stack is not deployed;"
                + " run lake deploy-dataset first");
    }
}
