package io.datalake.locallake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.LakeNames;
import io.datalake.local.LocalCredentials;
import io.datalake.local.LocalS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local lake that a {@code lake local} process runs: found through the endpoints file it writes
 * into its folder ({@value #ENDPOINTS}), so commands such as {@code lake query} use its services
 * instead of starting a second copy on the same files.
 */
public final class RunningLake implements LakeStorage, AutoCloseable {
    /** The file, in the lake folder, that names the running services. */
    public static final String ENDPOINTS = "endpoints.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LakeNames names;
    private final Path folder;
    private final S3Client s3;
    private final DynamoDbClient dynamo;

    private RunningLake(LakeNames names, Path folder, URI s3, URI dynamo) {
        this.names = names;
        this.folder = folder;
        this.s3 = LocalS3.client(s3);
        this.dynamo = DynamoDbClient.builder().endpointOverride(dynamo).region(Region.US_EAST_1)
                .credentialsProvider(LocalCredentials.provider()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Writes the endpoints of a lake this process runs, for other commands to find. */
    public static void announce(LocalLake lake, URI api) {
        try {
            Files.writeString(lake.folder().resolve(ENDPOINTS), JSON.createObjectNode()
                    .put("s3", lake.s3Endpoint().toString()).put("dynamodb", lake.dynamoEndpoint().toString())
                    .put("api", api == null ? null : api.toString()).put("pid", ProcessHandle.current().pid()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the endpoints file when the lake stops. */
    public static void withdraw(Path folder) {
        try {
            Files.deleteIfExists(folder.resolve(ENDPOINTS));
        } catch (IOException e) {
            // A stale file is detected by the next reader anyway.
        }
    }

    /** The lake running on this folder, if a live process announced one. */
    public static Optional<RunningLake> find(LakeNames names, Path folder) {
        Path file = folder.resolve(ENDPOINTS);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode endpoints = JSON.readTree(file.toFile());
            boolean alive = ProcessHandle.of(endpoints.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
            URI s3 = URI.create(endpoints.path("s3").asText());
            if (!alive || !answers(s3)) {
                return Optional.empty();
            }
            return Optional.of(new RunningLake(names, folder, s3, URI.create(endpoints.path("dynamodb").asText())));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean answers(URI endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            connection.getResponseCode();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public LakeNames names() {
        return names;
    }

    @Override
    public S3Client s3() {
        return s3;
    }

    @Override
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    @Override
    public Path bucketFolder(String bucket) {
        return folder.resolve("s3").resolve(bucket);
    }

    @Override
    public void close() {
        s3.close();
        dynamo.close();
    }
}
