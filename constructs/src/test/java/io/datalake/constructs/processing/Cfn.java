package io.datalake.constructs.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.cfn.Intrinsics;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Reading a synthesized template in tests: intrinsic values as text, and state machine definitions as JSON. */
final class Cfn {
    private Cfn() {
    }

    /** A value with its intrinsics written as cdk-nag writes them: {@code <Bucket.Arn>/sales/*}. */
    static String text(Object value) {
        return Intrinsics.unresolved().text(value);
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
