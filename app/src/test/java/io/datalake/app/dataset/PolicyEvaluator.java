package io.datalake.app.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates resolved policy statements the way IAM does for the parts the lake's policies use:
 * Allow and Deny (an explicit Deny wins), Action/NotAction, Resource/NotResource, Principal for
 * resource policies (trust, key and queue policies), and the condition operators StringEquals,
 * StringNotEquals, StringLike, StringNotLike, ArnEquals, ArnLike, ArnNotEquals, ArnNotLike, Bool and
 * Null, each with the {@code IfExists} suffix and the {@code ForAllValues:} / {@code ForAnyValue:}
 * set prefixes. A missing context key fails a positive operator and satisfies a negated one, as in IAM.
 *
 * <p>An identity policy has no principal: {@link #allows(String, String, Map)}. A resource policy
 * is asked for a principal: {@link #allows(Caller, String, String, Map)}; a statement naming the
 * account ({@code arn:aws:iam::<account>:root}) matches every principal of that account.
 */
public final class PolicyEvaluator {
    private final List<Map<String, Object>> statements;

    public PolicyEvaluator(List<Map<String, Object>> statements) {
        this.statements = List.copyOf(statements);
    }

    /** Who makes a request to a resource policy: an AWS principal (by ARN) or an AWS service. */
    public record Caller(String arn, String service) {
        public static Caller aws(String arn) {
            return new Caller(arn, null);
        }

        public static Caller service(String service) {
            return new Caller(null, service);
        }

        String account() {
            String[] parts = arn == null ? new String[0] : arn.split(":");
            return parts.length > 4 ? parts[4] : null;
        }
    }

    public boolean allows(String action, String resource) {
        return allows(action, resource, Map.of());
    }

    /** @param context request context keys such as {@code s3:prefix}; a list value is a multi-valued key */
    public boolean allows(String action, String resource, Map<String, ?> context) {
        return decide(null, action, resource, context);
    }

    /** For a resource policy: whether the caller may do the action (a trust policy has no resource: give {@code null}). */
    public boolean allows(Caller caller, String action, String resource, Map<String, ?> context) {
        return decide(caller, action, resource, context);
    }

    public boolean allows(Caller caller, String action) {
        return decide(caller, action, null, Map.of());
    }

    /** Whether some Allow statement matches (ignoring Deny): the question "does any statement grant this". */
    public boolean grants(String action, String resource, Map<String, ?> context) {
        return statements.stream().anyMatch(s -> "Allow".equals(s.get("Effect")) && matches(s, null, action, resource, context));
    }

    /** Whether a Deny statement matches the caller's request: refused whatever the caller's own policies say. */
    public boolean denies(Caller caller, String action, String resource, Map<String, ?> given) {
        Map<String, ?> context = withCaller(caller, given);
        return statements.stream().anyMatch(s -> "Deny".equals(s.get("Effect")) && matches(s, caller, action, resource, context));
    }

    /** IAM sets {@code aws:PrincipalArn} and {@code aws:PrincipalAccount} for every request of an AWS principal. */
    private static Map<String, ?> withCaller(Caller caller, Map<String, ?> context) {
        if (caller == null || caller.arn() == null) {
            return context;
        }
        Map<String, Object> full = new java.util.HashMap<>(context);
        full.putIfAbsent("aws:PrincipalArn", caller.arn());
        if (caller.account() != null) {
            full.putIfAbsent("aws:PrincipalAccount", caller.account());
        }
        return full;
    }

    private boolean decide(Caller caller, String action, String resource, Map<String, ?> given) {
        Map<String, ?> context = withCaller(caller, given);
        boolean allowed = false;
        for (Map<String, Object> statement : statements) {
            if (matches(statement, caller, action, resource, context)) {
                if ("Deny".equals(statement.get("Effect"))) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    private static boolean matches(Map<String, Object> s, Caller caller, String action, String resource, Map<String, ?> context) {
        if (caller != null && !principalMatches(s, caller)) {
            return false;
        }
        boolean actionOk = s.containsKey("NotAction") ? !matchesAny(s.get("NotAction"), action, true)
                : matchesAny(s.get("Action"), action, true);
        boolean resourceOk = resource == null || (s.containsKey("NotResource") ? !matchesAny(s.get("NotResource"), resource, false)
                : !s.containsKey("Resource") || matchesAny(s.get("Resource"), resource, false));
        return actionOk && resourceOk && conditionsHold(s.get("Condition"), context);
    }

    @SuppressWarnings("unchecked")
    private static boolean principalMatches(Map<String, Object> s, Caller caller) {
        Object principal = s.get("Principal");
        if (principal == null) {
            return false;
        }
        if ("*".equals(principal)) {
            return true;
        }
        Map<String, Object> byType = (Map<String, Object>) principal;
        if (caller.service() != null) {
            return list(byType.get("Service")).stream().anyMatch(p -> p.equals(caller.service()));
        }
        for (String p : list(byType.get("AWS"))) {
            if (p.equals("*") || p.equals(caller.arn()) || p.equals(caller.account())
                    || (p.endsWith(":root") && p.split(":").length > 4 && p.split(":")[4].equals(caller.account()))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        (value instanceof List<?> l ? l : List.of(value)).forEach(v -> result.add(String.valueOf(v)));
        return result;
    }

    private static boolean matchesAny(Object patterns, String value, boolean ignoreCase) {
        return list(patterns).stream().anyMatch(p -> glob(p, ignoreCase).matcher(value).matches());
    }

    /** IAM's wildcards: {@code *} is any run of characters (also '/'), {@code ?} is one character. */
    static Pattern glob(String pattern, boolean ignoreCase) {
        return GLOBS.computeIfAbsent(pattern + (ignoreCase ? "\u0000i" : ""), k -> compile(pattern, ignoreCase));
    }

    private static final Map<String, Pattern> GLOBS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern compile(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    @SuppressWarnings("unchecked")
    private static boolean conditionsHold(Object conditions, Map<String, ?> context) {
        if (conditions == null) {
            return true;
        }
        for (Map.Entry<String, Object> operator : ((Map<String, Object>) conditions).entrySet()) {
            for (Map.Entry<String, Object> test : ((Map<String, Object>) operator.getValue()).entrySet()) {
                if (!holds(operator.getKey(), context.get(test.getKey()), list(test.getValue()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operatorName, Object actual, List<String> expected) {
        String op = operatorName;
        String set = null;
        if (op.startsWith("ForAllValues:") || op.startsWith("ForAnyValue:")) {
            set = op.substring(0, op.indexOf(':'));
            op = op.substring(op.indexOf(':') + 1);
        }
        boolean ifExists = op.endsWith("IfExists");
        if (ifExists) {
            op = op.substring(0, op.length() - "IfExists".length());
        }
        if (op.equals("Null")) {
            return (actual == null) == Boolean.parseBoolean(expected.get(0));
        }
        List<String> values = actual == null ? List.of() : list(actual);
        String base = op.replace("Not", "");
        boolean negated = !op.equals(base);
        if (set != null) {
            if ("ForAllValues".equals(set)) {
                return values.stream().allMatch(v -> single(base, v, expected) != negated);
            }
            return values.stream().anyMatch(v -> single(base, v, expected) != negated);
        }
        if (actual == null) {
            return ifExists || negated;
        }
        boolean any = values.stream().anyMatch(v -> single(base, v, expected));
        return negated != any;
    }

    private static boolean single(String operator, String value, List<String> expected) {
        return switch (operator) {
            case "StringEquals", "ArnEquals" -> expected.contains(value);
            case "StringEqualsIgnoreCase" -> expected.stream().anyMatch(e -> e.equalsIgnoreCase(value));
            case "StringLike", "ArnLike" -> expected.stream().anyMatch(p -> glob(p, false).matcher(value).matches());
            case "Bool" -> expected.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)));
            default -> throw new IllegalArgumentException("unsupported condition operator " + operator);
        };
    }
}
