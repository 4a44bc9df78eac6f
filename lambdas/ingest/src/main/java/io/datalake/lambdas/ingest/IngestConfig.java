package io.datalake.lambdas.ingest;

import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The ingest function's configuration, read once per container from its environment variables:
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><td>{@value #ORG}, {@value #ENV}</td><td>required: the lake's org and environment name, from which every
 *       bucket and table name is derived ({@link LakeNames})</td></tr>
 *   <tr><td>{@value #REGION}</td><td>the lake's region; default {@code AWS_REGION}, which Lambda sets</td></tr>
 *   <tr><td>{@value #TIERS}</td><td>the enabled tiers, comma-separated; default all: events from other drop buckets fail</td></tr>
 *   <tr><td>{@value #EVENT_BUS}</td><td>the EventBridge bus of raw-complete events; default {@value #DEFAULT_EVENT_BUS}</td></tr>
 *   <tr><td>{@value #EVENT_SOURCE}</td><td>their {@code source}; default
 *       {@value EventBridgeConversionTrigger#DEFAULT_SOURCE}</td></tr>
 *   <tr><td>{@value #CONVERSION}</td><td>{@code eventbridge} (default) or {@code log}: only log raw-complete
 *       updates, for a local lake without EventBridge</td></tr>
 *   <tr><td>{@value #S3_ENDPOINT}, {@value #DYNAMODB_ENDPOINT}, {@value #EVENTS_ENDPOINT}</td><td>endpoint
 *       overrides for local stand-ins; unset on AWS</td></tr>
 *   <tr><td>{@code LAKE_MAX_*}, ...</td><td>the {@link IngestLimits}</td></tr>
 * </table>
 */
public final class IngestConfig {
    public static final String ORG = "LAKE_ORG";
    public static final String ENV = "LAKE_ENV";
    public static final String REGION = "LAKE_REGION";
    public static final String EVENT_BUS = "LAKE_EVENT_BUS";
    public static final String EVENT_SOURCE = "LAKE_EVENT_SOURCE";
    public static final String TIERS = "LAKE_TIERS";
    public static final String CONVERSION = "LAKE_CONVERSION";
    public static final String S3_ENDPOINT = "LAKE_S3_ENDPOINT";
    public static final String DYNAMODB_ENDPOINT = "LAKE_DYNAMODB_ENDPOINT";
    public static final String EVENTS_ENDPOINT = "LAKE_EVENTS_ENDPOINT";
    /** The bus raw-complete events go to unless set. */
    public static final String DEFAULT_EVENT_BUS = "default";

    /** How raw-complete updates are handed to the conversion. */
    public enum Conversion {
        /** An EventBridge event on {@link #eventBus()}. */
        EVENTBRIDGE,
        /** A log line only: the local lake, which has no EventBridge. */
        LOG
    }

    private final Environment environment;
    private final Set<Tier> tiers;
    private final String eventBus;
    private final String eventSource;
    private final Conversion conversion;
    private final URI s3Endpoint;
    private final URI dynamoEndpoint;
    private final URI eventsEndpoint;
    private final IngestLimits limits;

    private IngestConfig(Builder b) {
        this.environment = Objects.requireNonNull(b.environment, "environment is required");
        this.tiers = Collections.unmodifiableSet(EnumSet.copyOf(b.tiers));
        this.eventBus = b.eventBus;
        this.eventSource = b.eventSource;
        this.conversion = b.conversion;
        this.s3Endpoint = b.s3Endpoint;
        this.dynamoEndpoint = b.dynamoEndpoint;
        this.eventsEndpoint = b.eventsEndpoint;
        this.limits = b.limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the configuration from environment variables.
     *
     * @throws IllegalArgumentException naming the variable that is missing or wrong
     */
    public static IngestConfig fromEnvironment(Map<String, String> env) {
        String region = value(env, REGION).or(() -> value(env, "AWS_REGION")).orElseThrow(() -> missing(REGION + " (or AWS_REGION)"));
        Environment environment;
        try {
            environment = Environment.builder()
                    .org(value(env, ORG).orElseThrow(() -> missing(ORG)))
                    .name(value(env, ENV).orElseThrow(() -> missing(ENV)))
                    .region(region)
                    .build();
        } catch (LakeConfigException e) {
            throw new IllegalArgumentException("the ingest function's environment: " + e.getMessage(), e);
        }
        Builder b = builder().environment(environment).limits(IngestLimits.fromEnvironment(env));
        value(env, EVENT_BUS).ifPresent(b::eventBus);
        value(env, EVENT_SOURCE).ifPresent(b::eventSource);
        value(env, TIERS).ifPresent(text -> {
            Set<Tier> tiers = EnumSet.noneOf(Tier.class);
            for (String id : text.split(",")) {
                try {
                    tiers.add(Tier.parse(TIERS, id));
                } catch (LakeConfigException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
            b.tiers(tiers);
        });
        value(env, CONVERSION).ifPresent(text -> {
            try {
                b.conversion(Conversion.valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(CONVERSION + " must be eventbridge or log, but '" + text + "' was given");
            }
        });
        value(env, S3_ENDPOINT).map(v -> uri(S3_ENDPOINT, v)).ifPresent(b::s3Endpoint);
        value(env, DYNAMODB_ENDPOINT).map(v -> uri(DYNAMODB_ENDPOINT, v)).ifPresent(b::dynamoEndpoint);
        value(env, EVENTS_ENDPOINT).map(v -> uri(EVENTS_ENDPOINT, v)).ifPresent(b::eventsEndpoint);
        return b.build();
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException("the ingest function needs the environment variable " + name);
    }

    private static URI uri(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a URL such as http://127.0.0.1:9000, but '" + value
                    + "' was given");
        }
    }

    public Environment environment() {
        return environment;
    }

    public LakeNames names() {
        return new LakeNames(environment);
    }

    /** The tiers whose drop buckets deliver. @default every tier */
    public Set<Tier> tiers() {
        return tiers;
    }

    /** @default {@value #DEFAULT_EVENT_BUS} */
    public String eventBus() {
        return eventBus;
    }

    /** @default {@value EventBridgeConversionTrigger#DEFAULT_SOURCE} */
    public String eventSource() {
        return eventSource;
    }

    /** @default {@link Conversion#EVENTBRIDGE} */
    public Conversion conversion() {
        return conversion;
    }

    /** @default none: S3's regional endpoint */
    public Optional<URI> s3Endpoint() {
        return Optional.ofNullable(s3Endpoint);
    }

    /** @default none: DynamoDB's regional endpoint */
    public Optional<URI> dynamoEndpoint() {
        return Optional.ofNullable(dynamoEndpoint);
    }

    /** @default none: EventBridge's regional endpoint */
    public Optional<URI> eventsEndpoint() {
        return Optional.ofNullable(eventsEndpoint);
    }

    /** @default {@link IngestLimits#defaults()} */
    public IngestLimits limits() {
        return limits;
    }

    /** Builds an {@link IngestConfig}; the environment is required. */
    public static final class Builder {
        private Environment environment;
        private Set<Tier> tiers = EnumSet.allOf(Tier.class);
        private String eventBus = DEFAULT_EVENT_BUS;
        private String eventSource = EventBridgeConversionTrigger.DEFAULT_SOURCE;
        private Conversion conversion = Conversion.EVENTBRIDGE;
        private URI s3Endpoint;
        private URI dynamoEndpoint;
        private URI eventsEndpoint;
        private IngestLimits limits = IngestLimits.defaults();

        private Builder() {
        }

        public Builder environment(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** @default every tier */
        public Builder tiers(Set<Tier> tiers) {
            if (tiers == null || tiers.isEmpty()) {
                throw new IllegalArgumentException("tiers must name at least one of " + Tier.allowed());
            }
            this.tiers = EnumSet.copyOf(tiers);
            return this;
        }

        /** @default {@value EventBridgeConversionTrigger#DEFAULT_SOURCE} */
        public Builder eventSource(String eventSource) {
            this.eventSource = Objects.requireNonNull(eventSource, "eventSource");
            return this;
        }

        /** @default {@value IngestConfig#DEFAULT_EVENT_BUS} */
        public Builder eventBus(String eventBus) {
            this.eventBus = Objects.requireNonNull(eventBus, "eventBus");
            return this;
        }

        /** @default {@link Conversion#EVENTBRIDGE} */
        public Builder conversion(Conversion conversion) {
            this.conversion = Objects.requireNonNull(conversion, "conversion");
            return this;
        }

        public Builder s3Endpoint(URI endpoint) {
            this.s3Endpoint = endpoint;
            return this;
        }

        public Builder dynamoEndpoint(URI endpoint) {
            this.dynamoEndpoint = endpoint;
            return this;
        }

        public Builder eventsEndpoint(URI endpoint) {
            this.eventsEndpoint = endpoint;
            return this;
        }

        /** @default {@link IngestLimits#defaults()} */
        public Builder limits(IngestLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public IngestConfig build() {
            return new IngestConfig(this);
        }
    }
}
