package io.datalake.constructs.checks;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.Aspects;
import software.constructs.IConstruct;

/**
 * Applies the lake's compliance checks on every resource below the scope: cdk-nag's AwsSolutions
 * pack (and, in the tests, the HIPAA Security and NIST 800-53 R5 packs), and the lake's own
 * {@link LakeInvariants}. Findings become error and warning annotations;
 * {@code LakeApp} fails synthesis on any error that is not suppressed.
 */
public final class LakeChecks {
    private LakeChecks() {
    }

    /**
     * Adds nag as an aspect of the scope (usually the whole app) and checks the invariants on the
     * tree as it stands: call it once every stack is built.
     */
    public static void apply(IConstruct scope) {
        Aspects.of(scope).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Suppressions.rolePolicies(scope);
        LakeInvariants.check(scope);
    }

    /**
     * Adds cdk-nag's HIPAA Security and NIST 800-53 R5 packs as well. The tests run them over every
     * stack; synthesis keeps to AwsSolutions, since each pack costs a walk of the whole app. The lake's
     * suppressions for them are part of every synthesis, so a template carries its reasons either way.
     */
    public static void applyCompliancePacks(IConstruct scope) {
        Aspects.of(scope).add(new HIPAASecurityChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(scope).add(new NIST80053R5Checks(NagPackProps.builder().verbose(true).build()));
    }
}
