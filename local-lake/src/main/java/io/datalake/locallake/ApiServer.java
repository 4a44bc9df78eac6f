package io.datalake.locallake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.datalake.core.PercentCodec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The REST API on loopback: an HTTP server that does what API Gateway does before the Lambda runs
 * (match the route template and method from the OpenAPI file, fill {@code resource},
 * {@code pathParameters}, query and headers into an API Gateway proxy event) and returns the
 * handler's response as is. The same handler, routes and errors as on AWS; the stage prefix
 * {@code /v1} is accepted and dropped.
 *
 * <p>What API Gateway answers itself is answered the same way, in the API's {@code Error} shape as
 * the {@code LakeApi} construct's gateway responses write it ({@code DEFAULT_4XX}: code
 * {@code BadRequest}, API Gateway's message, the request id): a path or method the OpenAPI file
 * does not have is 403 {@value #MISSING_ROUTE}, as API Gateway answers an unknown resource; a
 * request line with a bad percent escape is 400; a body over API Gateway's 10 MB quota is 413,
 * unread. Path parameters are percent-decoded with a
 * {@code +} kept a plus, as API Gateway does (a {@code +} is a space only in form data).
 */
public final class ApiServer implements AutoCloseable {
    /** The account of the local lake's ARNs. */
    public static final String LOCAL_ACCOUNT = "000000000000";
    /** The caller every local request appears to come from, unless the lake says otherwise. */
    public static final String LOCAL_CALLER = "arn:aws:iam::" + LOCAL_ACCOUNT + ":user/local";
    /** API Gateway's message for a path or method the API does not have. */
    public static final String MISSING_ROUTE = "Missing Authentication Token";
    /** API Gateway's payload quota: a larger request is answered 413 before the function runs. */
    public static final long MAX_PAYLOAD_BYTES = 10L * 1024 * 1024;
    private static final String STAGE = "/v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private final Server server;
    private final List<Route> routes;
    private final Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;

    private record Route(String template, Pattern pattern, List<String> parameters, List<String> methods) {
    }

    private ApiServer(Server server, List<Route> routes, Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
        this.server = server;
        this.routes = routes;
        this.handler = handler;
    }

    /**
     * @param templates the route templates, e.g. {@code /datasets/{name}}, each with every method
     * @param port the port, or 0 for a free one
     */
    public static ApiServer start(Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
            List<String> templates, int port) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        templates.forEach(t -> all.put(t, List.of()));
        return start(handler, all, port);
    }

    /**
     * @param routes the route templates with their methods (see {@link #routesOf}); an empty list
     *        of methods allows every method
     * @param port the port, or 0 for a free one
     */
    public static ApiServer start(Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
            Map<String, List<String>> routes, int port) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("lake-api");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        // FreePort, not the OS's port 0: a port another server of this JVM used may still have the JDK's idle
        // connections cached against it.
        connector.setPort(port == 0 ? io.datalake.local.FreePort.pick() : port);
        server.addConnector(connector);
        List<Route> compiled = new ArrayList<>();
        routes.forEach((template, methods) -> compiled.add(route(template, methods)));
        ApiServer api = new ApiServer(server, List.copyOf(compiled), handler);
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                base.setHandled(true);
                api.serve(base, request, response);
            }
        });
        server.setErrorHandler(new GatewayErrors());
        try {
            server.start();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("the local API could not listen on port " + port + ": "
                    + e.getMessage(), e));
        }
        return api;
    }

    /** The route templates of an OpenAPI file: the keys of its {@code paths}. */
    public static List<String> templatesOf(Path openApi) {
        return List.copyOf(routesOf(openApi).keySet());
    }

    /** The routes of an OpenAPI file: each path with its methods, upper case. */
    public static Map<String, List<String>> routesOf(Path openApi) {
        try {
            JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(openApi.toFile());
            Map<String, List<String>> routes = new LinkedHashMap<>();
            spec.path("paths").fields().forEachRemaining(path -> {
                List<String> methods = new ArrayList<>();
                path.getValue().fieldNames().forEachRemaining(m -> {
                    if (METHODS.contains(m)) {
                        methods.add(m.toUpperCase(Locale.ROOT));
                    }
                });
                routes.put(path.getKey(), List.copyOf(methods));
            });
            return routes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + openApi + ": " + e.getMessage(), e);
        }
    }

    private static Route route(String template, List<String> methods) {
        List<String> parameters = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            parameters.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return new Route(template, Pattern.compile(regex.toString()), parameters, methods);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    private void serve(Request base, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String rawPath = base.getHttpURI().getPath();
        if (rawPath == null) {
            rawPath = "/";
        }
        if (rawPath.startsWith(STAGE + "/")) {
            rawPath = rawPath.substring(STAGE.length());
        }
        APIGatewayProxyResponseEvent answer;
        if (request.getContentLengthLong() > MAX_PAYLOAD_BYTES) {
            answer = gatewayError(413, "Request Too Long", null, requestId);
            write(answer, response);
            return;
        }
        try {
            APIGatewayProxyRequestEvent event = event(base, request, rawPath, requestId);
            answer = event == null ? gatewayError(403, MISSING_ROUTE, null, requestId) : handler.apply(event);
        } catch (BadEscape e) {
            answer = gatewayError(400, e.getMessage(), e.field, requestId);
        }
        write(answer, response);
    }

    private static void write(APIGatewayProxyResponseEvent answer, HttpServletResponse response) throws IOException {
        byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.getStatusCode());
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach(response::setHeader);
        }
        response.setContentLength(body.length);
        if (body.length > 0) {
            response.getOutputStream().write(body);
        }
    }

    /** What API Gateway answers itself, as the LakeApi construct's gateway responses shape it. */
    private static APIGatewayProxyResponseEvent gatewayError(int status, String message, String field, String requestId) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json", "X-Request-Id", requestId))
                .withBody(errorBody(message, field, requestId));
    }

    private static String errorBody(String message, String field, String requestId) {
        ObjectNode body = JSON.createObjectNode().put("code", "BadRequest").put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return body.put("requestId", requestId).toString();
    }

    /** A percent escape that does not decode, in the path parameter or query parameter named by {@code field}. */
    private static final class BadEscape extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;

        BadEscape(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private static String decodePath(String field, String raw) {
        try {
            return PercentCodec.decode(raw);
        } catch (IllegalArgumentException e) {
            throw new BadEscape(field, (field == null ? "the path" : "path parameter " + field) + " is not properly"
                    + " percent-encoded: " + e.getMessage());
        }
    }

    private static String decodeQuery(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadEscape(raw, "query parameter '" + raw + "' is not properly percent-encoded: " + e.getMessage());
        }
    }

    /** The proxy event of a request, or {@code null} when no route has its path and method. */
    private APIGatewayProxyRequestEvent event(Request base, HttpServletRequest request, String rawPath, String requestId)
            throws IOException {
        String method = request.getMethod();
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(rawPath);
            if (!m.matches() || !route.methods().isEmpty() && !route.methods().contains(method)) {
                continue;
            }
            Map<String, String> pathParameters = new LinkedHashMap<>();
            for (int i = 0; i < route.parameters().size(); i++) {
                String name = route.parameters().get(i);
                pathParameters.put(name, decodePath(name, m.group(i + 1)));
            }
            String path = decodePath(null, rawPath);
            // Header names are case-insensitive; lookups must not depend on the case a client sent.
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Map<String, List<String>> multiHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String name : Collections.list(request.getHeaderNames())) {
                List<String> values = Collections.list(request.getHeaders(name));
                headers.put(name, values.get(values.size() - 1));
                multiHeaders.put(name, values);
            }
            Map<String, String> query = new LinkedHashMap<>();
            Map<String, List<String>> multiQuery = new LinkedHashMap<>();
            String rawQuery = base.getHttpURI().getQuery();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
                    query.put(name, value);
                    multiQuery.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            }
            byte[] body = request.getInputStream().readAllBytes();
            APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
            identity.setUserArn(LOCAL_CALLER);
            identity.setCaller(LOCAL_CALLER);
            identity.setSourceIp(request.getRemoteAddr());
            APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
            context.setRequestId(requestId);
            context.setStage(STAGE.substring(1));
            context.setHttpMethod(method);
            context.setResourcePath(route.template());
            context.setPath(STAGE + path);
            context.setIdentity(identity);
            return new APIGatewayProxyRequestEvent()
                    .withResource(route.template())
                    .withPath(path)
                    .withHttpMethod(method)
                    .withHeaders(headers)
                    .withMultiValueHeaders(multiHeaders)
                    .withQueryStringParameters(query.isEmpty() ? null : query)
                    .withMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery)
                    .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                    .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                    .withIsBase64Encoded(false)
                    .withRequestContext(context);
        }
        return null;
    }

    /**
     * Requests Jetty refuses before any handler runs (a bad escape or an ambiguous segment in the
     * request line, a header it cannot parse): answered in the Error shape, as API Gateway's
     * {@code DEFAULT_4XX} gateway response would.
     */
    private static final class GatewayErrors extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            String requestId = UUID.randomUUID().toString();
            fields.put("X-Request-Id", requestId);
            return ByteBuffer.wrap(errorBody("the request is malformed: " + (reason == null ? "bad request" : reason), null,
                    requestId).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the local API did not stop: " + e.getMessage(), e);
        }
    }
}
