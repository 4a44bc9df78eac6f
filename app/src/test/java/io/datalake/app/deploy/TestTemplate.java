package io.datalake.app.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small CloudFormation templates for deployer tests, built resource by resource. */
final class TestTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> resources = new LinkedHashMap<>();
    private String description = "test stack";

    TestTemplate role(String logicalId, String roleName) {
        return resource(logicalId, "AWS::IAM::Role", Map.of("RoleName", roleName,
                "AssumeRolePolicyDocument", Map.of("Version", "2012-10-17")));
    }

    TestTemplate table(String logicalId, String... columns) {
        return resource(logicalId, "AWS::Glue::Table", Map.of("DatabaseName", "acme_datalake_dev_internal",
                "TableInput", Map.of("Name", "sales", "Columns", columns)));
    }

    TestTemplate resource(String logicalId, String type, Map<String, Object> properties) {
        resources.put(logicalId, Map.of("Type", type, "Properties", properties));
        return this;
    }

    TestTemplate description(String text) {
        description = text;
        return this;
    }

    String json() {
        try {
            return JSON.writeValueAsString(Map.of("Description", description, "Resources", resources));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode tree() {
        try {
            return JSON.readTree(json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
