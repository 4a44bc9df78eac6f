package io.datalake.constructs.processing;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * How cdk-nag writes a resource in a finding ({@code Resource::<Bucket.Arn>/*},
 * {@code arn:<AWS::Partition>:logs:...}), computed from the value with its tokens, so that a
 * suppression can accept exactly that finding and no other.
 */
final class NagFindings {
    private NagFindings() {
    }

    /** {@code Resource::} and the rendered value. */
    static String resource(IConstruct scope, String value) {
        return "Resource::" + render(Stack.of(scope).resolve(value));
    }

    @SuppressWarnings("unchecked")
    private static String render(Object resolved) {
        if (resolved instanceof String text) {
            return text;
        }
        if (resolved instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<String, Object> entry = ((Map<String, Object>) map).entrySet().iterator().next();
            switch (entry.getKey()) {
                case "Ref":
                    return "<" + entry.getValue() + ">";
                case "Fn::GetAtt":
                    List<Object> attribute = (List<Object>) entry.getValue();
                    return "<" + attribute.get(0) + "." + attribute.get(1) + ">";
                case "Fn::Join":
                    List<Object> join = (List<Object>) entry.getValue();
                    StringBuilder out = new StringBuilder();
                    List<Object> parts = (List<Object>) join.get(1);
                    for (int i = 0; i < parts.size(); i++) {
                        out.append(i > 0 ? join.get(0) : "").append(render(parts.get(i)));
                    }
                    return out.toString();
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("cannot render " + resolved + " as cdk-nag does");
    }
}
