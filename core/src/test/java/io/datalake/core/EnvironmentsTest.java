package io.datalake.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentsTest {

    private static Map<String, Object> env(String org, String account, String region, Object settings) {
        java.util.HashMap<String, Object> map = new java.util.HashMap<>();
        map.put("org", org);
        map.put("account", account);
        map.put("region", region);
        if (settings != null) {
            map.put("settings", settings);
        }
        return map;
    }

    private static Map<String, Object> withDatasets(Map<String, Object> env, String folder) {
        env.put("datasets", folder);
        env.put("pipelines", "pipelines");
        return env;
    }

    @Test
    void keyAdminsDefaultToTheBootstrapExecutionRoleAndTakeRoleNamesOrArns() {
        assertThat(EnvironmentSettings.defaults().keyAdmins()).containsExactly(EnvironmentSettings.DEFAULT_KEY_ADMIN)
                .containsExactly("cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}");
        Environments envs = Environments.fromContext(Map.of("dev", env("acme", null, "eu-west-1",
                Map.of("keyAdmins", List.of("lake-key-admins", "arn:aws:iam::123456789012:role/security/key-admins")))));
        assertThat(envs.get("dev").settings().keyAdmins())
                .containsExactly("lake-key-admins", "arn:aws:iam::123456789012:role/security/key-admins");
        assertThatThrownBy(() -> Environments.fromContext(Map.of("dev", env("acme", null, "eu-west-1",
                Map.of("keyAdmins", List.of()))))).isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("settings.keyAdmins must name at least one role");
        assertThatThrownBy(() -> Environments.fromContext(Map.of("dev", env("acme", null, "eu-west-1",
                Map.of("keyAdmins", List.of("arn:aws:iam::123:user/alice")))))).isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("settings.keyAdmins must hold IAM role names or role ARNs, but 'arn:aws:iam::123:user/alice' was given");
    }

    @Test
    void readsEnvironmentsAndSettingsFromContext() {
        Environments envs = Environments.fromContext(Map.of(
                "dev", env("acme", null, "eu-west-1", null),
                "prod", withDatasets(env("acme", "123456789012", "eu-central-1", Map.of(
                        "tiers", List.of("internal", "sensitive"),
                        "dropExpiryDays", 3,
                        "bytesScannedCutoff", 50_000_000_000L,
                        "alarmEmail", "data-platform@acme.example")), "datasets/prod")));

        assertThat(envs.names()).containsExactly("dev", "prod");
        Environment dev = envs.get("dev");
        assertThat(dev.account()).isEmpty();
        assertThat(dev.datasets()).isEmpty();
        assertThat(dev.pipelines()).isEmpty();
        assertThat(dev.settings().enabledTiers()).containsExactlyInAnyOrder(Tier.values());
        assertThat(dev.settings().dropExpiryDays()).isEqualTo(EnvironmentSettings.DEFAULT_DROP_EXPIRY_DAYS);

        Environment prod = envs.get("prod");
        assertThat(prod.account()).contains("123456789012");
        assertThat(prod.region()).isEqualTo("eu-central-1");
        assertThat(prod.datasets()).contains("datasets/prod");
        assertThat(prod.pipelines()).contains("pipelines");
        assertThat(prod.settings().enabledTiers()).isEqualTo(EnumSet.of(Tier.INTERNAL, Tier.SENSITIVE));
        assertThat(prod.hasTier(Tier.RESTRICTED)).isFalse();
        assertThat(prod.settings().dropExpiryDays()).isEqualTo(3);
        assertThat(prod.settings().bytesScannedCutoff()).isEqualTo(50_000_000_000L);
        assertThat(prod.settings().alarmEmail()).contains("data-platform@acme.example");
    }

    @Test
    void defaultsAreTheDocumentedConstants() {
        EnvironmentSettings s = EnvironmentSettings.defaults();
        assertThat(s.noncurrentVersionDays()).isEqualTo(90);
        assertThat(s.dropExpiryDays()).isEqualTo(14);
        assertThat(s.queryResultDays()).isEqualTo(30);
        assertThat(s.accessLogDays()).isEqualTo(365);
        assertThat(s.bytesScannedCutoff()).isEqualTo(1L << 40);
        assertThat(s.alarmEmail()).isEmpty();
    }

    @Test
    void failsForAnUnknownEnvironmentListingTheKnownOnes() {
        Environments envs = Environments.fromContext(Map.of(
                "dev", env("acme", null, "eu-west-1", null),
                "uat", env("acme", null, "eu-west-1", null)));
        assertThatThrownBy(() -> envs.get("qa"))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("unknown environment 'qa': known environments are dev, uat");
    }

    @Test
    void failsNamingTheEnvironmentAndField() {
        assertThatThrownBy(() -> Environments.fromContext(Map.of("dev", env("Acme!", null, "eu-west-1", null))))
                .hasMessageStartingWith("datalake:environments.dev.org must be");
        assertThatThrownBy(() -> Environments.fromContext(Map.of("dev",
                env("acme", null, "eu-west-1", Map.of("dropExpiryDays", 0)))))
                .hasMessage("datalake:environments.dev.settings.dropExpiryDays must be between 1 and 365, but 0 was given");
        assertThatThrownBy(() -> Environments.fromContext(Map.of("dev",
                env("acme", null, "eu-west-1", Map.of("tiers", List.of("public"))))))
                .hasMessage("datalake:environments.dev.settings.tiers must be one of internal, restricted, sensitive,"
                        + " but 'public' was given");
        assertThatThrownBy(() -> Environments.fromContext(Map.of("dev",
                env("acme", null, "eu-west-1", Map.of("dropExpiry", 3)))))
                .hasMessageStartingWith("datalake:environments.dev.settings.dropExpiry is not a known field");
        assertThatThrownBy(() -> Environments.fromContext(Map.of("dev",
                env("acme", null, "eu-west-1", Map.of("tiers", List.of())))))
                .hasMessageStartingWith("datalake:environments.dev.settings.tiers must name at least one");
        assertThatThrownBy(() -> Environments.fromContext(Map.of("dev",
                env("acme", null, "eu-west-1", Map.of("bytesScannedCutoff", 5)))))
                .hasMessageContaining("settings.bytesScannedCutoff must be at least 10000000");
        assertThatThrownBy(() -> Environments.fromContext(Map.of("dev",
                env("acme", null, "eu-west-1", Map.of("alarmEmail", "nobody")))))
                .hasMessageContaining("settings.alarmEmail must be an e-mail address, but 'nobody' was given");
    }

    @Test
    void failsWhenTheContextKeyIsMissing() {
        assertThatThrownBy(() -> Environments.fromContext(null))
                .hasMessage("datalake:environments must map environment names to {org, account, region, settings}"
                        + " in cdk.json's context, but it is missing");
    }
}
