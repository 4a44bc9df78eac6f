package io.datalake.locallake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API on loopback: an HTTP server that does what API Gateway does before the Lambda runs
 * (match the route template from the OpenAPI file, fill {@code resource}, {@code pathParameters},
 * query and headers into an API Gateway proxy event) and returns the handler's response as is. The
 * same handler, routes and errors as on AWS; the stage prefix {@code /v1} is accepted and dropped.
 */
public final class ApiServer implements AutoCloseable {
    /** The account of the local lake's ARNs. */
    public static final String LOCAL_ACCOUNT = "000000000000";
    /** The caller every local request appears to come from, unless the lake says otherwise. */
    public static final String LOCAL_CALLER = "arn:aws:iam::" + LOCAL_ACCOUNT + ":user/local";
    private static final String STAGE = "/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Route> routes;
    private final Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;

    private record Route(String template, Pattern pattern, List<String> parameters) {
    }

    private ApiServer(HttpServer server, List<Route> routes, Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
        this.server = server;
        this.routes = routes;
        this.handler = handler;
    }

    /**
     * @param templates the route templates, e.g. {@code /datasets/{name}} (see {@link #templatesOf})
     * @param port the port, or 0 for a free one
     */
    public static ApiServer start(Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
            List<String> templates, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ApiServer api = new ApiServer(server, templates.stream().map(ApiServer::route).toList(), handler);
            server.createContext("/", api::serve);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("the local API could not listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The route templates of an OpenAPI file: the keys of its {@code paths}. */
    public static List<String> templatesOf(Path openApi) {
        try {
            JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(openApi.toFile());
            List<String> templates = new ArrayList<>();
            spec.path("paths").fieldNames().forEachRemaining(templates::add);
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + openApi + ": " + e.getMessage(), e);
        }
    }

    private static Route route(String template) {
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
        return new Route(template, Pattern.compile(regex.toString()), parameters);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith(STAGE + "/")) {
                path = path.substring(STAGE.length());
            }
            APIGatewayProxyResponseEvent response;
            APIGatewayProxyRequestEvent request = request(exchange, path);
            if (request == null) {
                response = new APIGatewayProxyResponseEvent().withStatusCode(404)
                        .withHeaders(Map.of("Content-Type", "application/json"))
                        .withBody(JSON.createObjectNode().put("message", "no route matches "
                                + exchange.getRequestMethod() + " " + path).toString());
            } else {
                response = handler.apply(request);
            }
            byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            }
            exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private APIGatewayProxyRequestEvent request(HttpExchange exchange, String rawPath) throws IOException {
        String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(rawPath);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> pathParameters = new LinkedHashMap<>();
            for (int i = 0; i < route.parameters().size(); i++) {
                pathParameters.put(route.parameters().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
            }
            // Header names are case-insensitive; the JDK server normalises their case, so lookups must not depend on it.
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Map<String, List<String>> multiHeaders = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> {
                headers.put(name, values.get(values.size() - 1));
                multiHeaders.put(name, values);
            });
            Map<String, String> query = new LinkedHashMap<>();
            Map<String, List<String>> multiQuery = new LinkedHashMap<>();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.put(name, value);
                    multiQuery.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
            identity.setUserArn(LOCAL_CALLER);
            identity.setCaller(LOCAL_CALLER);
            identity.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
            APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
            context.setRequestId(UUID.randomUUID().toString());
            context.setStage(STAGE.substring(1));
            context.setHttpMethod(exchange.getRequestMethod());
            context.setResourcePath(route.template());
            context.setPath(STAGE + path);
            context.setIdentity(identity);
            return new APIGatewayProxyRequestEvent()
                    .withResource(route.template())
                    .withPath(path)
                    .withHttpMethod(exchange.getRequestMethod())
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

    @Override
    public void close() {
        server.stop(0);
    }
}
