package io.datalake.lambda.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.AccessLevel;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.update.UpdateManifest;
import io.datalake.lambda.api.ApiHandler;
import io.datalake.lambda.api.ApiServices;
import io.datalake.lambda.api.IamTrustPolicies;
import io.datalake.lambda.api.JsonLog;
import io.datalake.lambda.api.RestApi;
import io.datalake.lambda.api.fakes.FakeIam;
import io.datalake.lambda.api.fakes.InMemoryIngestQueue;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.GrantRegistry;
import io.datalake.registry.RegistrySchema;
import io.datalake.registry.RunRecord;
import io.datalake.registry.RunRegistry;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * One lake environment in the shared local servers: registry tables, data and drop buckets of every
 * tier, an outside source bucket, and the API over them with an in-memory ingest queue and the fake
 * IAM. {@link #call} runs an event through the Lambda handler and checks the response against the
 * OpenAPI description.
 */
public final class LakeEnv {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestLake lake;
    private final LakeNames names;
    private final String sourceBucket;
    private final InMemoryIngestQueue queue = new InMemoryIngestQueue();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final RestApi api;
    private final ApiHandler handler;

    LakeEnv(TestLake lake, String env) {
        this.lake = lake;
        this.names = new LakeNames(Environment.builder().org("acme").name(env).region("eu-west-1").build());
        RegistrySchema.createTables(lake.dynamo(), names);
        for (Tier tier : Tier.values()) {
            lake.s3().createBucket(r -> r.bucket(names.dataBucket(tier)));
            lake.s3().createBucket(r -> r.bucket(names.dropBucket(tier)));
        }
        this.sourceBucket = "partner-exports-" + env;
        lake.s3().createBucket(r -> r.bucket(sourceBucket));
        ApiServices services = ApiServices.of(names, lake.dynamo(), lake.s3(), queue, new IamTrustPolicies(lake.iamClient()),
                Set.of(sourceBucket), Clock.systemUTC(), new Random(42));
        this.api = RestApi.create(services, new JsonLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        this.handler = new ApiHandler(api);
    }

    public LakeNames names() {
        return names;
    }

    public RestApi api() {
        return api;
    }

    public ApiHandler handler() {
        return handler;
    }

    public InMemoryIngestQueue queue() {
        return queue;
    }

    public FakeIam iam() {
        return lake.iam();
    }

    public TestLake lake() {
        return lake;
    }

    /** The outside bucket the environment accepts as a {@code source}. */
    public String sourceBucket() {
        return sourceBucket;
    }

    /** The structured log lines written so far. */
    public List<JsonNode> logLines() {
        return logBytes.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException("a log line is not JSON: " + line, e);
            }
        }).toList();
    }

    /**
     * Registers a dataset as deploy-dataset does, and creates its read, write and admin roles in the
     * fake IAM with the trust policy the DatasetRoles construct gives a role nobody is named for.
     */
    /** The role the test datasets' files list under {@code access.admin}; the grant events' callers use it. */
    public static final String ADMIN_ROLE = "lake-admin";

    public void dataset(String name, Tier tier) {
        dataset(name, tier, true);
    }

    /** Registers a dataset, with or without its roles in IAM (without: its stack is not deployed). */
    public void dataset(String name, Tier tier, boolean withRoles) {
        String spec = "{\"name\":\"" + name + "\",\"tier\":\"" + tier.id() + "\",\"owner\":\"data-team\","
                + "\"description\":\"test data\",\"format\":{\"type\":\"csv\"},"
                + "\"access\":{\"admin\":[\"" + ADMIN_ROLE + "\"]}}";
        new DatasetRegistry(lake.dynamo(), names).register(new DatasetRegistration(name, tier, "data-team", "test data",
                names.environment().name(), names.datasetStack(name), spec, Instant.parse("2026-11-20T09:00:00Z")));
        for (AccessLevel level : withRoles ? AccessLevel.values() : new AccessLevel[0]) {
            // As the DatasetRoles construct makes them: the admin role trusts the roles of access.admin, the others nobody.
            String principal = level == AccessLevel.ADMIN ? FakeIam.arn(ADMIN_ROLE) : "arn:aws:iam::" + FakeIam.ACCOUNT + ":root";
            lake.iam().createRole(names.datasetRole(name, level), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":"
                    + "\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"}}]}");
        }
    }

    /** The grants table, as the routes use it. */
    public GrantRegistry grants() {
        return new GrantRegistry(lake.dynamo(), names);
    }

    /** Records a pipeline's output as made from a dataset, as the runner does. */
    public void downstream(String upstream, String downstream) {
        new DatasetRegistry(lake.dynamo(), names).addDownstream(upstream, downstream);
    }

    public void putObject(String bucket, String key, String content) {
        lake.s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    public void manifest(UpdateManifest manifest, Tier tier) {
        putObject(names.dataBucket(tier), manifest.key(), manifest.toJson());
    }

    public void update(UpdateRecord record) {
        new UpdateRegistry(lake.dynamo(), names).create(record);
    }

    public void run(RunRecord run) {
        new RunRegistry(lake.dynamo(), names).record(run);
    }

    /** Handles an event and checks the response against the OpenAPI description. */
    public Reply call(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json").containsKey("X-Request-Id");
        JsonNode body;
        try {
            body = JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError("the response body is not JSON: " + response.getBody(), e);
        }
        String template = OpenApiContract.get().operation(event.getHttpMethod(), event.getResource()).isMissingNode()
                ? null : event.getResource();
        List<String> problems = OpenApiContract.get().checkResponse(event.getHttpMethod(), template, response.getStatusCode(), body);
        assertThat(problems).as("%s %s -> %s %s against openapi.yaml", event.getHttpMethod(), event.getPath(),
                response.getStatusCode(), body).isEmpty();
        return new Reply(response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(), body);
    }
}
