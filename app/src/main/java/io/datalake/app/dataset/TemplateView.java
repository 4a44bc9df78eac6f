package io.datalake.app.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.cfn.Intrinsics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthesized CloudFormation template with its intrinsic functions rendered as text: pseudo
 * parameters as given, {@code Fn::ImportValue} as {@code import:<name>}, {@code Fn::GetAtt} as
 * {@code <Id.Attr>}, {@code Ref} of a resource as {@code <Id>}. Good enough to show what a stack
 * grants, and to evaluate its policies in tests.
 */
public final class TemplateView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode template;
    private final Intrinsics intrinsics;

    public TemplateView(JsonNode template, String partition, String account, String region) {
        this.template = template;
        this.intrinsics = new Intrinsics(Map.of("AWS::Partition", partition, "AWS::AccountId", account,
                "AWS::Region", region, "AWS::URLSuffix", "amazonaws.com"));
    }

    public static TemplateView read(Path file, String account, String region) {
        try {
            return new TemplateView(new ObjectMapper().readTree(file.toFile()), "aws", account, region);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logical id to resource node, in template order. */
    public Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        template.path("Resources").fields().forEachRemaining(entry -> {
            if (type == null || type.equals(entry.getValue().path("Type").asText())) {
                result.put(entry.getKey(), entry.getValue());
            }
        });
        return result;
    }

    /** A value with its intrinsic functions rendered as text; lists stay lists, objects stay objects. */
    public Object resolve(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : intrinsics.resolve(JSON.convertValue(node, Object.class));
    }

    /** A value as text: a list as its items joined by ", ". */
    public String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "null" : intrinsics.text(JSON.convertValue(node, Object.class));
    }

    /** The statements of every {@code AWS::IAM::Policy} attached to a role, resolved. */
    public List<Map<String, Object>> statementsOf(String roleLogicalId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (JsonNode policy : resources("AWS::IAM::Policy").values()) {
            boolean attached = false;
            for (JsonNode role : policy.path("Properties").path("Roles")) {
                attached |= roleLogicalId.equals(role.path("Ref").asText());
            }
            if (attached) {
                for (JsonNode statement : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> resolved = (Map<String, Object>) resolve(statement);
                    statements.add(resolved);
                }
            }
        }
        return statements;
    }

    /** The statements of a role's trust policy, resolved. */
    public List<Map<String, Object>> trustOf(String roleLogicalId) {
        return statements(template.path("Resources").path(roleLogicalId).path("Properties").path("AssumeRolePolicyDocument"));
    }

    /** The statements of a KMS key's key policy, resolved. */
    public List<Map<String, Object>> keyPolicyOf(String keyLogicalId) {
        return statements(template.path("Resources").path(keyLogicalId).path("Properties").path("KeyPolicy"));
    }

    /** The statements of every {@code AWS::SQS::QueuePolicy} of a queue, resolved. */
    public List<Map<String, Object>> queuePolicyOf(String queueLogicalId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (JsonNode policy : resources("AWS::SQS::QueuePolicy").values()) {
            for (JsonNode queue : policy.path("Properties").path("Queues")) {
                if (queueLogicalId.equals(queue.path("Ref").asText())) {
                    statements.addAll(statements(policy.path("Properties").path("PolicyDocument")));
                }
            }
        }
        return statements;
    }

    private List<Map<String, Object>> statements(JsonNode document) {
        List<Map<String, Object>> statements = new ArrayList<>();
        JsonNode list = document.path("Statement");
        for (JsonNode statement : list.isArray() ? list : JSON.createArrayNode().add(list)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resolved = (Map<String, Object>) resolve(statement);
            statements.add(resolved);
        }
        return statements;
    }
}
