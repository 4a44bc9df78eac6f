package io.datalake.constructs.checks;

import io.datalake.core.cfn.Intrinsics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a resolved IAM policy document (as {@code Stack.resolve} gives it) as text: actions and
 * resources of its Allow statements, with intrinsics rendered by {@link Intrinsics}, so the
 * invariants can compare ARNs without deploying anything.
 */
final class PolicyText {
    private static final Intrinsics INTRINSICS = Intrinsics.unresolved();
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

    private static String text(Object value) {
        return INTRINSICS.text(value);
    }
}
