package io.datalake.app.deploy;

import java.util.List;
import java.util.Objects;

/**
 * What deploying a template to a stack would do, as a CloudFormation change set that exists but
 * has not run yet: {@link StackDeployer#execute} runs it, {@link StackDeployer#discard} throws it
 * away. An unchanged plan has no change set left behind (CloudFormation refuses one without
 * changes), so there is nothing to run or discard.
 *
 * @param stackName the stack's name
 * @param stackId the stack's ARN: it keeps naming the stack after deletion, when the name no longer does
 * @param changeSetId the change set's ARN, or {@code null} when {@code unchanged}
 * @param kind whether the change set creates the stack or updates it
 * @param changes the resources it touches, in CloudFormation's order; empty when unchanged, and
 *     possibly empty otherwise too (a change to outputs only)
 * @param unchanged whether the template and tags equal what is deployed
 */
public record DeployPlan(String stackName, String stackId, String changeSetId, Kind kind,
                         List<ResourceChange> changes, boolean unchanged) {
    public DeployPlan {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(kind, "kind");
        changes = List.copyOf(changes);
        if (!unchanged) {
            Objects.requireNonNull(changeSetId, "changeSetId");
        }
    }

    /** Whether the change set creates a new stack or updates a deployed one. */
    public enum Kind {
        /** No stack was deployed yet (none exists, or only an empty one under review). */
        CREATE,
        UPDATE
    }
}
