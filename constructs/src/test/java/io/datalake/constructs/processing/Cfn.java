package io.datalake.constructs.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Reading a synthesized template in tests: intrinsic values as text, and state machine definitions as JSON. */
final class Cfn {
    private Cfn() {
    }

    /** A value with its intrinsics written as cdk-nag writes them: {@code <Bucket.Arn>/sales/*}. */
    @SuppressWarnings("unchecked")
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        Map<String, Object> map = (Map<String, Object>) value;
        if (map.containsKey("Ref")) {
            return "<" + map.get("Ref") + ">";
        }
        if (map.containsKey("Fn::GetAtt")) {
            List<Object> attribute = (List<Object>) map.get("Fn::GetAtt");
            return "<" + attribute.get(0) + "." + attribute.get(1) + ">";
        }
        if (map.containsKey("Fn::Join")) {
            List<Object> join = (List<Object>) map.get("Fn::Join");
            StringBuilder out = new StringBuilder();
            for (Object part : (List<Object>) join.get(1)) {
                out.append(out.length() == 0 ? "" : join.get(0)).append(text(part));
            }
            return out.toString();
        }
        return "<" + map.keySet().iterator().next() + ">";
    }

    /** The definition of a state machine, with every token written as {@code <...>}. */
    @SuppressWarnings("unchecked")
    static JsonNode definition(Template template, String logicalId) {
        Map<String, Object> resource = template.findResources("AWS::StepFunctions::StateMachine").get(logicalId);
        Object definition = ((Map<String, Object>) resource.get("Properties")).get("DefinitionString");
        try {
            return new ObjectMapper().readTree(text(definition));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
