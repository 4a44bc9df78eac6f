package io.datalake.app.dataset;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates resolved identity-policy statements the way IAM does for the parts our roles use:
 * Allow statements, wildcard actions and resources, and the condition operators StringEquals,
 * StringLike, Null and ForAllValues:StringEquals. A request is allowed when some statement allows it.
 */
final class PolicyEvaluator {
    private final List<Map<String, Object>> statements;

    PolicyEvaluator(List<Map<String, Object>> statements) {
        this.statements = statements;
    }

    boolean allows(String action, String resource) {
        return allows(action, resource, Map.of());
    }

    /** @param context request context keys such as {@code s3:prefix}; a list value is a multi-valued key */
    boolean allows(String action, String resource, Map<String, Object> context) {
        for (Map<String, Object> statement : statements) {
            if ("Allow".equals(statement.get("Effect")) && matchesAny(statement.get("Action"), action)
                    && matchesAny(statement.get("Resource"), resource) && conditionsHold(statement.get("Condition"), context)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAny(Object patterns, String value) {
        List<?> list = patterns instanceof List<?> l ? l : List.of(patterns);
        return list.stream().anyMatch(p -> glob(p.toString()).matcher(value).matches());
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    @SuppressWarnings("unchecked")
    private static boolean conditionsHold(Object conditions, Map<String, Object> context) {
        if (conditions == null) {
            return true;
        }
        for (Map.Entry<String, Object> operator : ((Map<String, Object>) conditions).entrySet()) {
            for (Map.Entry<String, Object> test : ((Map<String, Object>) operator.getValue()).entrySet()) {
                Object actual = context.get(test.getKey());
                List<?> expected = test.getValue() instanceof List<?> l ? l : List.of(test.getValue());
                boolean holds = switch (operator.getKey()) {
                    case "StringEquals" -> actual != null && expected.contains(actual.toString());
                    case "StringLike" -> actual != null && expected.stream().anyMatch(p -> glob(p.toString()).matcher(actual.toString()).matches());
                    case "Null" -> (actual == null) == Boolean.parseBoolean(expected.get(0).toString());
                    case "ForAllValues:StringEquals" -> actual instanceof List<?> values && expected.containsAll(values);
                    default -> throw new IllegalArgumentException("unsupported condition operator " + operator.getKey());
                };
                if (!holds) {
                    return false;
                }
            }
        }
        return true;
    }
}
