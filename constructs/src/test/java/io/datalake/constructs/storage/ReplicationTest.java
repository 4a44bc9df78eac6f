package io.datalake.constructs.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.constructs.TestLake;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.ReplicationSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Replication within the environment's own account and region, with every default of {@code settings.replication}. */
class ReplicationTest {
    static TestLake lake;
    static Template template;

    @BeforeAll
    static void synth() {
        lake = new TestLake(EnvironmentSettings.builder().replication(ReplicationSettings.builder().build()).build(), Map.of());
        new BucketReplication(lake.stack, "Replication", lake.names, lake.storage, lake.accessLogs.bucket());
        new ReplicaStorage(lake.stack, "Replicas", lake.names, Aws.ACCOUNT_ID);
        template = Template.fromStack(lake.stack);
    }

    @Test
    void replicasAreLockedInGovernanceModeForThirtyDaysByDefault() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "acme-datalake-dev-sensitive-replica-eu-west-1",
                "ObjectLockConfiguration", Map.of("ObjectLockEnabled", "Enabled", "Rule", Map.of("DefaultRetention",
                        Map.of("Mode", "GOVERNANCE", "Days", ReplicationSettings.DEFAULT_RETENTION_DAYS)))));
    }

    @Test
    void withinOneAccountTheReplicasKeepTheirOwner() {
        Object destination = Match.objectLike(Map.of("Account", Match.absent(), "AccessControlTranslation", Match.absent()));
        Object rule = Match.objectLike(Map.of("Destination", destination));
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "acme-datalake-dev-internal-eu-west-1",
                "ReplicationConfiguration", Match.objectLike(Map.of("Rules", List.of(rule)))));
    }

    @Test
    void withinOneAccountTheRoleMayUseOnlyTheKeyOfTheReplicaAlias() {
        Object statement = Match.objectLike(Map.of("Action", List.of("kms:Encrypt", "kms:GenerateDataKey"),
                "Condition", Map.of("StringEquals", Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com"),
                        "ForAnyValue:StringEquals", Map.of("kms:ResourceAliases", "alias/acme-datalake-dev-replica"))));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(statement))))));
    }

    @Test
    void failsWhenReplicationIsOff() {
        TestLake plain = new TestLake();
        assertThatThrownBy(() -> new BucketReplication(plain.stack, "Replication", plain.names, plain.storage,
                plain.accessLogs.bucket()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("settings.replication must be set for a BucketReplication, but replication is off in environment dev");
        assertThatThrownBy(() -> new ReplicaStorage(plain.stack, "Replicas", plain.names, Aws.ACCOUNT_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("settings.replication must be set for ReplicaStorage");
    }
}
