package io.datalake.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local as an HTTP server on loopback, in memory or persisted in a folder. The SDK talks
 * to it over HTTP exactly as to DynamoDB, and clients can be opened and closed freely.
 */
public final class LocalDynamo implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDynamo(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** An in-memory server on a free port. */
    public static LocalDynamo start() {
        return start(null, 0);
    }

    /**
     * @param folder where the tables are persisted, or {@code null} to keep them in memory
     * @param port the port, or 0 for a free one
     */
    public static LocalDynamo start(Path folder, int port) {
        int chosen = port == 0 ? FreePort.pick() : port;
        List<String> args = new ArrayList<>(List.of("-port", String.valueOf(chosen), "-disableTelemetry"));
        try {
            if (folder == null) {
                args.add("-inMemory");
            } else {
                Files.createDirectories(folder);
                args.addAll(List.of("-dbPath", folder.toAbsolutePath().toString(), "-sharedDb"));
            }
            DynamoDBProxyServer server;
            // DynamoDB Local prints its settings to stdout as it starts; that is noise in the CLI's output.
            java.io.PrintStream stdout = System.out;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                server.start();
            } finally {
                System.setOut(stdout);
            }
            return new LocalDynamo(server, URI.create("http://127.0.0.1:" + chosen));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A new client of this server; closing it leaves the server running. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(LocalCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop: " + e.getMessage(), e);
        }
    }
}
