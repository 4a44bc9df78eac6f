package io.datalake.constructs.checks;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.Aspects;
import software.constructs.IConstruct;

/**
 * Applies the lake's compliance checks on every resource below the scope: cdk-nag's AwsSolutions
 * pack, and the lake's own {@link LakeInvariants}. Findings become error and warning annotations;
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
        LakeInvariants.check(scope);
    }
}
