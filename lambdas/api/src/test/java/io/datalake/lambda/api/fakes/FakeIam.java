package io.datalake.lambda.api.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An IAM endpoint on 127.0.0.1 for tests, speaking the protocol the SDK v2 (2.35.0) IAM client
 * really uses: the AWS Query protocol, a form-encoded {@code Action=...&Version=2010-05-08} POSTed
 * to {@code /}, SigV4-signed for the service {@code iam}, answered with XML in the namespace
 * {@value #NS}, errors as {@code <ErrorResponse>}. Requests in another shape are refused with 400,
 * so a protocol change in a later SDK fails the tests instead of passing against a lenient fake.
 *
 * <p>Like IAM: {@code GetRole} returns the trust policy URL-encoded (RFC 3986);
 * {@code UpdateAssumeRolePolicy} refuses a principal that is not a known role
 * ({@code MalformedPolicyDocument}, "Invalid principal in policy") and a document over the default
 * {@code ACLSizePerRole} quota of 2048 characters without whitespace ({@code LimitExceeded}); an
 * unknown role is {@code NoSuchEntity} (404).
 */
public final class FakeIam implements AutoCloseable {
    public static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    public static final String ACCOUNT = "123456789012";
    /** IAM's default quota for a trust policy, in characters without whitespace. */
    public static final int ACL_SIZE_PER_ROLE = 2048;
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/.+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> policies = new ConcurrentHashMap<>();
    private final Set<String> principals = ConcurrentHashMap.newKeySet();
    private final List<String> actions = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();

    private FakeIam(HttpServer server) {
        this.server = server;
    }

    public static FakeIam start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), io.datalake.local.FreePort.pick()), 0);
            FakeIam iam = new FakeIam(server);
            server.createContext("/", iam::serve);
            server.start();
            return iam;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Creates a role of {@link #ACCOUNT} with a trust policy; it is also a principal others may trust. */
    public String createRole(String name, String trustPolicy) {
        policies.put(name, trustPolicy);
        String arn = arn(name);
        principals.add(arn);
        return arn;
    }

    /** Makes a role ARN (of any account) one that trust policies may name. */
    public void addPrincipal(String roleArn) {
        principals.add(roleArn);
    }

    public static String arn(String roleName) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + roleName;
    }

    /** The role's current trust policy as JSON, or null when there is no such role. */
    public String trustPolicy(String roleName) {
        return policies.get(roleName);
    }

    /** The actions received, in order. */
    public List<String> actions() {
        synchronized (actions) {
            return List.copyOf(actions);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String requestId = "00000000-0000-4000-8000-" + String.format("%012d", requests.incrementAndGet());
        try (exchange) {
            answer(exchange, requestId);
        }
    }

    private void answer(HttpExchange exchange, String requestId) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!"POST".equals(exchange.getRequestMethod()) || contentType == null
                    || !contentType.startsWith("application/x-www-form-urlencoded")) {
                throw new QueryError(400, "InvalidAction", "expected a form-encoded POST, got " + exchange.getRequestMethod()
                        + " " + contentType);
            }
            if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ") || !auth.contains("/iam/aws4_request")) {
                throw new QueryError(403, "MissingAuthenticationToken", "expected a SigV4 signature for iam");
            }
            Map<String, String> p = form(body);
            if (!"2010-05-08".equals(p.get("Version"))) {
                throw new QueryError(400, "InvalidParameterValue", "Version must be 2010-05-08, got " + p.get("Version"));
            }
            String action = p.getOrDefault("Action", "");
            actions.add(action);
            String xml = switch (action) {
                case "GetRole" -> getRole(p, requestId);
                case "UpdateAssumeRolePolicy" -> updateAssumeRolePolicy(p, requestId);
                default -> throw new QueryError(400, "InvalidAction", "Could not find operation " + action);
            };
            send(exchange, 200, xml);
        } catch (QueryError e) {
            send(exchange, e.status, "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + e.code
                    + "</Code><Message>" + escape(e.getMessage()) + "</Message></Error><RequestId>" + requestId
                    + "</RequestId></ErrorResponse>");
        }
    }

    private String getRole(Map<String, String> p, String requestId) {
        String name = required(p, "RoleName");
        String policy = policies.get(name);
        if (policy == null) {
            throw noSuchRole(name);
        }
        // IAM's RFC 3986 encoding: URLEncoder is form encoding, so its '+' for a space becomes %20.
        String encoded = URLEncoder.encode(policy, StandardCharsets.UTF_8).replace("+", "%20");
        return "<GetRoleResponse xmlns=\"" + NS + "\"><GetRoleResult><Role>"
                + "<Path>/</Path><RoleName>" + escape(name) + "</RoleName><RoleId>AROA" + Math.abs(name.hashCode()) + "</RoleId>"
                + "<Arn>" + escape(arn(name)) + "</Arn><CreateDate>2026-11-01T00:00:00Z</CreateDate>"
                + "<AssumeRolePolicyDocument>" + encoded + "</AssumeRolePolicyDocument>"
                + "<MaxSessionDuration>43200</MaxSessionDuration>"
                + "</Role></GetRoleResult><ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                + "</GetRoleResponse>";
    }

    private String updateAssumeRolePolicy(Map<String, String> p, String requestId) {
        String name = required(p, "RoleName");
        String document = required(p, "PolicyDocument");
        if (!policies.containsKey(name)) {
            throw noSuchRole(name);
        }
        JsonNode policy;
        try {
            policy = JSON.readTree(document);
        } catch (IOException e) {
            throw new QueryError(400, "MalformedPolicyDocument", "Syntax errors in policy.");
        }
        for (JsonNode statement : policy.path("Statement")) {
            JsonNode aws = statement.path("Principal").path("AWS");
            List<String> arns = new ArrayList<>();
            if (aws.isTextual()) {
                arns.add(aws.asText());
            } else {
                aws.forEach(a -> arns.add(a.asText()));
            }
            for (String arn : arns) {
                boolean root = arn.matches("arn:aws:iam::\\d{12}:root");
                if (!root && (!ROLE_ARN.matcher(arn).matches() || !principals.contains(arn))) {
                    throw new QueryError(400, "MalformedPolicyDocument", "Invalid principal in policy: \"AWS\":\"" + arn + "\"");
                }
            }
        }
        if (document.replaceAll("\\s", "").length() > ACL_SIZE_PER_ROLE) {
            throw new QueryError(409, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: " + ACL_SIZE_PER_ROLE);
        }
        policies.put(name, document);
        return "<UpdateAssumeRolePolicyResponse xmlns=\"" + NS + "\"><ResponseMetadata><RequestId>" + requestId
                + "</RequestId></ResponseMetadata></UpdateAssumeRolePolicyResponse>";
    }

    private static QueryError noSuchRole(String name) {
        return new QueryError(404, "NoSuchEntity", "The role with name " + name + " cannot be found.");
    }

    private static String required(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null) {
            throw new QueryError(400, "ValidationError", "1 validation error detected: Value null at '" + name
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> p = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            p.put(key, value);
        }
        return p;
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class QueryError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        QueryError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
