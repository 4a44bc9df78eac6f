package io.datalake.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The runner cluster of one environment: whether it is deployed, how far its nodes may scale, which
 * pipelines run on it and how big one run is. The same settings drive the EKS stack and the
 * Kubernetes manifests for both clouds, so a limit set here holds on EKS and on GKE Autopilot.
 * Off by default: a cluster costs money even when it has no nodes.
 */
public final class ClusterSettings {
    /** The runner nodes of the cluster may add up to this many vCPUs. */
    public static final int DEFAULT_MAX_CPU = 64;
    /** The runner nodes of the cluster may add up to this much memory, in GiB. */
    public static final int DEFAULT_MAX_MEMORY_GIB = 256;
    /** Runs may use spot capacity: pipeline runs are batch work that a retry can repeat. */
    public static final boolean DEFAULT_SPOT = true;
    /** At most this many runs of one pipeline run at the same time. */
    public static final int DEFAULT_MAX_PARALLEL_RUNS = 10;
    /** The CPU one run requests (and is limited to), in millicores. */
    public static final int DEFAULT_RUNNER_CPU_MILLIS = 1000;
    /** The memory one run requests (and is limited to), in MiB. */
    public static final int DEFAULT_RUNNER_MEMORY_MIB = 4096;
    /** The address range of the cluster's VPC on AWS; network policies allow HTTPS to it. */
    public static final String DEFAULT_VPC_CIDR = "10.80.0.0/16";
    /** The image a run starts; a placeholder until the pipelines publish their runner image. */
    public static final String DEFAULT_RUNNER_IMAGE = "registry.example.com/datalake-runner:latest";
    /** Where the GKE Autopilot cluster lives when the GKE manifests are rendered. */
    public static final String DEFAULT_GCP_REGION = "europe-west1";

    private static final String FIELD = "settings.cluster.";
    private static final Pattern CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(\\d{1,2})");
    private static final Pattern GCP_PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern GCP_REGION = Pattern.compile("[a-z]+-[a-z]+\\d{1,2}");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][A-Za-z0-9._/:@-]*");

    private final boolean enabled;
    private final int maxCpu;
    private final int maxMemoryGiB;
    private final boolean spot;
    private final int maxParallelRuns;
    private final int runnerCpuMillis;
    private final int runnerMemoryMiB;
    private final List<String> pipelines;
    private final String vpcCidr;
    private final String runnerImage;
    private final String gcpProject;
    private final String gcpRegion;

    private ClusterSettings(Builder b) {
        this.enabled = b.enabled;
        this.maxCpu = range("maxCpu", b.maxCpu, 1, 10_000);
        this.maxMemoryGiB = range("maxMemoryGiB", b.maxMemoryGiB, 1, 100_000);
        this.spot = b.spot;
        this.maxParallelRuns = range("maxParallelRuns", b.maxParallelRuns, 1, 1000);
        // 250m is the smallest CPU request GKE Autopilot keeps as given for batch pods.
        this.runnerCpuMillis = range("runnerCpuMillis", b.runnerCpuMillis, 250, 64_000);
        this.runnerMemoryMiB = range("runnerMemoryMiB", b.runnerMemoryMiB, 512, 512 * 1024);
        if (runnerCpuMillis > maxCpu * 1000L) {
            throw new LakeConfigException(FIELD + "runnerCpuMillis must fit within maxCpu (" + maxCpu
                    + " vCPUs), but " + runnerCpuMillis + " was given");
        }
        if (runnerMemoryMiB > maxMemoryGiB * 1024L) {
            throw new LakeConfigException(FIELD + "runnerMemoryMiB must fit within maxMemoryGiB (" + maxMemoryGiB
                    + " GiB), but " + runnerMemoryMiB + " was given");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String pipeline : b.pipelines) {
            LakeNames.checkPipeline(FIELD + "pipelines", pipeline);
            if (!names.add(pipeline)) {
                throw new LakeConfigException(FIELD + "pipelines must name each pipeline once, but '"
                        + pipeline + "' was given twice");
            }
        }
        this.pipelines = List.copyOf(names);
        this.vpcCidr = cidr(b.vpcCidr);
        if (b.runnerImage == null || !IMAGE.matcher(b.runnerImage).matches()) {
            throw new LakeConfigException(FIELD + "runnerImage must be a container image reference such as"
                    + " registry/repository:tag, but " + quote(b.runnerImage) + " was given");
        }
        this.runnerImage = b.runnerImage;
        if (b.gcpProject != null && !GCP_PROJECT.matcher(b.gcpProject).matches()) {
            throw new LakeConfigException(FIELD + "gcpProject must be a Google Cloud project id (6 to 30 lowercase"
                    + " letters, digits or hyphens, starting with a letter), but " + quote(b.gcpProject) + " was given");
        }
        this.gcpProject = b.gcpProject;
        if (b.gcpRegion == null || !GCP_REGION.matcher(b.gcpRegion).matches()) {
            throw new LakeConfigException(FIELD + "gcpRegion must be a Google Cloud region such as europe-west1, but "
                    + quote(b.gcpRegion) + " was given");
        }
        this.gcpRegion = b.gcpRegion;
    }

    private static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new LakeConfigException(FIELD + field + " must be between " + min + " and " + max
                    + ", but " + value + " was given");
        }
        return value;
    }

    private static String cidr(String value) {
        var matcher = value == null ? null : CIDR.matcher(value);
        if (matcher == null || !matcher.matches()) {
            throw new LakeConfigException(FIELD + "vpcCidr must be an IPv4 range such as " + DEFAULT_VPC_CIDR
                    + ", but " + quote(value) + " was given");
        }
        int prefix = Integer.parseInt(matcher.group(4));
        // EKS wants room for nodes, pods and endpoints in every zone; AWS allows /16 to /28.
        if (prefix < 16 || prefix > 20) {
            throw new LakeConfigException(FIELD + "vpcCidr must be a /16 to /20 range (pods take one address each),"
                    + " but '" + value + "' was given");
        }
        return value;
    }

    private static String quote(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings with every default: no cluster. */
    public static ClusterSettings defaults() {
        return builder().build();
    }

    /** Whether the environment deploys a runner cluster stack; @default false */
    public boolean enabled() {
        return enabled;
    }

    /** @default {@link #DEFAULT_MAX_CPU} */
    public int maxCpu() {
        return maxCpu;
    }

    /** @default {@link #DEFAULT_MAX_MEMORY_GIB} */
    public int maxMemoryGiB() {
        return maxMemoryGiB;
    }

    /** Whether runs may use spot (preemptible) capacity; @default {@link #DEFAULT_SPOT} */
    public boolean spot() {
        return spot;
    }

    /** @default {@link #DEFAULT_MAX_PARALLEL_RUNS} */
    public int maxParallelRuns() {
        return maxParallelRuns;
    }

    /** @default {@link #DEFAULT_RUNNER_CPU_MILLIS} */
    public int runnerCpuMillis() {
        return runnerCpuMillis;
    }

    /** @default {@link #DEFAULT_RUNNER_MEMORY_MIB} */
    public int runnerMemoryMiB() {
        return runnerMemoryMiB;
    }

    /** The pipelines that run on the cluster, each with its own queue, identity and scaler; @default none */
    public List<String> pipelines() {
        return pipelines;
    }

    /** @default {@link #DEFAULT_VPC_CIDR} */
    public String vpcCidr() {
        return vpcCidr;
    }

    /** @default {@link #DEFAULT_RUNNER_IMAGE} */
    public String runnerImage() {
        return runnerImage;
    }

    /** The Google Cloud project of the GKE manifests; @default none (needed only to render for GKE) */
    public Optional<String> gcpProject() {
        return Optional.ofNullable(gcpProject);
    }

    /** @default {@link #DEFAULT_GCP_REGION} */
    public String gcpRegion() {
        return gcpRegion;
    }

    /** Builds {@link ClusterSettings}; unset values take the documented defaults. */
    public static final class Builder {
        private boolean enabled;
        private int maxCpu = DEFAULT_MAX_CPU;
        private int maxMemoryGiB = DEFAULT_MAX_MEMORY_GIB;
        private boolean spot = DEFAULT_SPOT;
        private int maxParallelRuns = DEFAULT_MAX_PARALLEL_RUNS;
        private int runnerCpuMillis = DEFAULT_RUNNER_CPU_MILLIS;
        private int runnerMemoryMiB = DEFAULT_RUNNER_MEMORY_MIB;
        private List<String> pipelines = new ArrayList<>();
        private String vpcCidr = DEFAULT_VPC_CIDR;
        private String runnerImage = DEFAULT_RUNNER_IMAGE;
        private String gcpProject;
        private String gcpRegion = DEFAULT_GCP_REGION;

        private Builder() {
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder maxCpu(int vcpus) {
            this.maxCpu = vcpus;
            return this;
        }

        public Builder maxMemoryGiB(int gib) {
            this.maxMemoryGiB = gib;
            return this;
        }

        public Builder spot(boolean spot) {
            this.spot = spot;
            return this;
        }

        public Builder maxParallelRuns(int runs) {
            this.maxParallelRuns = runs;
            return this;
        }

        public Builder runnerCpuMillis(int millis) {
            this.runnerCpuMillis = millis;
            return this;
        }

        public Builder runnerMemoryMiB(int mib) {
            this.runnerMemoryMiB = mib;
            return this;
        }

        public Builder pipelines(List<String> pipelines) {
            this.pipelines = new ArrayList<>(Objects.requireNonNull(pipelines, "pipelines"));
            return this;
        }

        public Builder vpcCidr(String cidr) {
            this.vpcCidr = cidr;
            return this;
        }

        public Builder runnerImage(String image) {
            this.runnerImage = image;
            return this;
        }

        public Builder gcpProject(String project) {
            this.gcpProject = project;
            return this;
        }

        public Builder gcpRegion(String region) {
            this.gcpRegion = region;
            return this;
        }

        public ClusterSettings build() {
            return new ClusterSettings(this);
        }
    }
}
