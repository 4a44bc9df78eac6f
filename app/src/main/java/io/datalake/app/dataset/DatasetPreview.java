package io.datalake.app.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a dataset stack creates, in words: its roles with who may assume them and what they may
 * do, its Glue tables and its workgroup. Printed by {@code lake deploy-dataset --dry-run --offline}.
 */
public final class DatasetPreview {
    private DatasetPreview() {
    }

    public static String render(TemplateView view) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, JsonNode> role : view.resources("AWS::IAM::Role").entrySet()) {
            JsonNode props = role.getValue().path("Properties");
            out.append("role ").append(view.text(props.path("RoleName"))).append('\n');
            out.append("  assumed by: ");
            List<String> principals = new java.util.ArrayList<>();
            for (JsonNode statement : props.path("AssumeRolePolicyDocument").path("Statement")) {
                principals.add(view.text(statement.path("Principal").path("AWS")));
            }
            out.append(String.join(", ", principals)).append('\n');
            for (Map<String, Object> statement : view.statementsOf(role.getKey())) {
                out.append("  ").append(statement.get("Effect").toString().toLowerCase(java.util.Locale.ROOT)).append(' ')
                        .append(join(statement.get("Action"))).append("\n      on ").append(join(statement.get("Resource")));
                if (statement.get("Condition") != null) {
                    out.append("\n      when ").append(statement.get("Condition"));
                }
                out.append('\n');
            }
        }
        for (JsonNode table : view.resources("AWS::Glue::Table").values()) {
            JsonNode input = table.path("Properties").path("TableInput");
            out.append("table ").append(view.text(table.path("Properties").path("DatabaseName"))).append('.')
                    .append(view.text(input.path("Name"))).append('\n');
            out.append("  location: ").append(view.text(input.path("StorageDescriptor").path("Location"))).append('\n');
            out.append("  columns: ");
            List<String> columns = new java.util.ArrayList<>();
            input.path("StorageDescriptor").path("Columns").forEach(c -> columns.add(c.path("Name").asText() + " " + c.path("Type").asText()));
            out.append(String.join(", ", columns)).append('\n');
            out.append("  partitioned by: ");
            List<String> keys = new java.util.ArrayList<>();
            input.path("PartitionKeys").forEach(c -> keys.add(c.path("Name").asText()));
            out.append(String.join(", ", keys)).append(" (partition projection)\n");
        }
        for (JsonNode workgroup : view.resources("AWS::Athena::WorkGroup").values()) {
            JsonNode config = workgroup.path("Properties").path("WorkGroupConfiguration");
            out.append("workgroup ").append(view.text(workgroup.path("Properties").path("Name"))).append('\n');
            out.append("  results: ").append(view.text(config.path("ResultConfiguration").path("OutputLocation")))
                    .append(" (SSE-KMS ").append(view.text(config.path("ResultConfiguration").path("EncryptionConfiguration").path("KmsKey")))
                    .append("), cutoff ").append(config.path("BytesScannedCutoffPerQuery").asText()).append(" bytes per query\n");
        }
        return out.toString();
    }

    private static String join(Object value) {
        return value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
    }
}
