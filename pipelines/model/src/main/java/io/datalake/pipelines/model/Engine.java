package io.datalake.pipelines.model;

import java.util.Objects;

/**
 * Where and how big a pipeline runs on AWS: a Glue job with a number of workers of one size, or an
 * EMR Serverless application capped at some vCPUs and memory. Immutable; the fields of the other
 * engine keep their defaults and are ignored.
 */
public final class Engine {
    public static final EngineType DEFAULT_TYPE = EngineType.GLUE;
    /** Glue's minimum for a Spark job: one driver and one executor. */
    public static final int DEFAULT_WORKERS = 2;
    public static final int MIN_WORKERS = 2;
    public static final int MAX_WORKERS = 299;
    public static final GlueWorkerType DEFAULT_WORKER_TYPE = GlueWorkerType.G_1X;
    public static final int DEFAULT_MAX_VCPU = 16;
    public static final int MAX_VCPU = 400;
    public static final int DEFAULT_MAX_MEMORY_GB = 64;
    public static final int MAX_MEMORY_GB = 3000;

    private final EngineType type;
    private final int workers;
    private final GlueWorkerType workerType;
    private final int maxVcpu;
    private final int maxMemoryGb;

    private Engine(EngineType type, int workers, GlueWorkerType workerType, int maxVcpu, int maxMemoryGb) {
        this.type = Objects.requireNonNull(type, "type");
        this.workers = check("engine.workers", workers, MIN_WORKERS, MAX_WORKERS);
        this.workerType = Objects.requireNonNull(workerType, "workerType");
        this.maxVcpu = check("engine.maxVcpu", maxVcpu, 1, MAX_VCPU);
        this.maxMemoryGb = check("engine.maxMemoryGb", maxMemoryGb, 2, MAX_MEMORY_GB);
    }

    private static int check(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be from " + min + " to " + max + ", but " + value
                    + " was given");
        }
        return value;
    }

    /** Glue with {@link #DEFAULT_WORKERS} workers of {@link #DEFAULT_WORKER_TYPE}. */
    public static Engine defaults() {
        return glue(DEFAULT_WORKERS, DEFAULT_WORKER_TYPE);
    }

    public static Engine glue(int workers, GlueWorkerType workerType) {
        return new Engine(EngineType.GLUE, workers, workerType, DEFAULT_MAX_VCPU, DEFAULT_MAX_MEMORY_GB);
    }

    public static Engine emrServerless(int maxVcpu, int maxMemoryGb) {
        return new Engine(EngineType.EMR_SERVERLESS, DEFAULT_WORKERS, DEFAULT_WORKER_TYPE, maxVcpu, maxMemoryGb);
    }

    /** @default {@link #DEFAULT_TYPE} */
    public EngineType type() {
        return type;
    }

    /** Glue only: the number of workers. @default {@link #DEFAULT_WORKERS} */
    public int workers() {
        return workers;
    }

    /** Glue only. @default {@link #DEFAULT_WORKER_TYPE} */
    public GlueWorkerType workerType() {
        return workerType;
    }

    /** EMR Serverless only: the application's maximum vCPUs. @default {@link #DEFAULT_MAX_VCPU} */
    public int maxVcpu() {
        return maxVcpu;
    }

    /** EMR Serverless only: the application's maximum memory in GB. @default {@link #DEFAULT_MAX_MEMORY_GB} */
    public int maxMemoryGb() {
        return maxMemoryGb;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Engine other && type == other.type && workers == other.workers
                && workerType == other.workerType && maxVcpu == other.maxVcpu && maxMemoryGb == other.maxMemoryGb;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, workers, workerType, maxVcpu, maxMemoryGb);
    }

    @Override
    public String toString() {
        return type == EngineType.GLUE ? "glue, " + workers + " x " + workerType.id()
                : "emr-serverless, up to " + maxVcpu + " vCPU and " + maxMemoryGb + " GB";
    }
}
