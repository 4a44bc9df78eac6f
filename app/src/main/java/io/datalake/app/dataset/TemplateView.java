package io.datalake.app.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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
    private final JsonNode template;
    private final Map<String, String> pseudo;

    public TemplateView(JsonNode template, String partition, String account, String region) {
        this.template = template;
        this.pseudo = Map.of("AWS::Partition", partition, "AWS::AccountId", account, "AWS::Region", region,
                "AWS::URLSuffix", "amazonaws.com");
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
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(resolve(item)));
            return list;
        }
        if (node.has("Ref")) {
            String ref = node.get("Ref").asText();
            return pseudo.getOrDefault(ref, "<" + ref + ">");
        }
        if (node.has("Fn::Join")) {
            StringBuilder text = new StringBuilder();
            String separator = node.get("Fn::Join").get(0).asText();
            Iterator<JsonNode> parts = node.get("Fn::Join").get(1).elements();
            while (parts.hasNext()) {
                text.append(resolve(parts.next()));
                if (parts.hasNext()) {
                    text.append(separator);
                }
            }
            return text.toString();
        }
        if (node.has("Fn::ImportValue")) {
            return "import:" + resolve(node.get("Fn::ImportValue"));
        }
        if (node.has("Fn::GetAtt")) {
            return "<" + node.get("Fn::GetAtt").get(0).asText() + "." + node.get("Fn::GetAtt").get(1).asText() + ">";
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), resolve(e.getValue())));
        return map;
    }

    /** A value as text: a list as its items joined by ", ". */
    public String text(JsonNode node) {
        Object value = resolve(node);
        return value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
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
}
