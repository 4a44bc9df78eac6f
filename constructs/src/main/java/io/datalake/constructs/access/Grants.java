package io.datalake.constructs.access;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.IKey;
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
     * Grants the key actions only for requests S3 makes on the grantee's behalf
     * ({@code kms:ViaService = s3.<region>.amazonaws.com}), so the key cannot be used directly.
     */
    public static Grant keyViaS3(IConstruct scope, IGrantable grantee, IKey key, List<String> actions) {
        String viaS3 = "s3." + Stack.of(scope).getRegion() + ".amazonaws.com";
        return onPrincipal(grantee, actions, List.of(key.getKeyArn()),
                Map.of("StringEquals", Map.of("kms:ViaService", viaS3)));
    }
}
