package io.datalake.app.query;

import io.datalake.core.query.SqlText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * An Athena endpoint on 127.0.0.1 for tests, which really runs the SQL: on DuckDB, in whose
 * in-memory database a test creates the schemas (Glue databases) and tables it queries.
 *
 * <p>It speaks the protocol the SDK 2.35.0 Athena client uses, AWS JSON 1.1: {@code POST /} with
 * {@code X-Amz-Target: AmazonAthena.<Operation>}, {@code Content-Type: application/x-amz-json-1.1}
 * and a SigV4 signature for the service {@code athena}; errors are JSON with {@code __type}.
 * Anything else is refused, so a protocol change in a later SDK fails the tests.
 *
 * <p>As on Athena, a query runs asynchronously: it is QUEUED, then RUNNING, over the first
 * GetQueryExecution calls, then ends; results come in pages whose first row, for a SELECT, repeats
 * the column names. Pages are small ({@value #PAGE_SIZE} rows) so that paging is exercised. A SQL
 * error fails the query with Athena's user-error category; {@link #failNextWithSystemError} and
 * {@link #cancelNext} simulate the other endings.
 */
public final class FakeAthena implements AutoCloseable {
    public static final String REGION = "eu-west-1";
    static final int PAGE_SIZE = 2;
    private static final String TARGET_PREFIX = "AmazonAthena.";
    private static final int POLLS_BEFORE_END = 2;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Connection db;
    private final Set<String> workgroups;
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<AthenaClient> clients = new ArrayList<>();
    private String nextEnding;
    private int sequence;

    /** One query: what was asked, its rows once run, or why it failed. */
    static final class Execution {
        final String query;
        final String workgroup;
        final String database;
        final String catalog;
        List<String> columns = List.of();
        List<String> types = List.of();
        final List<List<String>> rows = new ArrayList<>();
        String failure;
        int category;
        boolean cancelled;
        int polls;

        Execution(String query, String workgroup, String database, String catalog) {
            this.query = query;
            this.workgroup = workgroup;
            this.database = database;
            this.catalog = catalog;
        }
    }

    private FakeAthena(Set<String> workgroups) {
        this.workgroups = Set.copyOf(workgroups);
        try {
            this.db = DriverManager.getConnection("jdbc:duckdb:");
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), io.datalake.local.FreePort.pick()), 0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake that knows the given workgroups. */
    public static FakeAthena start(Set<String> workgroups) {
        return new FakeAthena(workgroups);
    }

    /** Runs setup SQL on the fake's DuckDB, e.g. {@code CREATE SCHEMA} and {@code INSERT}s. */
    public void execute(String sql) {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client of this fake, closed with it. */
    public synchronized AthenaClient client() {
        AthenaClient client = AthenaClient.builder().endpointOverride(endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEFAKEFAKE", "fake-secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        clients.add(client);
        return client;
    }

    /** The next query started fails with Athena's system-error category. */
    public synchronized void failNextWithSystemError() {
        nextEnding = "system";
    }

    /** The next query started is cancelled (as by another user) before it ends. */
    public synchronized void cancelNext() {
        nextEnding = "cancel";
    }

    /** The operations called so far, e.g. {@code StartQueryExecution}, in order. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    /** The queries started so far, oldest first. */
    public synchronized List<Execution> executions() {
        return List.copyOf(executions.values());
    }

    @Override
    public synchronized void close() {
        clients.forEach(AthenaClient::close);
        server.stop(0);
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the protocol ----

    private static final class AthenaError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String type;

        AthenaError(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        byte[] body;
        try {
            String target = protocolCheck(exchange);
            String operation = target.substring(TARGET_PREFIX.length());
            JsonNode request = json.readTree(exchange.getRequestBody());
            operations.add(operation);
            synchronized (this) {
                body = json.writeValueAsBytes(dispatch(operation, request));
            }
        } catch (AthenaError e) {
            status = 400;
            ObjectNode error = json.createObjectNode().put("__type", e.type).put("Message", e.getMessage());
            exchange.getResponseHeaders().add("x-amzn-ErrorType", e.type);
            body = json.writeValueAsBytes(error);
        } catch (RuntimeException e) {
            status = 500;
            body = json.writeValueAsBytes(json.createObjectNode().put("__type", "InternalServerException")
                    .put("Message", "FakeAthena failed: " + e));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "fake-" + System.nanoTime());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The X-Amz-Target of a well-formed AWS JSON 1.1 request for Athena; refuses any other. */
    private static String protocolCheck(HttpExchange exchange) {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")) {
            throw new AthenaError("FakeProtocolMismatch", "expected POST /, got " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI());
        }
        if (!contentType.startsWith("application/x-amz-json-1.1")) {
            throw new AthenaError("FakeProtocolMismatch", "expected AWS JSON 1.1, got Content-Type " + contentType);
        }
        if (!target.startsWith(TARGET_PREFIX)) {
            throw new AthenaError("FakeProtocolMismatch", "expected X-Amz-Target AmazonAthena.*, got " + target);
        }
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ") || !authorization.contains("/" + REGION + "/athena/aws4_request")) {
            throw new AthenaError("FakeProtocolMismatch", "expected a SigV4 signature for athena in " + REGION
                    + ", got " + authorization);
        }
        return target;
    }

    private ObjectNode dispatch(String operation, JsonNode request) {
        return switch (operation) {
            case "StartQueryExecution" -> start(request);
            case "GetQueryExecution" -> describe(execution(request));
            case "GetQueryResults" -> results(request);
            case "StopQueryExecution" -> {
                execution(request).cancelled = true;
                yield json.createObjectNode();
            }
            default -> throw new AthenaError("InvalidRequestException", "FakeAthena does not implement " + operation);
        };
    }

    private ObjectNode start(JsonNode request) {
        String workgroup = request.path("WorkGroup").asText("primary");
        if (!workgroups.contains(workgroup)) {
            throw new AthenaError("InvalidRequestException", "WorkGroup " + workgroup + " is not found.");
        }
        if (!request.hasNonNull("ClientRequestToken")) {
            throw new AthenaError("FakeProtocolMismatch", "expected the SDK's idempotency token, ClientRequestToken");
        }
        JsonNode context = request.path("QueryExecutionContext");
        Execution execution = new Execution(request.path("QueryString").asText(), workgroup,
                context.path("Database").asText(null), context.path("Catalog").asText(null));
        String id = String.format("00000000-0000-4000-a000-%012d", ++sequence);
        executions.put(id, execution);
        if ("system".equals(nextEnding)) {
            execution.failure = "GENERIC_INTERNAL_ERROR: the fake failed on purpose";
            execution.category = 1;
        } else if ("cancel".equals(nextEnding)) {
            execution.cancelled = true;
        } else {
            run(execution);
        }
        nextEnding = null;
        return json.createObjectNode().put("QueryExecutionId", id);
    }

    private void run(Execution execution) {
        try (Statement statement = db.createStatement()) {
            if (execution.database != null) {
                statement.execute("SET schema = " + SqlText.literal(execution.database));
            }
            try (ResultSet rs = statement.executeQuery(execution.query)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i));
                    types.add(meta.getColumnTypeName(i).toLowerCase(Locale.ROOT));
                }
                execution.columns = columns;
                execution.types = types;
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        Object value = rs.getObject(i);
                        row.add(value == null ? null : value.toString());
                    }
                    execution.rows.add(row);
                }
            }
        } catch (SQLException e) {
            execution.failure = e.getMessage().lines().findFirst().orElse("query failed");
            execution.category = 2;
        }
    }

    private Execution execution(JsonNode request) {
        Execution execution = executions.get(request.path("QueryExecutionId").asText());
        if (execution == null) {
            throw new AthenaError("InvalidRequestException", "QueryExecution " + request.path("QueryExecutionId").asText()
                    + " was not found");
        }
        return execution;
    }

    private ObjectNode describe(Execution execution) {
        String id = executions.entrySet().stream().filter(e -> e.getValue() == execution).findFirst().orElseThrow().getKey();
        execution.polls++;
        String state;
        if (execution.polls <= POLLS_BEFORE_END && !execution.cancelled) {
            state = execution.polls == 1 ? "QUEUED" : "RUNNING";
        } else if (execution.cancelled) {
            state = "CANCELLED";
        } else {
            state = execution.failure == null ? "SUCCEEDED" : "FAILED";
        }
        ObjectNode response = json.createObjectNode();
        ObjectNode query = response.putObject("QueryExecution");
        query.put("QueryExecutionId", id).put("Query", execution.query).put("StatementType", statementType(execution.query))
                .put("WorkGroup", execution.workgroup);
        ObjectNode context = query.putObject("QueryExecutionContext");
        if (execution.database != null) {
            context.put("Database", execution.database);
        }
        if (execution.catalog != null) {
            context.put("Catalog", execution.catalog);
        }
        ObjectNode status = query.putObject("Status").put("State", state).put("SubmissionDateTime", 1.7636256E9);
        if (state.equals("FAILED")) {
            status.put("StateChangeReason", execution.failure);
            status.putObject("AthenaError").put("ErrorCategory", execution.category).put("ErrorType", 1000)
                    .put("Retryable", false).put("ErrorMessage", execution.failure);
        }
        if (state.equals("SUCCEEDED")) {
            query.putObject("Statistics").put("EngineExecutionTimeInMillis", 1234L)
                    .put("DataScannedInBytes", 100L * execution.rows.size()).put("TotalExecutionTimeInMillis", 1500L);
        }
        return response;
    }

    private ObjectNode results(JsonNode request) {
        Execution execution = execution(request);
        if (execution.failure != null || execution.cancelled || execution.polls <= POLLS_BEFORE_END) {
            throw new AthenaError("InvalidRequestException", "Query has not yet finished. Current state: "
                    + (execution.failure != null ? "FAILED" : execution.cancelled ? "CANCELLED" : "RUNNING"));
        }
        List<List<String>> rows = new ArrayList<>();
        if (statementType(execution.query).equals("DML")) {
            rows.add(execution.columns);
        }
        rows.addAll(execution.rows);
        int from = request.hasNonNull("NextToken") ? Integer.parseInt(request.get("NextToken").asText()) : 0;
        int size = Math.min(PAGE_SIZE, request.path("MaxResults").asInt(1000));
        int to = Math.min(rows.size(), from + size);
        ObjectNode response = json.createObjectNode().put("UpdateCount", 0);
        ObjectNode resultSet = response.putObject("ResultSet");
        ArrayNode rowsNode = resultSet.putArray("Rows");
        for (List<String> row : rows.subList(from, to)) {
            ArrayNode data = rowsNode.addObject().putArray("Data");
            row.forEach(value -> {
                ObjectNode datum = data.addObject();
                if (value != null) {
                    datum.put("VarCharValue", value);
                }
            });
        }
        ArrayNode columns = resultSet.putObject("ResultSetMetadata").putArray("ColumnInfo");
        for (int i = 0; i < execution.columns.size(); i++) {
            columns.addObject().put("CatalogName", "hive").put("SchemaName", "").put("TableName", "")
                    .put("Name", execution.columns.get(i)).put("Label", execution.columns.get(i))
                    .put("Type", execution.types.get(i)).put("Precision", 0).put("Scale", 0).put("Nullable", "UNKNOWN")
                    .put("CaseSensitive", false);
        }
        if (to < rows.size()) {
            response.put("NextToken", Integer.toString(to));
        }
        return response;
    }

    private static String statementType(String query) {
        String first = query.stripLeading().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return first.equals("select") || first.equals("with") || first.equals("insert") ? "DML" : "UTILITY";
    }
}
