package io.datalake.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resource changes between a deployed template and a new one, computed the way CloudFormation
 * reports them: by logical id, {@code Add}, {@code Modify} (with {@code Replacement=True} when a
 * replacement-causing property or the type changes) and {@code Remove}.
 */
final class TemplateDiff {
    /** One changed resource, with CloudFormation's words for the action and replacement. */
    record Change(String action, String logicalId, String type, String replacement) {
    }

    private TemplateDiff() {
    }

    /**
     * @param before the deployed template, or null for a new stack
     * @param replacing properties whose change replaces a resource, e.g. {@code RoleName}
     */
    static List<Change> between(JsonNode before, JsonNode after, Set<String> replacing) {
        JsonNode old = resources(before);
        JsonNode now = resources(after);
        List<Change> changes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = now.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            String id = resource.getKey();
            String type = resource.getValue().path("Type").asText();
            JsonNode previous = old.path(id);
            if (previous.isMissingNode()) {
                changes.add(new Change("Add", id, type, null));
            } else if (!previous.equals(resource.getValue())) {
                boolean replaced = !previous.path("Type").asText().equals(type)
                        || changedProperties(previous, resource.getValue()).stream().anyMatch(replacing::contains);
                changes.add(new Change("Modify", id, type, replaced ? "True" : "False"));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (now.path(resource.getKey()).isMissingNode()) {
                changes.add(new Change("Remove", resource.getKey(), resource.getValue().path("Type").asText(), null));
            }
        }
        return changes;
    }

    /** Logical ids and types of a template's resources, in template order. */
    static Map<String, String> types(JsonNode template) {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        resources(template).fields().forEachRemaining(r -> types.put(r.getKey(), r.getValue().path("Type").asText()));
        return types;
    }

    private static Set<String> changedProperties(JsonNode before, JsonNode after) {
        JsonNode old = before.path("Properties");
        JsonNode now = after.path("Properties");
        Set<String> names = new LinkedHashSet<>();
        old.fieldNames().forEachRemaining(names::add);
        now.fieldNames().forEachRemaining(names::add);
        names.removeIf(name -> old.path(name).equals(now.path(name)));
        return names;
    }

    private static JsonNode resources(JsonNode template) {
        return template == null ? MissingNode.getInstance() : template.path("Resources");
    }
}
