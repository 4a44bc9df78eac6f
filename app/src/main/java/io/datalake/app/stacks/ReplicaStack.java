package io.datalake.app.stacks;

import io.datalake.constructs.storage.ReplicaStorage;
import io.datalake.core.LakeNames;
import io.datalake.core.ReplicationSettings;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The locked replicas of an environment's tier and access-log buckets ({@link ReplicaStorage}), in
 * the account and region {@code settings.replication} names (by default the environment's own).
 * Synthesized only when replication is on, and deployed before the environment stack, whose
 * buckets replicate into it.
 */
public class ReplicaStack extends software.amazon.awscdk.Stack {
    private final ReplicaStorage storage;

    public ReplicaStack(Construct scope, String id, LakeNames names) {
        super(scope, id, props(names));
        LakeStacks.tag(this, names);
        // Without an account of its own, replication stays within the environment's account (Environment checks it).
        String sourceAccount = names.environment().account().orElse(Aws.ACCOUNT_ID);
        this.storage = new ReplicaStorage(this, "Replicas", names, sourceAccount);
    }

    private static StackProps props(LakeNames names) {
        ReplicationSettings replication = names.environment().settings().replication().orElseThrow(
                () -> new IllegalArgumentException("replication is off in environment " + names.environment().name()));
        return StackProps.builder()
                .stackName(names.replicaStack())
                .description("Datalake Toolkit locked replicas of environment " + names.environment().name())
                .env(software.amazon.awscdk.Environment.builder()
                        .account(replication.account().orElse(names.environment().account().orElse(null)))
                        .region(names.replicaRegion())
                        .build())
                .build();
    }

    public ReplicaStorage storage() {
        return storage;
    }
}
