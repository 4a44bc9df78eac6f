package io.datalake.constructs.checks;

import io.datalake.constructs.access.DatasetRoles;
import io.datalake.core.AccessLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnDeletionPolicy;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.iam.CfnManagedPolicy;
import software.amazon.awscdk.services.iam.CfnPolicy;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.CfnKey;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.constructs.IConstruct;

/**
 * The lake's own invariants, checked beside cdk-nag's AwsSolutions pack. A breach is an error
 * annotation {@code [Lake-<rule>] ...}, on which {@code LakeApp} fails synthesis as it does on
 * nag's errors. They cannot be suppressed: each is a promise the README makes.
 * <ul>
 *   <li>{@value #RETAIN}: buckets, registry tables and KMS keys are retained when their stack is
 *       deleted, so deleting a stack never deletes data or the keys that decrypt it;</li>
 *   <li>{@value #DATA_WILDCARD}: no identity policy allows an S3 or KMS action on {@code "*"}:
 *       data access is always scoped to buckets, prefixes and keys;</li>
 *   <li>{@value #DATASET_PREFIX}: a dataset's roles reach S3 objects only under the dataset's own
 *       prefix of its tier bucket and of its drop bucket;</li>
 *   <li>{@value #DATASET_DATA_WRITE}: no dataset role may add, change or delete objects of the tier
 *       bucket: only the lake's services write there, so nothing is added under a complete update.</li>
 * </ul>
 */
public final class LakeInvariants {
    public static final String RETAIN = "Lake-Retain";
    public static final String DATA_WILDCARD = "Lake-DataWildcard";
    public static final String DATASET_PREFIX = "Lake-DatasetPrefix";
    public static final String DATASET_DATA_WRITE = "Lake-DatasetDataWrite";

    private LakeInvariants() {
    }

    /**
     * Checks every construct below the scope as the tree stands, so call it once the app is built.
     * A walk from Java rather than an aspect: jsii nests each aspect callback in the previous one's
     * stack frames, and one callback per construct overflowed the stack at a few hundred datasets.
     */
    public static void check(IConstruct scope) {
        for (IConstruct node : scope.getNode().findAll()) {
            visit(node);
        }
    }

    private static void visit(IConstruct node) {
        if (node instanceof CfnBucket || node instanceof CfnTable || node instanceof CfnKey) {
            checkRetained((CfnResource) node);
        }
        if (node instanceof CfnPolicy policy) {
            Object document = Stack.of(node).resolve(policy.getPolicyDocument());
            checkResolved(node, document);
            checkPrefixes(policy, document);
        } else if (node instanceof CfnManagedPolicy policy) {
            checkDocument(node, policy.getPolicyDocument());
        } else if (node instanceof CfnRole role && role.getPolicies() != null) {
            for (Object inline : PolicyText.list(Stack.of(node).resolve(role.getPolicies()))) {
                if (inline instanceof Map<?, ?> map) {
                    checkResolved(node, map.get("PolicyDocument"));
                }
            }
        }
    }

    private static void checkRetained(CfnResource resource) {
        if (resource.getCfnOptions().getDeletionPolicy() != CfnDeletionPolicy.RETAIN) {
            Annotations.of(resource).addError("[" + RETAIN + "] " + resource.getCfnResourceType()
                    + " must be retained when its stack is deleted (RemovalPolicy.RETAIN): it holds or protects data");
        }
    }

    private static void checkDocument(IConstruct node, Object document) {
        checkResolved(node, Stack.of(node).resolve(document));
    }

    private static void checkResolved(IConstruct node, Object document) {
        for (PolicyText.Statement statement : PolicyText.allows(document)) {
            List<String> dataActions = statement.actions().stream()
                    .filter(a -> a.equals("*") || a.startsWith("s3:") || a.startsWith("kms:")).toList();
            if (!dataActions.isEmpty() && statement.resources().contains("*")) {
                Annotations.of(node).addError("[" + DATA_WILDCARD + "] " + String.join(", ", dataActions)
                        + " allowed on \"*\": scope S3 and KMS access to buckets, prefixes and keys");
            }
        }
    }

    /**
     * For the policy of a dataset role: every object it reaches in the tier bucket and the drop bucket
     * is under the dataset's prefix, and nothing of the tier bucket is written.
     */
    private static void checkPrefixes(CfnPolicy policy, Object document) {
        for (IConstruct scope : policy.getNode().getScopes()) {
            if (!(scope instanceof DatasetRoles roles)) {
                continue;
            }
            List<String> outside = new ArrayList<>();
            List<String> writes = new ArrayList<>();
            for (String bucketName : List.of(roles.bucketName(), roles.dropBucketName())) {
                String bucket = ":s3:::" + bucketName + "/";
                String allowed = bucket + roles.datasetName() + "/";
                for (PolicyText.Statement statement : PolicyText.allows(document)) {
                    statement.resources().stream().filter(r -> r.contains(bucket) && !r.contains(allowed)).forEach(outside::add);
                    if (bucketName.equals(roles.bucketName()) && statement.resources().stream().anyMatch(r -> r.contains(bucket))) {
                        statement.actions().stream().filter(a -> a.equals("*") || a.equals("s3:*") || a.startsWith("s3:Put")
                                || a.startsWith("s3:Delete") || a.startsWith("s3:Restore") || a.startsWith("s3:Replicate")).forEach(writes::add);
                    }
                }
            }
            for (AccessLevel level : AccessLevel.values()) {
                IRole role = roles.role(level);
                if (!policy.getNode().getPath().startsWith(role.getNode().getPath() + "/")) {
                    continue;
                }
                if (!outside.isEmpty()) {
                    Annotations.of(role).addError("[" + DATASET_PREFIX + "] the " + level.id() + " role of dataset "
                            + roles.datasetName() + " reaches objects outside " + roles.datasetName() + "/: " + outside);
                }
                if (!writes.isEmpty()) {
                    Annotations.of(role).addError("[" + DATASET_DATA_WRITE + "] the " + level.id() + " role of dataset "
                            + roles.datasetName() + " may write to the tier bucket (" + String.join(", ", writes)
                            + "): deliveries go through the drop bucket and the API");
                }
            }
        }
    }
}
