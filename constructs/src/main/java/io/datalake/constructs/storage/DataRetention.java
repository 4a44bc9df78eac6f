package io.datalake.constructs.storage;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.constructs.Construct;

/**
 * Decides what happens to data-holding resources when their stack is deleted. Data is retained
 * unless the context flag {@value #DESTROY_DATA_CONTEXT} is {@code true}, which is meant only for
 * throw-away environments and is announced with a warning on every resource it affects.
 */
public final class DataRetention {
    /** Context flag that lets stack deletion remove data buckets, keys and tables. */
    public static final String DESTROY_DATA_CONTEXT = "datalake:destroyData";

    private DataRetention() {
    }

    /** {@link RemovalPolicy#RETAIN}, or {@link RemovalPolicy#DESTROY} with a warning when the flag is set. */
    public static RemovalPolicy removalPolicy(Construct scope) {
        Object flag = scope.getNode().tryGetContext(DESTROY_DATA_CONTEXT);
        if (flag != null && "true".equalsIgnoreCase(flag.toString())) {
            Annotations.of(scope).addWarningV2("datalake:destroy-data",
                    DESTROY_DATA_CONTEXT + "=true: deleting this stack deletes " + scope.getNode().getPath()
                            + " and the data in it");
            return RemovalPolicy.DESTROY;
        }
        return RemovalPolicy.RETAIN;
    }
}
