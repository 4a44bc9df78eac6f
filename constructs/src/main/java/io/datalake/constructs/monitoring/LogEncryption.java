package io.datalake.constructs.monitoring;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Lets CloudWatch Logs encrypt named log groups with a customer-managed key. Logs hold what the
 * lake's code prints (dataset names, object keys, a failing row), so each log group is encrypted
 * with the key of what it logs; the key policy names the log groups, so no other log group of the
 * account can use the key.
 */
public final class LogEncryption {
    private LogEncryption() {
    }

    /**
     * Adds a key policy statement for CloudWatch Logs of the key's region and account, limited by the
     * encryption context {@code aws:logs:arn} to log groups whose names match the patterns.
     *
     * @param logGroupNames log group names, each may end in {@code *}, e.g. {@code /aws/lambda/acme-datalake-dev-*}
     */
    public static void allow(IKey key, String sid, List<String> logGroupNames) {
        Stack stack = Stack.of(key);
        String prefix = "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount() + ":log-group:";
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid(sid)
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        logGroupNames.stream().map(name -> prefix + name).toList())))
                .build());
    }
}
