package io.datalake.constructs.checks;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Records why a cdk-nag finding does not apply. Every suppression names the rule, a reason a
 * reviewer can check, and, for wildcard findings, exactly which wildcard it accepts.
 */
public final class Suppressions {
    private Suppressions() {
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
