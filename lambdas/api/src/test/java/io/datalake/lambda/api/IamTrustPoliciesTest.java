package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.exceptions.Conflict;
import io.datalake.lambda.api.fakes.FakeIam;
import io.datalake.lambda.api.testing.TestLake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SDK implementation against the fake IAM endpoint, over HTTP in IAM's Query protocol. */
@ExtendWith(TestLake.Extension.class)
class IamTrustPoliciesTest {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static FakeIam iam;
    private static TrustPolicies trust;

    @BeforeAll
    static void start(TestLake lake) {
        iam = lake.iam();
        trust = new IamTrustPolicies(lake.iamClient());
    }

    @Test
    void readsAndReplacesATrustPolicyWhoseDocumentIamUrlEncodes() {
        iam.createRole("iam-test-reader", POLICY);
        String grantee = iam.createRole("team/a+b", "{}");
        TrustPolicies.RoleTrust read = trust.read("iam-test-reader");
        assertThat(read.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/iam-test-reader");
        assertThat(read.policy()).isEqualTo(POLICY);

        String granted = TrustPolicy.parse(read.policy()).withGrant(grantee).toJson();
        trust.write("iam-test-reader", granted);
        assertThat(iam.trustPolicy("iam-test-reader")).isEqualTo(granted).contains("role/team/a+b");
        assertThat(trust.read("iam-test-reader").policy()).isEqualTo(granted);
    }

    @Test
    void failsWithConflictForARoleThatDoesNotExist() {
        assertThatThrownBy(() -> trust.read("iam-test-missing")).isInstanceOf(Conflict.class)
                .hasMessageContaining("role iam-test-missing does not exist");
        assertThatThrownBy(() -> trust.write("iam-test-missing", POLICY)).isInstanceOf(Conflict.class);
    }

    @Test
    void failsWithBadRequestNamingThePrincipalIamRefuses() {
        iam.createRole("iam-test-writer", POLICY);
        String policy = TrustPolicy.parse(POLICY).withGrant("arn:aws:iam::123456789012:role/nobody").toJson();
        assertThatThrownBy(() -> trust.write("iam-test-writer", policy))
                .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.field()).isEqualTo("principal"))
                .hasMessageContaining("Invalid principal in policy");
        assertThat(iam.trustPolicy("iam-test-writer")).isEqualTo(POLICY);
    }

    @Test
    void failsWithConflictWhenThePolicyOutgrowsIamsQuota() {
        iam.createRole("iam-test-full", POLICY);
        TrustPolicy policy = TrustPolicy.parse(POLICY);
        for (int i = 0; i < 40; i++) {
            policy = policy.withGrant(iam.createRole("iam-test-grantee-" + i, "{}"));
        }
        String big = policy.toJson();
        assertThatThrownBy(() -> trust.write("iam-test-full", big)).isInstanceOf(Conflict.class)
                .hasMessageContaining("size quota");
    }
}
