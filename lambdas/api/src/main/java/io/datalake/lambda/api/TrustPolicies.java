package io.datalake.lambda.api;

import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.exceptions.Conflict;

/**
 * Reads and replaces the trust policy (who may assume it) of an IAM role: how the grant routes
 * give a principal a dataset's role. {@link IamTrustPolicies} is the implementation on AWS.
 */
public interface TrustPolicies {
    /** A role's ARN and its trust policy document as JSON. */
    record RoleTrust(String roleArn, String policy) {
    }

    /**
     * @throws Conflict when the role does not exist (the dataset's stack is not deployed)
     */
    RoleTrust read(String roleName);

    /**
     * Replaces a role's trust policy.
     *
     * @throws BadRequest naming {@code principal} when IAM refuses a principal (no such role)
     * @throws Conflict when the role does not exist or the policy exceeds IAM's size quota
     */
    void write(String roleName, String policy);
}
