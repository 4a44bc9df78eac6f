package io.datalake.constructs.checks;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.CfnPolicy;
import software.constructs.IConstruct;

/**
 * Records why a cdk-nag finding does not apply. Every suppression names the rule, a reason a
 * reviewer can check, and, for wildcard findings, exactly which wildcard it accepts.
 */
public final class Suppressions {
    /** The rule id prefix of cdk-nag's HIPAA Security pack. */
    public static final String HIPAA = "HIPAA.Security-";
    /** The rule id prefix of cdk-nag's NIST 800-53 rev 5 pack. */
    public static final String NIST = "NIST.800.53.R5-";

    private Suppressions() {
    }

    /**
     * Suppresses a rule that the HIPAA Security and NIST 800-53 R5 packs share (same name after the
     * pack's prefix, e.g. {@code LambdaDLQ}) on one construct and its children.
     */
    public static void addHipaaNist(IConstruct construct, String rule, String reason) {
        add(construct, HIPAA + rule, reason, List.of());
        add(construct, NIST + rule, reason, List.of());
    }

    /**
     * Accepts the HIPAA and NIST finding {@code IAMNoInlinePolicy} on every policy below the scope that
     * belongs to exactly one role and to no user or group: the CDK writes each role's grants into a
     * policy of that role alone ({@code DefaultPolicy}), created and deleted with the role, so a managed
     * policy would add a shared object and nothing else. Called once the app is built.
     */
    public static void rolePolicies(IConstruct scope) {
        for (IConstruct node : scope.getNode().findAll()) {
            // The CDK fills a policy's roles, users and groups lazily: resolve them to see who holds it.
            if (node instanceof CfnPolicy policy && isEmpty(Stack.of(policy).resolve(policy.getUsers()))
                    && isEmpty(Stack.of(policy).resolve(policy.getGroups()))
                    && Stack.of(policy).resolve(policy.getRoles()) instanceof List<?> roles && roles.size() == 1) {
                addHipaaNist(policy, "IAMNoInlinePolicy", "The policy is its role's own (the CDK's grants for that role),"
                        + " created and deleted with it; no other role, user or group is attached to it.");
            }
        }
    }

    /**
     * A resource's ARN as cdk-nag writes it in a finding, {@code <LogicalId.Arn>}, to name an
     * accepted wildcard exactly, e.g. {@code "Resource::" + arnOf(bucket) + "/*"}.
     */
    public static String arnOf(IConstruct resource) {
        IConstruct child = resource instanceof CfnElement ? resource : resource.getNode().getDefaultChild();
        CfnElement element = (CfnElement) child;
        return "<" + Stack.of(element).resolve(element.getLogicalId()) + ".Arn>";
    }

    private static boolean isEmpty(Object resolved) {
        return resolved == null || resolved instanceof List<?> list && list.isEmpty();
    }

    /**
     * The stack's account as cdk-nag writes it in a finding: {@code <AWS::AccountId>} for an
     * account-agnostic stack, the account itself for a stack deployed to a named account.
     */
    public static String account(IConstruct scope) {
        String account = Stack.of(scope).getAccount();
        return Token.isUnresolved(account) ? "<AWS::AccountId>" : account;
    }

    /**
     * Suppresses a rule on one construct and its children.
     *
     * @param appliesTo the exact findings accepted (e.g. {@code Resource::<Bucket.Arn>/*}); empty for
     *     rules that have no per-finding detail
     */
    public static void add(IConstruct construct, String ruleId, String reason, List<String> appliesTo) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(ruleId).reason(reason);
        if (!appliesTo.isEmpty()) {
            suppression.appliesTo(List.copyOf(appliesTo));
        }
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression.build()), true);
    }
}
