package io.datalake.registry.commit;

import io.datalake.core.update.UpdateManifest;

/**
 * A seam for failure injection, called after every {@link CommitStep}. In production it is
 * {@link #NONE}; a test throws from it to simulate a kill at that point.
 */
@FunctionalInterface
public interface CommitFaults {
    /** Does nothing. */
    CommitFaults NONE = (step, manifest) -> {
    };

    /**
     * @param step the step just completed
     * @param manifest the manifest being committed; {@code null} after {@link CommitStep#BEGUN}, before there is one
     */
    void after(CommitStep step, UpdateManifest manifest);
}
