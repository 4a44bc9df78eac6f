package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrustPolicyTest {
    private static final String STACK_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"sts:AssumeRole\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:role/owner\","
            + "\"arn:aws:iam::123456789012:role/etl\"]}}]}";
    private static final String A = "arn:aws:iam::210987654321:role/analytics";
    private static final String B = "arn:aws:iam::210987654321:role/reporting";

    @Test
    void addsGrantsInItsOwnStatementAndLeavesTheStacksStatementAlone() {
        TrustPolicy policy = TrustPolicy.parse(STACK_POLICY).withGrant(A).withGrant(B).withGrant(A);
        assertThat(policy.granted()).containsExactly(A, B);
        assertThat(policy.grantedHere(A)).isTrue();
        assertThat(policy.trustsElsewhere(A)).isFalse();
        assertThat(policy.trustsElsewhere("arn:aws:iam::123456789012:role/etl")).isTrue();
        assertThat(policy.grantedHere("arn:aws:iam::123456789012:role/etl")).isFalse();
        assertThat(policy.toJson()).startsWith(STACK_POLICY.substring(0, STACK_POLICY.length() - 2))
                .contains("{\"Sid\":\"LakeApiGrants\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"" + A + "\",\"" + B
                        + "\"]},\"Action\":\"sts:AssumeRole\"}");
    }

    @Test
    void writesOnePrincipalAsAStringAsIamDoes() {
        TrustPolicy policy = TrustPolicy.parse(STACK_POLICY).withGrant(A);
        assertThat(policy.toJson()).contains("\"Principal\":{\"AWS\":\"" + A + "\"}");
        assertThat(TrustPolicy.parse(policy.toJson()).grantedHere(A)).isTrue();
    }

    @Test
    void removesTheStatementWithItsLastGrant() {
        TrustPolicy policy = TrustPolicy.parse(STACK_POLICY).withGrant(A).withGrant(B).withoutGrant(A);
        assertThat(policy.granted()).containsExactly(B);
        assertThat(policy.withoutGrant(B).toJson()).isEqualTo(STACK_POLICY);
    }

    @Test
    void acceptsASingleStatementObject() {
        String single = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + B
                + "\"},\"Action\":\"sts:AssumeRole\"}}";
        TrustPolicy policy = TrustPolicy.parse(single);
        assertThat(policy.trustsElsewhere(B)).isTrue();
        assertThat(policy.withGrant(A).granted()).containsExactly(A);
        assertThat(policy.withGrant(A).trustsElsewhere(B)).isTrue();
    }
}
