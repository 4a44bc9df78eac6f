package io.datalake.app.deploy;

import java.util.Objects;

/**
 * One resource a change set would touch, as CloudFormation described it: what it does to the
 * resource and whether the resource gets replaced (a new physical resource, the old one deleted),
 * which is what a reviewer most needs to see before data roles or tables are swapped.
 *
 * @param action what happens to the resource
 * @param logicalId the resource's id in the template, e.g. {@code ReadRole}
 * @param resourceType e.g. {@code AWS::IAM::Role}
 * @param replacement whether a {@link Action#MODIFY} replaces the resource; {@link Replacement#FALSE}
 *     for other actions
 */
public record ResourceChange(Action action, String logicalId, String resourceType, Replacement replacement) {
    public ResourceChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(replacement, "replacement");
    }

    /** What a change set does to a resource (CloudFormation's {@code ChangeAction}). */
    public enum Action {
        ADD, MODIFY, REMOVE, IMPORT,
        /** Decided only while the change set runs, e.g. for resources of a nested stack or a macro. */
        DYNAMIC
    }

    /** Whether a modification replaces the resource (CloudFormation's {@code Replacement}). */
    public enum Replacement {
        TRUE, FALSE,
        /** Depends on a value known only while the change set runs. */
        CONDITIONAL
    }
}
