package io.datalake.lambda.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role's trust policy, with the one statement the API manages in it: {@value #SID}, which lets
 * the principals granted through the API assume the role. Statements from the dataset's stack are
 * left exactly as they are; the API neither adds to nor removes from them.
 */
public final class TrustPolicy {
    /** The id of the statement the API manages. */
    public static final String SID = "LakeApiGrants";
    /** A role ARN of any partition: partition, account, path and name. */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:([a-z-]+):iam::(\\d{12}):role/((?:[\\w+=,.@-]+/)*)([\\w+=,.@-]{1,64})");

    private final ObjectNode document;

    private TrustPolicy(ObjectNode document) {
        this.document = document;
    }

    /** @throws IllegalStateException when the text is not a policy document (IAM returned something odd) */
    public static TrustPolicy parse(String json) {
        JsonNode node = Json.parseOwn(json).orElseThrow(() -> new IllegalStateException("a trust policy is not JSON: " + json));
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalStateException("a trust policy is not a JSON object: " + json);
        }
        return new TrustPolicy(object.deepCopy());
    }

    /**
     * Whether two principals are the same IAM identity. Role names are unique without regard to case
     * within an account ({@code Analytics} and {@code analytics} cannot both exist) and paths are not
     * part of that identity, so two role ARNs are the same role when partition, account and name
     * without case agree. Anything else is compared exactly.
     */
    public static boolean sameRole(String a, String b) {
        Matcher ma = ROLE_ARN.matcher(a);
        Matcher mb = ROLE_ARN.matcher(b);
        if (ma.matches() && mb.matches()) {
            return ma.group(1).equals(mb.group(1)) && ma.group(2).equals(mb.group(2))
                    && ma.group(4).toLowerCase(Locale.ROOT).equals(mb.group(4).toLowerCase(Locale.ROOT));
        }
        return a.equals(b);
    }

    private static boolean lists(List<String> principals, String principal) {
        return principals.stream().anyMatch(p -> sameRole(p, principal));
    }

    /** Whether the API's statement lists the principal (in any case of its role name). */
    public boolean grantedHere(String principal) {
        return managed().map(s -> lists(principals(s), principal)).orElse(false);
    }

    /** Whether another statement than the API's lets the principal assume the role. */
    public boolean trustsElsewhere(String principal) {
        for (JsonNode statement : statements()) {
            if (!SID.equals(statement.path("Sid").asText()) && "Allow".equals(statement.path("Effect").asText())
                    && lists(principals(statement), principal)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether sessions of the role {@code roleName} of {@code account} in {@code partition} may
     * assume this role for certain: an {@code Allow} of {@code sts:AssumeRole} without conditions
     * names it, and no {@code Deny} names it or everyone. A trust of a whole account does not count:
     * whether one of its roles may assume this one is decided by that account's own policies.
     */
    public boolean trustsRole(String partition, String account, String roleName) {
        String arn = "arn:" + partition + ":iam::" + account + ":role/" + roleName;
        boolean allowed = false;
        for (JsonNode statement : statements()) {
            List<String> principals = principals(statement);
            String effect = statement.path("Effect").asText();
            if ("Deny".equals(effect) && (lists(principals, arn) || principals.contains("*")
                    || "*".equals(statement.path("Principal").asText()))) {
                return false;
            }
            if ("Allow".equals(effect) && !statement.has("Condition") && !statement.has("NotPrincipal")
                    && !statement.has("NotAction") && assumesRole(statement.path("Action")) && lists(principals, arn)) {
                allowed = true;
            }
        }
        return allowed;
    }

    private static boolean assumesRole(JsonNode action) {
        List<String> actions = new ArrayList<>();
        if (action.isTextual()) {
            actions.add(action.asText());
        } else {
            action.forEach(a -> actions.add(a.asText()));
        }
        return actions.stream().map(a -> a.toLowerCase(Locale.ROOT))
                .anyMatch(a -> a.equals("sts:assumerole") || a.equals("sts:*") || a.equals("*"));
    }

    /** The principals of the API's statement. */
    public List<String> granted() {
        return managed().map(TrustPolicy::principals).orElse(List.of());
    }

    /** This policy with the principal added to the API's statement, which is created if needed. */
    public TrustPolicy withGrant(String principal) {
        ObjectNode copy = document.deepCopy();
        ArrayNode statements = statementArray(copy);
        ObjectNode managed = null;
        for (JsonNode statement : statements) {
            if (SID.equals(statement.path("Sid").asText())) {
                managed = (ObjectNode) statement;
            }
        }
        if (managed == null) {
            managed = statements.addObject().put("Sid", SID).put("Effect", "Allow");
            managed.putObject("Principal");
            managed.put("Action", "sts:AssumeRole");
        }
        List<String> principals = new ArrayList<>(principals(managed));
        if (!lists(principals, principal)) {
            principals.add(principal);
        }
        setPrincipals(managed, principals);
        return new TrustPolicy(copy);
    }

    /** This policy without the principal in the API's statement, which goes when it is left empty. */
    public TrustPolicy withoutGrant(String principal) {
        ObjectNode copy = document.deepCopy();
        ArrayNode statements = statementArray(copy);
        for (int i = 0; i < statements.size(); i++) {
            JsonNode statement = statements.get(i);
            if (SID.equals(statement.path("Sid").asText())) {
                List<String> principals = new ArrayList<>(principals(statement));
                principals.removeIf(p -> sameRole(p, principal));
                if (principals.isEmpty()) {
                    statements.remove(i);
                } else {
                    setPrincipals((ObjectNode) statement, principals);
                }
                break;
            }
        }
        return new TrustPolicy(copy);
    }

    public String toJson() {
        return Json.write(document);
    }

    private Optional<JsonNode> managed() {
        for (JsonNode statement : statements()) {
            if (SID.equals(statement.path("Sid").asText())) {
                return Optional.of(statement);
            }
        }
        return Optional.empty();
    }

    private List<JsonNode> statements() {
        JsonNode statement = document.path("Statement");
        List<JsonNode> all = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(all::add);
        } else if (statement.isObject()) {
            all.add(statement);
        }
        return all;
    }

    /** The Statement member as an array, converting a single statement object IAM allows. */
    private static ArrayNode statementArray(ObjectNode document) {
        JsonNode statement = document.get("Statement");
        if (statement instanceof ArrayNode array) {
            return array;
        }
        ArrayNode array = Json.array();
        if (statement != null && statement.isObject()) {
            array.add(statement);
        }
        document.set("Statement", array);
        return array;
    }

    /** The AWS principals of a statement; IAM writes one as a string, several as an array. */
    private static List<String> principals(JsonNode statement) {
        JsonNode aws = statement.path("Principal").path("AWS");
        List<String> principals = new ArrayList<>();
        if (aws.isTextual()) {
            principals.add(aws.asText());
        } else if (aws.isArray()) {
            aws.forEach(p -> principals.add(p.asText()));
        }
        return principals;
    }

    private static void setPrincipals(ObjectNode statement, List<String> principals) {
        ObjectNode principal = statement.withObjectProperty("Principal");
        if (principals.size() == 1) {
            principal.put("AWS", principals.get(0));
        } else {
            ArrayNode array = principal.putArray("AWS");
            principals.forEach(array::add);
        }
    }
}
