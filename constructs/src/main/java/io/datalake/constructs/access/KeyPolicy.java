package io.datalake.constructs.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.IConstruct;

/**
 * The key policy of every lake key, with administration and use kept apart (AWS's key-policy
 * pattern of key administrators and key users, instead of the default {@code kms:*} for the account):
 * <ul>
 *   <li>{@code KeyAdministration}: the environment's key administrators ({@code settings.keyAdmins})
 *       may describe, tag, rotate, enable and disable the key, change its policy and schedule or
 *       cancel its deletion: {@link #ADMIN_ACTIONS}, none of which encrypts or decrypts;</li>
 *   <li>{@code UseThroughIam}: the account delegates only the use of the key to IAM
 *       ({@link #USE_ACTIONS}), so the lake's roles may use it as far as their own policies say
 *       (which always limit it to a service with {@code kms:ViaService});</li>
 *   <li>{@code GrantsForAwsResources}: grants only for AWS resources (DynamoDB, EBS...), as those services create them.</li>
 * </ul>
 * Nobody else administers the key: if every key administrator is deleted, only AWS Support can make
 * the key manageable again, so keep the CloudFormation execution role among them.
 */
public final class KeyPolicy {
    /** What a key administrator may do: everything but use the key (and no grants, which would give use). */
    public static final List<String> ADMIN_ACTIONS = List.of("kms:CreateAlias", "kms:DescribeKey", "kms:EnableKey",
            "kms:EnableKeyRotation", "kms:DisableKey", "kms:DisableKeyRotation", "kms:GetKeyPolicy",
            "kms:GetKeyRotationStatus", "kms:ListAliases", "kms:ListGrants", "kms:ListKeyPolicies",
            "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:UpdateAlias", "kms:UpdateKeyDescription",
            "kms:RevokeGrant", "kms:DeleteAlias", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
            "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand");
    /** What the account delegates to IAM policies: using the key, nothing of its administration. */
    public static final List<String> USE_ACTIONS = List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*",
            "kms:ReEncrypt*", "kms:DescribeKey");

    private KeyPolicy() {
    }

    /**
     * The key policy document.
     *
     * @param keyAdmins role names of the account (with {@code ${AWS::AccountId}} and {@code ${AWS::Region}}
     *                  standing for the stack's) or role ARNs
     */
    public static PolicyDocument document(IConstruct scope, List<String> keyAdmins) {
        Stack stack = Stack.of(scope);
        List<IPrincipal> admins = new ArrayList<>();
        for (String admin : keyAdmins) {
            String resolved = admin.replace("${AWS::AccountId}", stack.getAccount()).replace("${AWS::Region}", stack.getRegion());
            admins.add(new ArnPrincipal(resolved.startsWith("arn:") ? resolved
                    : "arn:" + stack.getPartition() + ":iam::" + stack.getAccount() + ":role/" + resolved));
        }
        return PolicyDocument.Builder.create().statements(List.of(
                PolicyStatement.Builder.create().sid("KeyAdministration").principals(admins)
                        .actions(ADMIN_ACTIONS).resources(List.of("*")).build(),
                PolicyStatement.Builder.create().sid("UseThroughIam").principals(List.of(new AccountRootPrincipal()))
                        .actions(USE_ACTIONS).resources(List.of("*")).build(),
                PolicyStatement.Builder.create().sid("GrantsForAwsResources").principals(List.of(new AccountRootPrincipal()))
                        .actions(List.of("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant")).resources(List.of("*"))
                        .conditions(Map.of("Bool", Map.of("kms:GrantIsForAWSResource", "true"))).build()))
                .build();
    }

    /**
     * A statement letting an AWS service use the key for this account's resources only: its
     * {@code aws:SourceAccount} must be the stack's account and, when given, {@code aws:SourceArn} one of
     * {@code sourceArns}.
     */
    public static PolicyStatement forService(IConstruct scope, String sid, String service, List<String> actions,
            List<String> sourceArns) {
        Map<String, Object> conditions = new java.util.LinkedHashMap<>();
        conditions.put("StringEquals", Map.of("aws:SourceAccount", Stack.of(scope).getAccount()));
        if (!sourceArns.isEmpty()) {
            conditions.put("ArnLike", Map.of("aws:SourceArn", sourceArns));
        }
        return PolicyStatement.Builder.create().sid(sid).effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal(service)))
                .actions(actions).resources(List.of("*")).conditions(conditions).build();
    }
}
