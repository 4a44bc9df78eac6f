package io.datalake.lambda.api;

import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the function needs to know about its environment, read once per container from the
 * environment variables the {@code LakeApi} construct sets (see {@link #fromEnvironment}).
 */
public final class ApiConfig {
    /** The organisation of the lake, e.g. {@code acme}. Required. */
    public static final String ORG = "LAKE_ORG";
    /** The environment's name, e.g. {@code dev}. Required. */
    public static final String ENV = "LAKE_ENV";
    /** The lake's region, as the LakeApi construct sets it; when unset, {@value #AWS_REGION}. */
    public static final String REGION = "LAKE_REGION";
    /** The region the function runs in; Lambda sets it. */
    public static final String AWS_REGION = "AWS_REGION";
    /** The URL of the ingest queue that {@code POST /datasets/{name}/updates} sends to. Required. */
    public static final String INGEST_QUEUE_URL = "LAKE_INGEST_QUEUE_URL";
    /**
     * Buckets outside the lake that {@code source} may name, comma-separated. Optional, default
     * none: only the dataset's drop bucket.
     */
    public static final String SOURCE_BUCKETS = "LAKE_SOURCE_BUCKETS";
    /** Endpoint overrides for the local lake and benchmarks; unset on AWS. */
    public static final String S3_ENDPOINT = "LAKE_S3_ENDPOINT";
    public static final String DYNAMODB_ENDPOINT = "LAKE_DYNAMODB_ENDPOINT";
    public static final String SQS_ENDPOINT = "LAKE_SQS_ENDPOINT";
    public static final String IAM_ENDPOINT = "LAKE_IAM_ENDPOINT";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final Environment environment;
    private final LakeNames names;
    private final String ingestQueueUrl;
    private final Set<String> sourceBuckets;
    private final URI s3Endpoint;
    private final URI dynamoDbEndpoint;
    private final URI sqsEndpoint;
    private final URI iamEndpoint;

    private ApiConfig(Builder b) {
        try {
            this.environment = Environment.builder().org(b.org).name(b.env).region(b.region).build();
            this.names = new LakeNames(environment);
        } catch (LakeConfigException e) {
            throw new IllegalArgumentException("the API's environment (" + ORG + ", " + ENV + ", " + REGION + " or " + AWS_REGION + ") is invalid: "
                    + e.getMessage(), e);
        }
        if (b.ingestQueueUrl == null || b.ingestQueueUrl.isBlank()) {
            throw new IllegalArgumentException(INGEST_QUEUE_URL + " must be the ingest queue's URL, but it is not set");
        }
        this.ingestQueueUrl = b.ingestQueueUrl.trim();
        for (String bucket : b.sourceBuckets) {
            if (!BUCKET.matcher(bucket).matches()) {
                throw new IllegalArgumentException(SOURCE_BUCKETS + " must list S3 bucket names, but '" + bucket + "' is not one");
            }
            if (names.isLakeBucket(bucket)) {
                throw new IllegalArgumentException(SOURCE_BUCKETS + " must name buckets outside the lake, but '" + bucket
                        + "' is one of the lake's own buckets");
            }
        }
        this.sourceBuckets = Collections.unmodifiableSet(new LinkedHashSet<>(b.sourceBuckets));
        this.s3Endpoint = b.s3Endpoint;
        this.dynamoDbEndpoint = b.dynamoDbEndpoint;
        this.sqsEndpoint = b.sqsEndpoint;
        this.iamEndpoint = b.iamEndpoint;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the configuration from environment variables: {@value #ORG}, {@value #ENV},
     * {@value #REGION} (or else {@value #AWS_REGION}), {@value #INGEST_QUEUE_URL}, optionally
     * {@value #SOURCE_BUCKETS} and the {@code LAKE_*_ENDPOINT} overrides.
     *
     * @throws IllegalArgumentException naming the variable that is missing or invalid
     */
    public static ApiConfig fromEnvironment(Map<String, String> variables) {
        Builder b = builder()
                .org(required(variables, ORG))
                .env(required(variables, ENV))
                .region(region(variables))
                .ingestQueueUrl(variables.get(INGEST_QUEUE_URL));
        String sources = variables.get(SOURCE_BUCKETS);
        if (sources != null && !sources.isBlank()) {
            b.sourceBuckets(Arrays.stream(sources.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        b.s3Endpoint(endpoint(variables, S3_ENDPOINT));
        b.dynamoDbEndpoint(endpoint(variables, DYNAMODB_ENDPOINT));
        b.sqsEndpoint(endpoint(variables, SQS_ENDPOINT));
        b.iamEndpoint(endpoint(variables, IAM_ENDPOINT));
        return b.build();
    }

    private static String region(Map<String, String> variables) {
        String lake = variables.get(REGION);
        if (lake != null && !lake.isBlank()) {
            return lake.trim();
        }
        String aws = variables.get(AWS_REGION);
        if (aws == null || aws.isBlank()) {
            throw new IllegalArgumentException("the environment variable " + REGION + " (or " + AWS_REGION + ") must be set");
        }
        return aws.trim();
    }

    private static String required(Map<String, String> variables, String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the environment variable " + name + " must be set");
        }
        return value.trim();
    }

    private static URI endpoint(Map<String, String> variables, String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a URL such as http://127.0.0.1:4566, but '" + value + "' was given");
        }
    }

    public Environment environment() {
        return environment;
    }

    public LakeNames names() {
        return names;
    }

    public String region() {
        return environment.region();
    }

    public String ingestQueueUrl() {
        return ingestQueueUrl;
    }

    /** Buckets outside the lake that a {@code source} may name. */
    public Set<String> sourceBuckets() {
        return sourceBuckets;
    }

    public Optional<URI> s3Endpoint() {
        return Optional.ofNullable(s3Endpoint);
    }

    public Optional<URI> dynamoDbEndpoint() {
        return Optional.ofNullable(dynamoDbEndpoint);
    }

    public Optional<URI> sqsEndpoint() {
        return Optional.ofNullable(sqsEndpoint);
    }

    public Optional<URI> iamEndpoint() {
        return Optional.ofNullable(iamEndpoint);
    }

    /** Builds an {@link ApiConfig}; org, env, region and the ingest queue URL are required. */
    public static final class Builder {
        private String org;
        private String env;
        private String region;
        private String ingestQueueUrl;
        private Set<String> sourceBuckets = new LinkedHashSet<>();
        private URI s3Endpoint;
        private URI dynamoDbEndpoint;
        private URI sqsEndpoint;
        private URI iamEndpoint;

        private Builder() {
        }

        public Builder org(String org) {
            this.org = org;
            return this;
        }

        public Builder env(String env) {
            this.env = env;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder ingestQueueUrl(String url) {
            this.ingestQueueUrl = url;
            return this;
        }

        /** @default none: {@code source} may only name the dataset's drop bucket */
        public Builder sourceBuckets(Iterable<String> buckets) {
            this.sourceBuckets = new LinkedHashSet<>();
            buckets.forEach(bucket -> this.sourceBuckets.add(Objects.requireNonNull(bucket, "bucket")));
            return this;
        }

        /** @default the SDK's endpoint for the region */
        public Builder s3Endpoint(URI endpoint) {
            this.s3Endpoint = endpoint;
            return this;
        }

        /** @default the SDK's endpoint for the region */
        public Builder dynamoDbEndpoint(URI endpoint) {
            this.dynamoDbEndpoint = endpoint;
            return this;
        }

        /** @default the SDK's endpoint for the region */
        public Builder sqsEndpoint(URI endpoint) {
            this.sqsEndpoint = endpoint;
            return this;
        }

        /** @default IAM's global endpoint of the region's partition */
        public Builder iamEndpoint(URI endpoint) {
            this.iamEndpoint = endpoint;
            return this;
        }

        public ApiConfig build() {
            return new ApiConfig(this);
        }
    }
}
