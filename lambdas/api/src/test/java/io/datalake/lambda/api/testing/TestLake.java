package io.datalake.lambda.api.testing;

import io.datalake.lambda.api.fakes.FakeIam;
import io.datalake.local.LocalCredentials;
import io.datalake.local.LocalDynamo;
import io.datalake.local.LocalS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local servers of the API's tests, started once for the whole test run: S3 (s3proxy on the
 * filesystem), DynamoDB Local and a fake IAM endpoint. Each test class takes its own
 * {@link LakeEnv}, a separate lake environment with its own tables and buckets, so classes do not
 * see each other's data. Inject it with {@code @ExtendWith(TestLake.Extension.class)} and a
 * {@code TestLake} parameter.
 */
public final class TestLake implements ExtensionContext.Store.CloseableResource {
    private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();

    private final Path folder;
    private final LocalS3 s3Server;
    private final LocalDynamo dynamoServer;
    private final FakeIam iam;
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final IamClient iamClient;

    private TestLake() {
        try {
            this.folder = Files.createTempDirectory("lake-api-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.s3Server = LocalS3.start(folder.resolve("s3"), 0);
        this.dynamoServer = LocalDynamo.start();
        this.iam = FakeIam.start();
        this.s3 = s3Server.client();
        this.dynamo = dynamoServer.client();
        this.iamClient = IamClient.builder().endpointOverride(iam.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(LocalCredentials.provider()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A new environment of the lake ({@code acme}, {@code t<n>}, {@code eu-west-1}) with tables and buckets. */
    public LakeEnv environment() {
        return new LakeEnv(this, "t" + ENVIRONMENTS.incrementAndGet());
    }

    /**
     * A new environment with a chosen name (1 to 10 lowercase letters or digits, unique in the run),
     * for tests whose event files name its buckets.
     */
    public LakeEnv environment(String name) {
        return new LakeEnv(this, name);
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public FakeIam iam() {
        return iam;
    }

    public IamClient iamClient() {
        return iamClient;
    }

    public LocalS3 s3Server() {
        return s3Server;
    }

    public LocalDynamo dynamoServer() {
        return dynamoServer;
    }

    @Override
    public void close() {
        s3.close();
        dynamo.close();
        iamClient.close();
        iam.close();
        dynamoServer.close();
        s3Server.close();
    }

    /** Resolves {@code TestLake} parameters with the one instance of the run. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestLake.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(TestLake.class))
                    .getOrComputeIfAbsent("lake", key -> new TestLake(), TestLake.class);
        }
    }
}
