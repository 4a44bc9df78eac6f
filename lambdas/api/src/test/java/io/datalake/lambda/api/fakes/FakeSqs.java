package io.datalake.lambda.api.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An SQS endpoint on 127.0.0.1 for tests, speaking what the SDK v2 (2.35.0) SQS client really
 * sends, as captured from it: the AWS JSON 1.0 protocol, a POST to {@code /} with
 * {@code Content-Type: application/x-amz-json-1.0}, {@code X-Amz-Target: AmazonSQS.SendMessage},
 * {@code x-amzn-query-mode: true} and a SigV4 signature for the service {@code sqs}; the body is
 * {@code {"QueueUrl": ..., "MessageBody": ..., "MessageAttributes": {...}}}. Like SQS it answers
 * with the MD5 digests of the body and of the attributes, which the SDK checks, and refuses an
 * unknown queue with {@code QueueDoesNotExist} (and the {@code x-amzn-query-error} header).
 * Anything else is refused with 400.
 */
public final class FakeSqs implements AutoCloseable {
    /** A message as received. */
    public record Message(String queueUrl, String body, Map<String, String> attributes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Set<String> queues = ConcurrentHashMap.newKeySet();
    private final List<Message> messages = java.util.Collections.synchronizedList(new ArrayList<>());

    private FakeSqs(HttpServer server) {
        this.server = server;
    }

    public static FakeSqs start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), io.datalake.local.FreePort.pick()), 0);
            FakeSqs sqs = new FakeSqs(server);
            server.createContext("/", sqs::serve);
            server.start();
            return sqs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Creates a queue and returns its URL. */
    public String createQueue(String name) {
        String url = "https://sqs.eu-west-1.amazonaws.com/123456789012/" + name;
        queues.add(url);
        return url;
    }

    public List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!"POST".equals(exchange.getRequestMethod()) || !"application/x-amz-json-1.0".equals(contentType)) {
                error(exchange, 400, "InvalidAction", "com.amazonaws.sqs#InvalidAction",
                        "expected AWS JSON 1.0, got " + exchange.getRequestMethod() + " " + contentType);
                return;
            }
            if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ") || !auth.contains("/sqs/aws4_request")) {
                error(exchange, 403, "MissingAuthenticationToken", "com.amazonaws.sqs#MissingAuthenticationToken",
                        "expected a SigV4 signature for sqs");
                return;
            }
            if (!"AmazonSQS.SendMessage".equals(target)) {
                error(exchange, 400, "InvalidAction", "com.amazonaws.sqs#InvalidAction", "unsupported target " + target);
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String queueUrl = request.path("QueueUrl").asText(null);
            String body = request.path("MessageBody").asText(null);
            if (queueUrl == null || body == null) {
                error(exchange, 400, "MissingParameter", "com.amazonaws.sqs#MissingParameter", "QueueUrl and MessageBody are required");
                return;
            }
            if (!queues.contains(queueUrl)) {
                error(exchange, 400, "AWS.SimpleQueueService.NonExistentQueue", "com.amazonaws.sqs#QueueDoesNotExist",
                        "The specified queue does not exist.");
                return;
            }
            Map<String, String> attributes = new TreeMap<>();
            Map<String, String[]> typed = new TreeMap<>();
            request.path("MessageAttributes").fields().forEachRemaining(e -> {
                attributes.put(e.getKey(), e.getValue().path("StringValue").asText());
                typed.put(e.getKey(), new String[] {e.getValue().path("DataType").asText(), e.getValue().path("StringValue").asText()});
            });
            messages.add(new Message(queueUrl, body, attributes));
            ObjectNode response = JSON.createObjectNode().put("MessageId", UUID.randomUUID().toString())
                    .put("MD5OfMessageBody", md5(body.getBytes(StandardCharsets.UTF_8)));
            if (!typed.isEmpty()) {
                response.put("MD5OfMessageAttributes", attributesMd5(typed));
            }
            send(exchange, 200, JSON.writeValueAsBytes(response), null);
        }
    }

    /** SQS's digest of string message attributes: by name, each field length-prefixed, the value tagged 1. */
    private static String attributesMd5(Map<String, String[]> attributes) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        attributes.forEach((name, typeAndValue) -> {
            lengthAndBytes(buffer, name);
            lengthAndBytes(buffer, typeAndValue[0]);
            buffer.put((byte) 1);
            lengthAndBytes(buffer, typeAndValue[1]);
        });
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return md5(bytes);
    }

    private static void lengthAndBytes(ByteBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(bytes.length).put(bytes);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void error(HttpExchange exchange, int status, String queryCode, String type, String message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("__type", type).put("message", message));
        send(exchange, status, body, queryCode + ";Sender");
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String queryError) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        if (queryError != null) {
            exchange.getResponseHeaders().set("x-amzn-query-error", queryError);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
