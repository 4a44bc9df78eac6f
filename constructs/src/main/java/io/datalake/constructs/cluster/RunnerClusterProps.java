package io.datalake.constructs.cluster;

import io.datalake.core.LakeNames;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.eks_v2.KubernetesVersion;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Properties of a {@link RunnerCluster}; the cluster's limits and pipelines come from the environment's settings. */
public final class RunnerClusterProps {
    /** The newest Kubernetes version aws-cdk-lib 2.263 knows for EKS. */
    public static final KubernetesVersion DEFAULT_KUBERNETES_VERSION = KubernetesVersion.V1_36;
    /** Availability zones of the cluster's VPC: EKS needs at least two. */
    public static final int DEFAULT_MAX_AZS = 2;
    /** One NAT gateway lets nodes pull public images; runs themselves are kept off the internet by network policy. */
    public static final int DEFAULT_NAT_GATEWAYS = 1;
    /** A run request is hidden from other runners this long; the run extends it while it works. */
    public static final Duration DEFAULT_RUN_VISIBILITY = Duration.minutes(15);
    /** A run request that fails this many times moves to the dead-letter queue. */
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 3;
    /** How long run requests and dead letters are kept. */
    public static final Duration QUEUE_RETENTION = Duration.days(14);
    /** VPC flow logs are kept a year. */
    public static final RetentionDays DEFAULT_LOG_RETENTION = RetentionDays.ONE_YEAR;
    /**
     * The AWS APIs runs reach through interface endpoints in the VPC, the only HTTPS destinations
     * the runner network policy allows: credentials, run queues, data, keys, catalog, queries, logs.
     */
    public static final List<InterfaceVpcEndpointAwsService> RUN_ENDPOINTS = List.of(
            InterfaceVpcEndpointAwsService.STS, InterfaceVpcEndpointAwsService.SQS, InterfaceVpcEndpointAwsService.S3,
            InterfaceVpcEndpointAwsService.KMS, InterfaceVpcEndpointAwsService.GLUE, InterfaceVpcEndpointAwsService.ATHENA,
            InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS);

    private final LakeNames names;
    private final KubernetesVersion kubernetesVersion;
    private final int maxAzs;
    private final int natGateways;
    private final Duration runVisibilityTimeout;
    private final int maxReceiveCount;
    private final RetentionDays logRetention;

    private RunnerClusterProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.kubernetesVersion = Objects.requireNonNull(b.kubernetesVersion, "kubernetesVersion");
        if (b.maxAzs < 2 || b.maxAzs > 3) {
            throw new IllegalArgumentException("maxAzs must be 2 or 3 (EKS needs two zones), but " + b.maxAzs + " was given");
        }
        this.maxAzs = b.maxAzs;
        if (b.natGateways < 1 || b.natGateways > b.maxAzs) {
            throw new IllegalArgumentException("natGateways must be between 1 and maxAzs (" + b.maxAzs
                    + "): nodes pull images through them, but " + b.natGateways + " was given");
        }
        this.natGateways = b.natGateways;
        double seconds = b.runVisibilityTimeout.toSeconds().doubleValue();
        if (seconds < 60 || seconds > 12 * 3600) {
            throw new IllegalArgumentException("runVisibilityTimeout must be between 1 minute and 12 hours (SQS's limit),"
                    + " but " + b.runVisibilityTimeout.toHumanString() + " was given");
        }
        this.runVisibilityTimeout = b.runVisibilityTimeout;
        if (b.maxReceiveCount < 1 || b.maxReceiveCount > 100) {
            throw new IllegalArgumentException("maxReceiveCount must be between 1 and 100, but " + b.maxReceiveCount
                    + " was given");
        }
        this.maxReceiveCount = b.maxReceiveCount;
        this.logRetention = Objects.requireNonNull(b.logRetention, "logRetention");
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    /** @default {@link #DEFAULT_KUBERNETES_VERSION} */
    public KubernetesVersion kubernetesVersion() {
        return kubernetesVersion;
    }

    /** @default {@link #DEFAULT_MAX_AZS} */
    public int maxAzs() {
        return maxAzs;
    }

    /** @default {@link #DEFAULT_NAT_GATEWAYS} */
    public int natGateways() {
        return natGateways;
    }

    /** @default {@link #DEFAULT_RUN_VISIBILITY} */
    public Duration runVisibilityTimeout() {
        return runVisibilityTimeout;
    }

    /** @default {@link #DEFAULT_MAX_RECEIVE_COUNT} */
    public int maxReceiveCount() {
        return maxReceiveCount;
    }

    /** @default {@link #DEFAULT_LOG_RETENTION} */
    public RetentionDays logRetention() {
        return logRetention;
    }

    /** Builds {@link RunnerClusterProps}; only {@code names} is required. */
    public static final class Builder {
        private LakeNames names;
        private KubernetesVersion kubernetesVersion = DEFAULT_KUBERNETES_VERSION;
        private int maxAzs = DEFAULT_MAX_AZS;
        private int natGateways = DEFAULT_NAT_GATEWAYS;
        private Duration runVisibilityTimeout = DEFAULT_RUN_VISIBILITY;
        private int maxReceiveCount = DEFAULT_MAX_RECEIVE_COUNT;
        private RetentionDays logRetention = DEFAULT_LOG_RETENTION;

        private Builder() {
        }

        /** The environment's names; its {@code settings.cluster} holds the limits and pipelines. Required. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** @default {@link #DEFAULT_KUBERNETES_VERSION} */
        public Builder kubernetesVersion(KubernetesVersion version) {
            this.kubernetesVersion = version;
            return this;
        }

        /** @default {@link #DEFAULT_MAX_AZS} */
        public Builder maxAzs(int zones) {
            this.maxAzs = zones;
            return this;
        }

        /** @default {@link #DEFAULT_NAT_GATEWAYS} */
        public Builder natGateways(int gateways) {
            this.natGateways = gateways;
            return this;
        }

        /** @default {@link #DEFAULT_RUN_VISIBILITY} */
        public Builder runVisibilityTimeout(Duration timeout) {
            this.runVisibilityTimeout = Objects.requireNonNull(timeout, "runVisibilityTimeout");
            return this;
        }

        /** @default {@link #DEFAULT_MAX_RECEIVE_COUNT} */
        public Builder maxReceiveCount(int count) {
            this.maxReceiveCount = count;
            return this;
        }

        /** @default {@link #DEFAULT_LOG_RETENTION} */
        public Builder logRetention(RetentionDays retention) {
            this.logRetention = retention;
            return this;
        }

        public RunnerClusterProps build() {
            return new RunnerClusterProps(this);
        }
    }
}
