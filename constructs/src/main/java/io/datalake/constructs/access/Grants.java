package io.datalake.constructs.access;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/**
 * The building blocks of the constructs' grant methods: identity-policy grants with exact
 * resources and, where needed, conditions. Kept in one place so every grant is shaped the same.
 */
public final class Grants {
    private Grants() {
    }

    /** Grants the actions on the resources to the grantee's identity policy. */
    public static Grant onPrincipal(IGrantable grantee, List<String> actions, List<String> resources) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee).actions(actions).resourceArns(resources).build());
    }

    /** Grants the actions on the resources, only when the conditions hold. */
    public static Grant onPrincipal(IGrantable grantee, List<String> actions, List<String> resources,
            Map<String, ? extends Map<String, ? extends Object>> conditions) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee).actions(actions).resourceArns(resources).conditions(conditions).build());
    }

    /**
     * Read access to one prefix: {@code s3:GetObject} on {@code <prefix>*}, {@code s3:ListBucket}
     * limited by {@code s3:prefix} to the prefix, and {@code kms:Decrypt} on the key through S3.
     */
    public static Grant readPrefix(IConstruct scope, IGrantable grantee, IBucket bucket, IKey key, String prefix) {
        return onPrincipal(grantee, List.of("s3:GetObject"), List.of(bucket.arnForObjects(prefix + "*")))
                .combine(onPrincipal(grantee, List.of("s3:ListBucket"), List.of(bucket.getBucketArn()),
                        Map.of("StringLike", Map.of("s3:prefix", List.of(prefix, prefix + "*")))))
                .combine(keyViaS3(scope, grantee, key, List.of("kms:Decrypt")));
    }

    /**
     * Write access to one prefix: {@code s3:PutObject} and {@code s3:AbortMultipartUpload} on
     * {@code <prefix>*}, and {@code kms:GenerateDataKey} and {@code kms:Decrypt} (multipart uploads
     * need both) on the key through S3. No delete. With {@code createOnly}, a put must carry
     * {@code If-None-Match: *}, so an existing object can never be overwritten.
     */
    public static Grant writePrefix(IConstruct scope, IGrantable grantee, IBucket bucket, IKey key, String prefix,
            boolean createOnly) {
        List<String> actions = List.of("s3:PutObject", "s3:AbortMultipartUpload");
        List<String> objects = List.of(bucket.arnForObjects(prefix + "*"));
        Grant objectGrant = createOnly
                ? onPrincipal(grantee, List.of("s3:PutObject"), objects,
                        Map.of("Null", Map.of("s3:if-none-match", "false")))
                        .combine(onPrincipal(grantee, List.of("s3:AbortMultipartUpload"), objects))
                : onPrincipal(grantee, actions, objects);
        return objectGrant.combine(keyViaS3(scope, grantee, key, List.of("kms:GenerateDataKey", "kms:Decrypt")));
    }

    /**
     * Delivering files under a prefix of a drop bucket: {@code s3:PutObject} (which also covers
     * CreateMultipartUpload, UploadPart and CompleteMultipartUpload: none carries If-None-Match, so no
     * such condition is set), {@code s3:AbortMultipartUpload} and {@code s3:ListMultipartUploadParts} on
     * {@code <prefix>*}, and {@code kms:GenerateDataKey} and {@code kms:Decrypt} (multipart needs both) on
     * the key through S3. No read, no delete: the drop bucket is a mailbox.
     */
    public static Grant dropPrefix(IConstruct scope, IGrantable grantee, IBucket dropBucket, IKey key, String prefix) {
        return onPrincipal(grantee, List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
                List.of(dropBucket.arnForObjects(prefix + "*")))
                .combine(keyViaS3(scope, grantee, key, List.of("kms:GenerateDataKey", "kms:Decrypt")));
    }

    /** What a reader may do with the Glue catalog. */
    public static final List<String> GLUE_READ_ACTIONS = List.of("glue:GetDatabase", "glue:GetTable",
            "glue:GetTables", "glue:GetTableVersion", "glue:GetTableVersions", "glue:GetPartition",
            "glue:GetPartitions", "glue:BatchGetPartition");
    /** What a dataset admin may change in the Glue catalog, beyond reading. */
    public static final List<String> GLUE_MANAGE_ACTIONS = List.of("glue:UpdateTable", "glue:CreatePartition",
            "glue:BatchCreatePartition", "glue:UpdatePartition", "glue:DeletePartition", "glue:BatchDeletePartition");

    /**
     * Glue actions on named tables of one database, plus the catalog and database themselves (Athena
     * reads both before a table).
     *
     * @param tables table names, or {@code *} for every table of the database
     */
    public static Grant glueTables(IConstruct scope, IGrantable grantee, List<String> actions, String database,
            List<String> tables) {
        Stack stack = Stack.of(scope);
        List<String> resources = new java.util.ArrayList<>();
        resources.add(glueArn(stack, "catalog", null));
        resources.add(glueArn(stack, "database", database));
        tables.forEach(table -> resources.add(glueArn(stack, "table", database + "/" + table)));
        return onPrincipal(grantee, actions, resources);
    }

    private static String glueArn(Stack stack, String resource, String name) {
        ArnComponents.Builder arn = ArnComponents.builder().service("glue").resource(resource);
        if (name != null) {
            arn.resourceName(name).arnFormat(ArnFormat.SLASH_RESOURCE_NAME);
        }
        return stack.formatArn(arn.build());
    }

    /**
     * Grants the key actions only for requests S3 makes on the grantee's behalf
     * ({@code kms:ViaService = s3.<region>.amazonaws.com}), so the key cannot be used directly.
     */
    public static Grant keyViaS3(IConstruct scope, IGrantable grantee, IKey key, List<String> actions) {
        String viaS3 = "s3." + Stack.of(scope).getRegion() + ".amazonaws.com";
        return onPrincipal(grantee, actions, List.of(key.getKeyArn()),
                Map.of("StringEquals", Map.of("kms:ViaService", viaS3)));
    }
}
