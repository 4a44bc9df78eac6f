package io.datalake.constructs.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a resolved IAM policy document (as {@code Stack.resolve} gives it) as text: actions and
 * resources of its Allow statements, with intrinsics flattened ({@code Fn::Join} joined,
 * {@code Ref} and {@code Fn::GetAtt} as {@code <name>}, imports as {@code import:<name>}), so the
 * invariants can compare ARNs without deploying anything.
 */
final class PolicyText {
    private PolicyText() {
    }

    /** One Allow statement: its actions and its resources as text. */
    record Statement(List<String> actions, List<String> resources) {
    }

    static List<Statement> allows(Object document) {
        List<Statement> statements = new ArrayList<>();
        if (!(document instanceof Map<?, ?> map)) {
            return statements;
        }
        for (Object item : list(map.get("Statement"))) {
            if (item instanceof Map<?, ?> statement && "Allow".equals(statement.get("Effect"))) {
                statements.add(new Statement(list(statement.get("Action")).stream().map(PolicyText::text).toList(),
                        list(statement.get("Resource")).stream().map(PolicyText::text).toList()));
            }
        }
        return statements;
    }

    /** A value that may be one item or a list of them, as a list. */
    static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? l : List.of(value);
    }

    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            Object arg = entry.getValue();
            switch (String.valueOf(entry.getKey())) {
                case "Fn::Join" -> {
                    List<?> parts = list(arg);
                    if (parts.size() == 2) {
                        StringBuilder joined = new StringBuilder();
                        List<?> items = list(parts.get(1));
                        for (int i = 0; i < items.size(); i++) {
                            joined.append(i == 0 ? "" : String.valueOf(parts.get(0))).append(text(items.get(i)));
                        }
                        return joined.toString();
                    }
                }
                case "Ref" -> {
                    return "<" + arg + ">";
                }
                case "Fn::GetAtt" -> {
                    return "<" + String.join(".", list(arg).stream().map(String::valueOf).toList()) + ">";
                }
                case "Fn::ImportValue" -> {
                    return "import:" + text(arg);
                }
                default -> {
                    return "<" + entry.getKey() + ">";
                }
            }
        }
        return String.valueOf(value);
    }
}
