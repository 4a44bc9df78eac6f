package io.datalake.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settings of backup, replication and concurrency: defaults, parsing from cdk.json, and one-line errors. */
class ComplianceSettingsTest {

    private static EnvironmentSettings parse(Map<String, Object> settings) {
        return parse(settings, "111122223333");
    }

    private static EnvironmentSettings parse(Map<String, Object> settings, String account) {
        Map<String, Object> env = new HashMap<>();
        env.put("org", "acme");
        env.put("account", account);
        env.put("region", "eu-west-1");
        env.put("settings", settings);
        return Environments.fromContext(Map.of("dev", env)).get("dev").settings();
    }

    @Test
    void defaultsBackUpDailyWithoutLockAndReplicateNothing() {
        EnvironmentSettings settings = EnvironmentSettings.defaults();
        assertThat(settings.backup().retentionDays()).isEqualTo(BackupSettings.DEFAULT_RETENTION_DAYS).isEqualTo(35);
        assertThat(settings.backup().vaultLock()).isFalse();
        assertThat(settings.backup().copyToVaultArn()).isEmpty();
        assertThat(settings.replication()).isEmpty();
        assertThat(settings.ingestMaxConcurrency()).isEqualTo(EnvironmentSettings.DEFAULT_INGEST_MAX_CONCURRENCY).isEqualTo(10);
        assertThat(settings.apiReservedConcurrency()).isEqualTo(EnvironmentSettings.DEFAULT_API_RESERVED_CONCURRENCY).isEqualTo(20);
        assertThat(ReplicationSettings.builder().build().retentionDays()).isEqualTo(ReplicationSettings.DEFAULT_RETENTION_DAYS);
        assertThat(ReplicationSettings.builder().build().lockMode()).isEqualTo(ReplicationSettings.LockMode.GOVERNANCE);
    }

    @Test
    void readsEveryFieldFromCdkJson() {
        EnvironmentSettings settings = parse(Map.of(
                "backup", Map.of("retentionDays", 90, "vaultLock", true,
                        "copyToVaultArn", "arn:aws:backup:eu-central-1:222233334444:backup-vault:lake-copies"),
                "replication", Map.of("account", 222233334444L, "region", "eu-central-1", "retentionDays", 7,
                        "lockMode", "compliance"),
                "ingestMaxConcurrency", 5, "apiReservedConcurrency", 50));
        assertThat(settings.backup().retentionDays()).isEqualTo(90);
        assertThat(settings.backup().vaultLock()).isTrue();
        assertThat(settings.backup().copyToVaultArn()).contains("arn:aws:backup:eu-central-1:222233334444:backup-vault:lake-copies");
        ReplicationSettings replication = settings.replication().orElseThrow();
        assertThat(replication.account()).contains("222233334444");
        assertThat(replication.region()).contains("eu-central-1");
        assertThat(replication.retentionDays()).isEqualTo(7);
        assertThat(replication.lockMode()).isEqualTo(ReplicationSettings.LockMode.COMPLIANCE);
        assertThat(settings.ingestMaxConcurrency()).isEqualTo(5);
        assertThat(settings.apiReservedConcurrency()).isEqualTo(50);
    }

    @Test
    void anEmptyReplicationObjectTurnsReplicationOnWithDefaults() {
        ReplicationSettings replication = parse(Map.of("replication", Map.of())).replication().orElseThrow();
        assertThat(replication.account()).isEmpty();
        assertThat(replication.region()).isEmpty();
        assertThat(replication.retentionDays()).isEqualTo(30);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"backup\": {\"retentionDays\": 0}}|settings.backup.retentionDays must be between 1 and 36500, but 0 was given",
        "{\"backup\": {\"vaultLock\": \"yes\"}}|settings.backup.vaultLock must be true or false, but 'yes' was given",
        "{\"backup\": {\"copyToVaultArn\": \"arn:aws:s3:::bucket\"}}|settings.backup.copyToVaultArn must be a backup vault ARN such as arn:aws:backup:eu-central-1:111122223333:backup-vault:lake-copies, but 'arn:aws:s3:::bucket' was given",
        "{\"backup\": {\"copyTo\": \"x\"}}|settings.backup.copyTo is not a known field; known fields are retentionDays, vaultLock, copyToVaultArn",
        "{\"replication\": {\"account\": \"1234\"}}|settings.replication.account must be 12 digits, but '1234' was given",
        "{\"replication\": {\"region\": \"Frankfurt\"}}|settings.replication.region must be an AWS region such as eu-central-1, but 'Frankfurt' was given",
        "{\"replication\": {\"retentionDays\": 40000}}|settings.replication.retentionDays must be between 1 and 36500, but 40000 was given",
        "{\"replication\": {\"lockMode\": \"strict\"}}|settings.replication.lockMode must be GOVERNANCE or COMPLIANCE, but 'STRICT' was given",
        "{\"replication\": true}|settings.replication must be an object with account, region, retentionDays, lockMode, but 'true' was given",
        "{\"ingestMaxConcurrency\": 1}|settings.ingestMaxConcurrency must be between 2 and 1000, but 1 was given",
        "{\"apiReservedConcurrency\": 0}|settings.apiReservedConcurrency must be between 1 and 1000, but 0 was given",
        "{\"apiReservedConcurrency\": 2.5}|settings.apiReservedConcurrency must be a whole number, but '2.5' was given",
    })
    @SuppressWarnings("unchecked")
    void failsInOneLineNamingTheField(String json, String message) throws Exception {
        Map<String, Object> settings = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
        assertThatThrownBy(() -> parse(settings))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("datalake:environments.dev." + message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void failsWhenReplicasInAnotherAccountHaveNoSourceAccountToTrust() {
        assertThatThrownBy(() -> parse(Map.of("replication", Map.of("account", "222233334444")), null))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("datalake:environments.dev.account must be set when settings.replication.account is: the replica"
                        + " buckets of another account trust this environment's replication role by its account");
    }

    @Test
    void namesTheReplicasInTheReplicaRegion() {
        Environment env = Environment.builder().org("acme").name("dev").region("eu-west-1")
                .settings(EnvironmentSettings.builder().replication(ReplicationSettings.builder().region("eu-central-1").build())
                        .build())
                .build();
        LakeNames names = new LakeNames(env);
        assertThat(names.replicaBucket(Tier.SENSITIVE)).isEqualTo("acme-datalake-dev-sensitive-replica-eu-central-1");
        assertThat(names.accessLogReplicaBucket()).isEqualTo("acme-datalake-dev-access-logs-replica-eu-central-1");
        assertThat(names.replicaLogBucket()).isEqualTo("acme-datalake-dev-replica-logs-eu-central-1");
        assertThat(names.replicaKeyAlias()).isEqualTo("alias/acme-datalake-dev-replica");
        assertThat(names.replicationRole()).isEqualTo("acme-datalake-dev-eu-west-1-replication");
        assertThat(names.registryBackup()).isEqualTo("acme-datalake-dev-registry");
        assertThat(names.platformLogGroup("api-access")).isEqualTo("/datalake/acme-datalake-dev/platform/api-access");
    }

    @Test
    void failsWhenAReplicaBucketNameWouldBreakS3Rules() {
        Environment env = Environment.builder().org("acme-analytics-emea").name("staging").region("eu-west-1")
                .settings(EnvironmentSettings.builder().replication(ReplicationSettings.builder()
                        .region("ap-southeast-2").build()).build())
                .build();
        assertThatThrownBy(() -> new LakeNames(env))
                .isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("acme-analytics-emea-datalake-staging-access-logs-replica-ap-southeast-2");
    }
}
