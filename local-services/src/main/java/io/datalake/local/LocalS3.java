package io.datalake.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server on loopback: s3proxy with the jclouds filesystem backend, so every object
 * is a plain file under {@code <folder>/<bucket>/<key>} that DuckDB and Spark read directly, and the
 * data survives a restart. It checks AWS signatures (v2 or v4) with {@link LocalCredentials}, and
 * lists only complete objects, as S3 does ({@link S3Listing}): no folders, no multipart uploads in
 * progress, no half-received files. In drop buckets an upload of a key that holds an untaken delivery
 * waits for it ({@link WaitingWrites}), since s3proxy keeps no versions.
 */
public final class LocalS3 implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;
    private final Path folder;

    private LocalS3(S3Proxy proxy, BlobStoreContext context, URI endpoint, Path folder) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
        this.folder = folder;
    }

    /**
     * Starts the server.
     *
     * @param folder where buckets and objects are kept
     * @param port the port, or 0 for a free one
     */
    public static LocalS3 start(Path folder, int port) {
        return start(folder, port, DropBuckets.NONE);
    }

    /**
     * Starts the server with drop buckets, where an upload waits while its key holds an untaken delivery.
     *
     * @param folder where buckets and objects are kept
     * @param port the port, or 0 for a free one
     * @param drops the drop buckets
     */
    public static LocalS3 start(Path folder, int port, DropBuckets drops) {
        try {
            Files.createDirectories(folder);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", folder.toAbsolutePath().toString());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                    .credentials(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)
                    .overrides(properties)
                    .build(BlobStoreContext.class);
            URI endpoint = URI.create("http://127.0.0.1:" + (port == 0 ? FreePort.pick() : port));
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new WaitingWrites(new S3Listing(context.getBlobStore(), folder), drops))
                    .endpoint(endpoint)
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(5);
            }
            return new LocalS3(proxy, context, endpoint, folder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the S3 folder " + folder + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("the local S3 server did not start: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Where the objects are: {@code <folder>/<bucket>/<key>}. */
    public Path folder() {
        return folder;
    }

    /** A client of this server; see {@link #client(URI)}. */
    public S3Client client() {
        return client(endpoint);
    }

    /**
     * A client of a local S3 server at this endpoint. Path-style addressing, and checksums only where
     * S3 requires them: s3proxy rejects the SDK's default trailing checksums with a content-sha256
     * mismatch.
     */
    public static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(LocalCredentials.provider())
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the local S3 server did not stop: " + e.getMessage(), e);
        } finally {
            context.close();
        }
    }
}
