package io.datalake.app.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * A CloudFormation endpoint on 127.0.0.1 for tests. It speaks the protocol the SDK v2 (2.35.0)
 * CloudFormation client really uses, the AWS Query protocol: a form-encoded
 * {@code Action=...&Version=2010-05-15} POSTed to {@code /}, SigV4-signed for the service
 * {@code cloudformation}, answered with XML in CloudFormation's namespace, errors as
 * {@code <ErrorResponse>}. A request in any other shape is refused, so a change of protocol in a
 * later SDK shows up as a failing test rather than as a fake that agrees with anything.
 *
 * <p>Stacks, change sets and events live in memory. Change sets are diffs of the JSON templates by
 * logical id (see {@link TemplateDiff}). Like the real service, work happens asynchronously: a
 * change set is computed over the next DescribeChangeSet calls, and a running stack operation emits
 * a few events each time the stack is read (DescribeStacks or DescribeStackEvents naming it), with
 * timestamps one second apart from a fixed start. Tests are therefore deterministic and need no
 * sleeping, yet still exercise polling.
 */
public final class FakeCloudFormation implements AutoCloseable {
    /** The region the fake claims to be, and the clients it builds use. */
    public static final String REGION = "eu-west-1";
    /** The account in the fake's ARNs. */
    public static final String ACCOUNT = "123456789012";
    private static final String STACK_TYPE = "AWS::CloudFormation::Stack";
    // Small pages, so that callers' paging is exercised by ordinary tests.
    private static final int CHANGES_PER_PAGE = 2;
    private static final int EVENTS_PER_PAGE = 4;
    /** Events a running operation emits per read of its stack: more than a page now and then. */
    private static final int EVENTS_PER_READ = 3;
    private static final Set<String> UPDATABLE = Set.of(
            "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server otherwise waits for the client's delayed ACK between the response's
        // header and body writes: 40 ms per request, most of a test's time. Read once per JVM,
        // when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    /** By stack id, deleted stacks included: DescribeStacks still finds those by id. */
    private final Map<String, FakeStack> stacks = new LinkedHashMap<>();
    private final Map<String, String> failures = new HashMap<>();
    private final Set<String> replacing = new HashSet<>(Set.of("RoleName", "BucketName", "TableName"));
    private final List<Map<String, String>> requests = new ArrayList<>();
    private final List<CloudFormationClient> clients = new ArrayList<>();
    private boolean denied;
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private int sequence;

    private FakeCloudFormation() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), io.datalake.local.FreePort.pick()), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake on a free port of 127.0.0.1. */
    public static FakeCloudFormation start() {
        try {
            return new FakeCloudFormation();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client of this fake (static region and fake credentials), closed with the fake. */
    public synchronized CloudFormationClient client() {
        CloudFormationClient client = CloudFormationClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEFAKEFAKE", "fake-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        clients.add(client);
        return client;
    }

    /** Makes every later create, update or delete of this logical id fail with the reason. */
    public synchronized FakeCloudFormation failOn(String logicalId, String reason) {
        failures.put(logicalId, reason);
        return this;
    }

    /** Lets every resource succeed again. */
    public synchronized FakeCloudFormation clearFailures() {
        failures.clear();
        return this;
    }

    /** Declares a property whose change replaces the resource; RoleName, BucketName, TableName are declared. */
    public synchronized FakeCloudFormation replacingProperty(String name) {
        replacing.add(name);
        return this;
    }

    /** Makes IAM deny every call from now on, with the error CloudFormation sends then. */
    public synchronized FakeCloudFormation denyAccess() {
        denied = true;
        return this;
    }

    /** The stack's status; empty when no stack of that name exists (deleted stacks do not). */
    public synchronized Optional<String> stackStatus(String stackName) {
        return live(stackName).map(s -> s.status);
    }

    /** The template whose resources the stack holds, as JSON; empty before a create completes. */
    public synchronized Optional<JsonNode> deployedTemplate(String stackName) {
        return live(stackName).map(s -> s.template);
    }

    /** Names of the stacks that exist, in any status but deleted. */
    public synchronized Set<String> stackNames() {
        Set<String> names = new TreeSet<>();
        stacks.values().stream().filter(s -> !s.deleted).forEach(s -> names.add(s.name));
        return names;
    }

    /** How many change sets the stack holds. */
    public synchronized int changeSetCount(String stackName) {
        return live(stackName).map(s -> s.changeSets.size()).orElse(0);
    }

    /** The parameters of every request of that action received so far, oldest first. */
    public synchronized List<Map<String, String>> requests(String action) {
        return requests.stream().filter(r -> action.equals(r.get("Action"))).toList();
    }

    @Override
    public synchronized void close() {
        clients.forEach(CloudFormationClient::close);
        server.stop(0);
    }

    // ---- the protocol ----

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = "fake-" + Integer.toHexString(System.identityHashCode(exchange));
        int status = 200;
        String body;
        try {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = parseForm(form);
            String problem = protocolProblem(exchange, params);
            if (problem != null) {
                throw new QueryError(400, "FakeProtocolMismatch", problem);
            }
            synchronized (this) {
                requests.add(params);
                if (denied) {
                    throw new QueryError(403, "AccessDenied", "User: arn:aws:iam::" + ACCOUNT + ":user/lake-test"
                            + " is not authorized to perform: cloudformation:" + params.get("Action")
                            + " on resource: arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/"
                            + params.getOrDefault("StackName", "*") + "/* because no identity-based policy allows"
                            + " the cloudformation:" + params.get("Action") + " action");
                }
                body = dispatch(params, requestId);
            }
        } catch (QueryError e) {
            status = e.status;
            body = QueryXml.error(e.code, e.getMessage(), requestId);
        } catch (RuntimeException e) {
            status = 500;
            body = QueryXml.error("InternalFailure", "FakeCloudFormation failed: " + e, requestId);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Why the request is not an AWS Query request for CloudFormation, or null when it is one. */
    private static String protocolProblem(HttpExchange exchange, Map<String, String> params) {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")) {
            return "expected POST /, got " + exchange.getRequestMethod() + " " + exchange.getRequestURI();
        }
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            return "expected a form-encoded AWS Query request, got Content-Type " + contentType;
        }
        if (!"2010-05-15".equals(params.get("Version")) || params.get("Action") == null) {
            return "expected Action and Version=2010-05-15, got " + params;
        }
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ") || !authorization.contains("/" + REGION + "/cloudformation/aws4_request")) {
            return "expected a SigV4 signature for cloudformation in " + REGION + ", got " + authorization;
        }
        return null;
    }

    private static Map<String, String> parseForm(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** A Query list: {@code Name.member.1}, {@code Name.member.2}, ... */
    private static List<String> members(Map<String, String> params, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(name + ".member." + i); i++) {
            values.add(params.get(name + ".member." + i));
        }
        return values;
    }

    private static Map<String, String> tags(Map<String, String> params) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; params.containsKey("Tags.member." + i + ".Key"); i++) {
            tags.put(params.get("Tags.member." + i + ".Key"), params.get("Tags.member." + i + ".Value"));
        }
        return tags;
    }

    private String dispatch(Map<String, String> p, String requestId) {
        return switch (p.get("Action")) {
            case "DescribeStacks" -> describeStacks(p, requestId);
            case "CreateChangeSet" -> createChangeSet(p, requestId);
            case "DescribeChangeSet" -> describeChangeSet(p, requestId);
            case "ExecuteChangeSet" -> executeChangeSet(p, requestId);
            case "DeleteChangeSet" -> deleteChangeSet(p, requestId);
            case "DescribeStackEvents" -> describeStackEvents(p, requestId);
            case "DeleteStack" -> deleteStack(p, requestId);
            default -> throw new QueryError(400, "InvalidAction", "FakeCloudFormation does not implement " + p.get("Action"));
        };
    }

    // ---- the actions ----

    private String describeStacks(Map<String, String> p, String requestId) {
        String name = p.get("StackName");
        List<FakeStack> found;
        if (name == null) {
            found = stacks.values().stream().filter(s -> !s.deleted).toList();
        } else {
            FakeStack stack = find(name).orElseThrow(() -> validation("Stack with id " + name + " does not exist"));
            advance(stack);
            found = List.of(stack);
        }
        QueryXml xml = QueryXml.response("DescribeStacks").start("Stacks");
        for (FakeStack s : found) {
            xml.start("member")
                    .value("StackId", s.id).value("StackName", s.name)
                    .value("CreationTime", s.created).value("LastUpdatedTime", s.lastUpdated)
                    .value("StackStatus", s.status).value("StackStatusReason", s.statusReason);
            xml.start("Tags");
            s.tags.forEach((k, v) -> xml.start("member").value("Key", k).value("Value", v).end());
            xml.end().end();
        }
        return xml.end().finish(requestId);
    }

    private String createChangeSet(Map<String, String> p, String requestId) {
        String stackName = p.get("StackName");
        String name = p.get("ChangeSetName");
        boolean create = "CREATE".equals(p.getOrDefault("ChangeSetType", "UPDATE"));
        String body = p.get("TemplateBody");
        if (body == null) {
            throw validation("Either Template URL or Template Body must be specified.");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > 51_200) {
            throw validation("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 51200");
        }
        Map<String, String> tags = tags(p);
        JsonNode template;
        String outcome = "CREATE_COMPLETE";
        String reason = null;
        try {
            template = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            template = null;
            outcome = "FAILED";
            reason = "Template format error: JSON not well-formed. (line " + e.getLocation().getLineNr() + ")";
        }
        if (template != null && (!template.path("Resources").isObject() || template.path("Resources").isEmpty())) {
            outcome = "FAILED";
            reason = "Template format error: At least one Resources member must be defined.";
        }
        if (template != null && outcome.equals("CREATE_COMPLETE")) {
            String missing = missingCapability(template, members(p, "Capabilities"));
            if (missing != null) {
                throw new QueryError(400, "InsufficientCapabilitiesException", "Requires capabilities : [" + missing + "]");
            }
        }
        FakeStack stack = live(stackName).orElse(null);
        if (create) {
            if (stack != null && !stack.status.equals("REVIEW_IN_PROGRESS")) {
                throw validation("Stack [" + stackName + "] already exists and cannot be created again with the changeSet [" + name + "].");
            }
            if (stack == null) {
                stack = new FakeStack(stackName, "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + stackName + "/" + uuid(), now);
                stacks.put(stack.id, stack);
                stack.status = "REVIEW_IN_PROGRESS";
                emit(stack, stack.name, STACK_TYPE, "REVIEW_IN_PROGRESS", "User Initiated");
            }
        } else {
            if (stack == null) {
                throw validation("Stack [" + stackName + "] does not exist");
            }
            if (!UPDATABLE.contains(stack.status)) {
                throw validation("Stack:" + stack.id + " is in " + stack.status + " state and can not be updated.");
            }
        }
        if (stack.changeSets.containsKey(name)) {
            throw new QueryError(400, "AlreadyExistsException", "ChangeSet [" + name + "] already exists");
        }
        List<TemplateDiff.Change> changes = List.of();
        if (outcome.equals("CREATE_COMPLETE")) {
            if (!create && template.equals(stack.template) && tags.equals(stack.tags)) {
                outcome = "FAILED";
                reason = "The submitted information didn't contain changes. Submit different information to create a change set.";
            } else {
                changes = TemplateDiff.between(create ? null : stack.template, template, replacing);
            }
        }
        String id = "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":changeSet/" + name + "/" + uuid();
        stack.changeSets.put(name, new FakeStack.ChangeSet(name, id, create, template, tags, changes, outcome, reason));
        return QueryXml.response("CreateChangeSet").value("Id", id).value("StackId", stack.id).finish(requestId);
    }

    /** The capability an IAM resource in the template needs and the request lacks, or null. */
    private static String missingCapability(JsonNode template, List<String> capabilities) {
        boolean iam = false;
        boolean named = false;
        for (JsonNode resource : template.path("Resources")) {
            if (resource.path("Type").asText().startsWith("AWS::IAM::")) {
                iam = true;
                JsonNode properties = resource.path("Properties");
                named |= properties.has("RoleName") || properties.has("UserName") || properties.has("GroupName")
                        || properties.has("ManagedPolicyName");
            }
        }
        if (named && !capabilities.contains("CAPABILITY_NAMED_IAM")) {
            return "CAPABILITY_NAMED_IAM";
        }
        if (iam && !capabilities.contains("CAPABILITY_IAM") && !capabilities.contains("CAPABILITY_NAMED_IAM")) {
            return "CAPABILITY_IAM";
        }
        return null;
    }

    private String describeChangeSet(Map<String, String> p, String requestId) {
        FakeStack stack = stackOfChangeSet(p);
        FakeStack.ChangeSet cs = changeSet(stack, p);
        String token = p.get("NextToken");
        if (token == null) {
            cs.advance();
        }
        int from = token == null ? 0 : Integer.parseInt(token);
        QueryXml xml = QueryXml.response("DescribeChangeSet")
                .value("ChangeSetName", cs.name).value("ChangeSetId", cs.id)
                .value("StackId", stack.id).value("StackName", stack.name)
                .value("Status", cs.status).value("StatusReason", cs.statusReason())
                .value("ExecutionStatus", cs.executionStatus);
        xml.start("Changes");
        List<TemplateDiff.Change> changes = cs.status.equals("CREATE_COMPLETE") ? cs.changes : List.of();
        for (TemplateDiff.Change change : changes.subList(from, Math.min(from + CHANGES_PER_PAGE, changes.size()))) {
            xml.start("member").value("Type", "Resource").start("ResourceChange")
                    .value("Action", change.action()).value("LogicalResourceId", change.logicalId())
                    .value("ResourceType", change.type()).value("Replacement", change.replacement())
                    .end().end();
        }
        xml.end();
        xml.value("NextToken", from + CHANGES_PER_PAGE < changes.size() ? String.valueOf(from + CHANGES_PER_PAGE) : null);
        return xml.finish(requestId);
    }

    private String executeChangeSet(Map<String, String> p, String requestId) {
        FakeStack stack = stackOfChangeSet(p);
        FakeStack.ChangeSet cs = changeSet(stack, p);
        if (!cs.executionStatus.equals("AVAILABLE") || stack.busy()) {
            throw new QueryError(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id
                    + "] cannot be executed in its current status of [" + cs.status + "]");
        }
        cs.executionStatus = "EXECUTE_IN_PROGRESS";
        String op = cs.create ? "CREATE" : "UPDATE";
        emit(stack, stack.name, STACK_TYPE, op + "_IN_PROGRESS", "User Initiated");
        stack.status = op + "_IN_PROGRESS";
        script(stack, cs);
        return QueryXml.response("ExecuteChangeSet").finish(requestId);
    }

    /** Queues the events of running a change set: resources in template order, then cleanup or rollback. */
    private void script(FakeStack stack, FakeStack.ChangeSet cs) {
        List<TemplateDiff.Change> done = new ArrayList<>();
        for (TemplateDiff.Change change : cs.changes) {
            if (change.action().equals("Remove")) {
                continue;
            }
            String verb = change.action().equals("Add") ? "CREATE" : "UPDATE";
            step(stack, change.logicalId(), change.type(), verb + "_IN_PROGRESS", "True".equals(change.replacement())
                    ? "Requested update requires the creation of a new physical resource; hence creating one." : null);
            String failure = failures.get(change.logicalId());
            if (failure != null) {
                step(stack, change.logicalId(), change.type(), verb + "_FAILED", failure);
                rollback(stack, cs, done, change);
                return;
            }
            step(stack, change.logicalId(), change.type(), verb + "_COMPLETE", null);
            done.add(change);
        }
        List<TemplateDiff.Change> cleanup = cs.changes.stream()
                .filter(c -> c.action().equals("Remove") || "True".equals(c.replacement())).toList();
        if (!cs.create && !cleanup.isEmpty()) {
            step(stack, stack.name, STACK_TYPE, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
            for (TemplateDiff.Change change : cleanup) {
                step(stack, change.logicalId(), change.type(), "DELETE_IN_PROGRESS", null);
                step(stack, change.logicalId(), change.type(), "DELETE_COMPLETE", null);
            }
        }
        stack.pending.add(new FakeStack.Step(stack.name, STACK_TYPE, (cs.create ? "CREATE" : "UPDATE") + "_COMPLETE", null, () -> {
            stack.template = cs.template;
            stack.tags = cs.tags;
            stack.lastUpdated = now;
            stack.changeSets.clear();
        }));
    }

    /** CloudFormation's rollback: a create deletes what it made; an update restores the previous template. */
    private void rollback(FakeStack stack, FakeStack.ChangeSet cs, List<TemplateDiff.Change> done, TemplateDiff.Change failed) {
        List<TemplateDiff.Change> undo = new ArrayList<>(done);
        undo.add(failed);
        Collections.reverse(undo);
        if (cs.create) {
            step(stack, stack.name, STACK_TYPE, "ROLLBACK_IN_PROGRESS",
                    "The following resource(s) failed to create: [" + failed.logicalId() + "]. Rollback requested by user.");
            for (TemplateDiff.Change change : undo) {
                step(stack, change.logicalId(), change.type(), "DELETE_IN_PROGRESS", null);
                step(stack, change.logicalId(), change.type(), "DELETE_COMPLETE", null);
            }
            stack.pending.add(new FakeStack.Step(stack.name, STACK_TYPE, "ROLLBACK_COMPLETE", null, stack.changeSets::clear));
            return;
        }
        step(stack, stack.name, STACK_TYPE, "UPDATE_ROLLBACK_IN_PROGRESS",
                "The following resource(s) failed to update: [" + failed.logicalId() + "]. ");
        for (TemplateDiff.Change change : undo) {
            if (change.action().equals("Modify")) {
                step(stack, change.logicalId(), change.type(), "UPDATE_IN_PROGRESS", null);
                step(stack, change.logicalId(), change.type(), "UPDATE_COMPLETE", null);
            }
        }
        step(stack, stack.name, STACK_TYPE, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);
        for (TemplateDiff.Change change : undo) {
            if (change.action().equals("Add") || "True".equals(change.replacement())) {
                step(stack, change.logicalId(), change.type(), "DELETE_IN_PROGRESS", null);
                step(stack, change.logicalId(), change.type(), "DELETE_COMPLETE", null);
            }
        }
        stack.pending.add(new FakeStack.Step(stack.name, STACK_TYPE, "UPDATE_ROLLBACK_COMPLETE", null, stack.changeSets::clear));
    }

    private String deleteChangeSet(Map<String, String> p, String requestId) {
        FakeStack stack = stackOfChangeSet(p);
        FakeStack.ChangeSet cs = changeSet(stack, p);
        if (cs.executionStatus.equals("EXECUTE_IN_PROGRESS")) {
            throw new QueryError(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id + "] is being executed");
        }
        stack.changeSets.remove(cs.name);
        return QueryXml.response("DeleteChangeSet").finish(requestId);
    }

    private String describeStackEvents(Map<String, String> p, String requestId) {
        String name = p.get("StackName");
        FakeStack stack = find(name).orElseThrow(() -> validation("Stack [" + name + "] does not exist"));
        String token = p.get("NextToken");
        if (token == null) {
            advance(stack);
        }
        List<FakeStack.Event> newestFirst = new ArrayList<>(stack.events);
        Collections.reverse(newestFirst);
        int from = token == null ? 0 : Integer.parseInt(token);
        QueryXml xml = QueryXml.response("DescribeStackEvents").start("StackEvents");
        for (FakeStack.Event e : newestFirst.subList(from, Math.min(from + EVENTS_PER_PAGE, newestFirst.size()))) {
            xml.start("member").value("StackId", stack.id).value("EventId", e.eventId()).value("StackName", stack.name)
                    .value("LogicalResourceId", e.logicalId()).value("PhysicalResourceId", e.physicalId())
                    .value("ResourceType", e.type()).value("Timestamp", e.timestamp())
                    .value("ResourceStatus", e.status()).value("ResourceStatusReason", e.reason()).end();
        }
        xml.end();
        xml.value("NextToken", from + EVENTS_PER_PAGE < newestFirst.size() ? String.valueOf(from + EVENTS_PER_PAGE) : null);
        return xml.finish(requestId);
    }

    private String deleteStack(Map<String, String> p, String requestId) {
        FakeStack stack = find(p.get("StackName")).orElse(null);
        // Like CloudFormation: deleting a stack that is gone or going is not an error.
        if (stack == null || stack.deleted || stack.status.equals("DELETE_IN_PROGRESS")) {
            return QueryXml.emptyResponse("DeleteStack").finish(requestId);
        }
        if (stack.busy()) {
            throw validation("Stack [" + stack.name + "] cannot be deleted while in status " + stack.status);
        }
        emit(stack, stack.name, STACK_TYPE, "DELETE_IN_PROGRESS", "User Initiated");
        stack.status = "DELETE_IN_PROGRESS";
        List<Map.Entry<String, String>> resources = new ArrayList<>(
                stack.template == null ? List.of() : TemplateDiff.types(stack.template).entrySet());
        Collections.reverse(resources);
        for (Map.Entry<String, String> resource : resources) {
            step(stack, resource.getKey(), resource.getValue(), "DELETE_IN_PROGRESS", null);
            String failure = failures.get(resource.getKey());
            if (failure != null) {
                step(stack, resource.getKey(), resource.getValue(), "DELETE_FAILED", failure);
                step(stack, stack.name, STACK_TYPE, "DELETE_FAILED",
                        "The following resource(s) failed to delete: [" + resource.getKey() + "]. ");
                return QueryXml.emptyResponse("DeleteStack").finish(requestId);
            }
            step(stack, resource.getKey(), resource.getValue(), "DELETE_COMPLETE", null);
        }
        stack.pending.add(new FakeStack.Step(stack.name, STACK_TYPE, "DELETE_COMPLETE", null, () -> {
            stack.deleted = true;
            stack.changeSets.clear();
        }));
        return QueryXml.emptyResponse("DeleteStack").finish(requestId);
    }

    // ---- the model ----

    /** A stack by name (only one that exists) or by id (deleted ones too), as CloudFormation resolves them. */
    private Optional<FakeStack> find(String nameOrId) {
        if (nameOrId != null && nameOrId.startsWith("arn:")) {
            return Optional.ofNullable(stacks.get(nameOrId));
        }
        return live(nameOrId);
    }

    private Optional<FakeStack> live(String name) {
        return stacks.values().stream().filter(s -> !s.deleted && s.name.equals(name)).findFirst();
    }

    /** The stack a change set request is about: from the change set's ARN, or from StackName. */
    private FakeStack stackOfChangeSet(Map<String, String> p) {
        String changeSet = p.get("ChangeSetName");
        if (changeSet.startsWith("arn:")) {
            return stacks.values().stream()
                    .filter(s -> s.changeSets.values().stream().anyMatch(cs -> cs.id.equals(changeSet)))
                    .findFirst()
                    .orElseThrow(() -> new QueryError(404, "ChangeSetNotFound", "ChangeSet [" + changeSet + "] does not exist"));
        }
        String name = p.get("StackName");
        return find(name).orElseThrow(() -> validation("Stack [" + name + "] does not exist"));
    }

    private static FakeStack.ChangeSet changeSet(FakeStack stack, Map<String, String> p) {
        String changeSet = p.get("ChangeSetName");
        return stack.changeSets.values().stream()
                .filter(cs -> cs.id.equals(changeSet) || cs.name.equals(changeSet))
                .findFirst()
                .orElseThrow(() -> new QueryError(404, "ChangeSetNotFound", "ChangeSet [" + changeSet + "] does not exist"));
    }

    /** Lets the stack's running operation emit its next few events, if it has any. */
    private void advance(FakeStack stack) {
        for (int i = 0; i < EVENTS_PER_READ && !stack.pending.isEmpty(); i++) {
            apply(stack, stack.pending.poll());
        }
    }

    private void apply(FakeStack stack, FakeStack.Step step) {
        emit(stack, step.logicalId(), step.type(), step.status(), step.reason());
        if (step.type().equals(STACK_TYPE) && step.logicalId().equals(stack.name)) {
            stack.status = step.status();
            stack.statusReason = step.reason();
        }
        if (step.then() != null) {
            step.then().run();
        }
    }

    private void step(FakeStack stack, String logicalId, String type, String status, String reason) {
        stack.pending.add(new FakeStack.Step(logicalId, type, status, reason, null));
    }

    private void emit(FakeStack stack, String logicalId, String type, String status, String reason) {
        now = now.plusSeconds(1);
        String physicalId = type.equals(STACK_TYPE) ? stack.id : null;
        stack.events.add(new FakeStack.Event(uuid(), logicalId, physicalId, type, now, status, reason));
    }

    private String uuid() {
        return String.format("00000000-0000-4000-8000-%012d", ++sequence);
    }

    private static QueryError validation(String message) {
        return new QueryError(400, "ValidationError", message);
    }

    /** An error answered as {@code <ErrorResponse>} with CloudFormation's code. */
    private static final class QueryError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        QueryError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
