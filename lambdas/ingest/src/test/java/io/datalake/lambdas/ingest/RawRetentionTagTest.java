package io.datalake.lambdas.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.datalake.core.update.ManifestFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The raw files of a dataset with {@code rawRetentionDays} get the retention tag the tier bucket's
 * lifecycle rule filters on. S3's tagging requests are checked on a fake endpoint that records
 * them (s3proxy keeps no tags); against s3proxy the ingest carries on without tags.
 */
class RawRetentionTagTest {
    static final List<ManifestFile> FILES = List.of(new ManifestFile("orders.csv", 3, "a".repeat(64)),
            new ManifestFile("nested/more.csv", 3, "b".repeat(64)));
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", io.datalake.local.FreePort.pick()), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
            byte[] answer = status == 200 ? new byte[0]
                    : "<Error><Code>AccessDenied</Code><Message>no</Message></Error>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    S3Client fakeS3() {
        return S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .forcePathStyle(true).region(Region.EU_WEST_1).httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
    }

    @Test
    void everyRawFileIsTaggedWithTheRetentionAndNothingWithoutOne() {
        try (S3Client s3 = fakeS3()) {
            RawWriter raw = new RawWriter(s3, IngestLimits.defaults());
            raw.tagRetention("tier-bucket", "sales/raw/2026-11-21T101500Z-3f9a/", FILES, OptionalInt.empty());
            assertThat(requests).isEmpty();
            raw.tagRetention("tier-bucket", "sales/raw/2026-11-21T101500Z-3f9a/", FILES, OptionalInt.of(30));
        }
        assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("PUT /tier-bucket/sales/raw/2026-11-21T101500Z-3f9a/")
                .contains("?tagging").contains("<Tag><Key>lake-raw-retention</Key><Value>30</Value></Tag>"));
        assertThat(requests.get(1)).contains("/nested/more.csv?tagging");
    }

    @Test
    void aRefusedTagFailsTheAttemptSoTheDeliveryIsRetried() {
        status = 403;
        try (S3Client s3 = fakeS3()) {
            RawWriter raw = new RawWriter(s3, IngestLimits.defaults());
            assertThatThrownBy(() -> raw.tagRetention("tier-bucket", "sales/raw/u/", FILES, OptionalInt.of(30)))
                    .isInstanceOf(S3Exception.class);
        }
    }

    @Test
    void aStoreWithoutTagsIsLeftUntagged(@TempDir Path folder) {
        try (TestLake lake = TestLake.start(folder)) {
            String bucket = lake.names.dataBucket(io.datalake.core.Tier.INTERNAL);
            lake.s3.putObject(r -> r.bucket(bucket).key("sales/raw/u/orders.csv"), RequestBody.fromString("abc"));
            // s3proxy answers 501 to object tagging: the local lake applies the retention itself (RawExpiry).
            assertThatThrownBy(() -> lake.s3.putObjectTagging(r -> r.bucket(bucket).key("sales/raw/u/orders.csv")
                    .tagging(t -> t.tagSet(s -> s.key("k").value("v")))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
            new RawWriter(lake.s3, IngestLimits.defaults()).tagRetention(bucket, "sales/raw/u/", FILES.subList(0, 1),
                    OptionalInt.of(30));
            assertThat(lake.s3.getObjectAsBytes(r -> r.bucket(bucket).key("sales/raw/u/orders.csv")).asUtf8String())
                    .isEqualTo("abc");
        }
    }
}
