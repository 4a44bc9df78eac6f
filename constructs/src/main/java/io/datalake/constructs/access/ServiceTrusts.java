package io.datalake.constructs.access;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.CfnRole;
import software.constructs.IConstruct;

/**
 * Confines every role an AWS service assumes to the role's own account (the cross-service confused
 * deputy): each Allow statement of a trust policy whose principal is a service gets
 * {@code aws:SourceAccount} = the stack's account. It walks the built tree once, so the roles the CDK
 * makes itself (state machines, rule targets, Lambda functions, the API's CloudWatch role, custom
 * resources) are covered as well as the lake's own.
 *
 * <p>Services that document the key for the roles they assume (Step Functions, EventBridge and its
 * Scheduler, EMR Serverless, EKS Pod Identity) get {@code StringEquals}; the others (Lambda, Glue, API
 * Gateway, EC2, EKS) get {@code StringEqualsIfExists}, which enforces the account whenever the service
 * sends the key and never locks a service out that does not: iam:PassRole, which never crosses
 * accounts, is what confines those.
 */
public final class ServiceTrusts {
    /** Services whose documentation sets {@code aws:SourceAccount} in the trust policy of the roles they assume. */
    public static final Set<String> DOCUMENTED = Set.of("states.amazonaws.com", "scheduler.amazonaws.com",
            "events.amazonaws.com", "emr-serverless.amazonaws.com", "pods.eks.amazonaws.com");

    private ServiceTrusts() {
    }

    /** Adds the condition to every service trust statement under {@code root}. */
    public static void confine(IConstruct root) {
        Deque<IConstruct> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            IConstruct node = pending.pop();
            if (node instanceof CfnRole role) {
                confine(role);
            }
            pending.addAll(node.getNode().getChildren());
        }
    }

    @SuppressWarnings("unchecked")
    private static void confine(CfnRole role) {
        Stack stack = Stack.of(role);
        Object resolved = stack.resolve(role.getAssumeRolePolicyDocument());
        if (!(resolved instanceof Map<?, ?> document) || !(document.get("Statement") instanceof List<?> statements)) {
            return;
        }
        boolean changed = false;
        List<Object> confined = new ArrayList<>();
        for (Object item : statements) {
            Map<String, Object> statement = new LinkedHashMap<>((Map<String, Object>) item);
            List<String> services = services(statement);
            Map<String, Object> conditions = statement.get("Condition") instanceof Map<?, ?> c
                    ? new LinkedHashMap<>((Map<String, Object>) c) : new LinkedHashMap<>();
            if ("Allow".equals(statement.get("Effect")) && !services.isEmpty() && !conditions.toString().contains("aws:SourceAccount")) {
                String operator = DOCUMENTED.containsAll(services) ? "StringEquals" : "StringEqualsIfExists";
                Map<String, Object> tests = conditions.get(operator) instanceof Map<?, ?> t
                        ? new LinkedHashMap<>((Map<String, Object>) t) : new LinkedHashMap<>();
                tests.put("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"));
                conditions.put(operator, tests);
                statement.put("Condition", conditions);
                changed = true;
            }
            confined.add(statement);
        }
        if (changed) {
            role.addPropertyOverride("AssumeRolePolicyDocument.Statement", confined);
        }
    }

    private static List<String> services(Map<String, Object> statement) {
        if (statement.get("Principal") instanceof Map<?, ?> principal && principal.get("Service") != null) {
            Object service = principal.get("Service");
            List<String> result = new ArrayList<>();
            (service instanceof List<?> l ? l : List.of(service)).forEach(s -> result.add(String.valueOf(s)));
            return result;
        }
        return List.of();
    }
}
