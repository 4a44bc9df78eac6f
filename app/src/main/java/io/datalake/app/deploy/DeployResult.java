package io.datalake.app.deploy;

import java.util.Objects;
import java.util.Optional;

/**
 * How a deployment or deletion of a stack ended, with the failing resource when it failed, so the
 * caller can print one line and choose an exit code without reading CloudFormation events itself.
 */
public final class DeployResult {
    /** How an operation on a stack ended. */
    public enum Outcome {
        /** The stack reached {@code CREATE_COMPLETE}, {@code UPDATE_COMPLETE} or {@code DELETE_COMPLETE}. */
        SUCCEEDED,
        /** The plan had no changes: nothing ran. */
        UNCHANGED,
        /** The stack to delete does not exist: nothing ran. */
        NOT_FOUND,
        /** The stack failed and (for creates and updates) CloudFormation rolled it back. */
        FAILED
    }

    /**
     * The resource whose failure stopped the operation: the first {@code *_FAILED} event.
     *
     * @param logicalId the resource's id in the template, or the stack name when the stack itself failed
     * @param resourceType e.g. {@code AWS::IAM::Role}
     * @param reason CloudFormation's {@code ResourceStatusReason}, on one line
     */
    public record Failure(String logicalId, String resourceType, String reason) {
        public Failure {
            Objects.requireNonNull(logicalId, "logicalId");
            Objects.requireNonNull(resourceType, "resourceType");
            reason = reason == null ? "" : reason;
        }
    }

    private final String stackName;
    private final Outcome outcome;
    private final String stackStatus;
    private final Failure failure;

    private DeployResult(String stackName, Outcome outcome, String stackStatus, Failure failure) {
        this.stackName = Objects.requireNonNull(stackName, "stackName");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.stackStatus = stackStatus;
        this.failure = failure;
    }

    static DeployResult succeeded(String stackName, String stackStatus) {
        return new DeployResult(stackName, Outcome.SUCCEEDED, stackStatus, null);
    }

    static DeployResult unchanged(String stackName) {
        return new DeployResult(stackName, Outcome.UNCHANGED, null, null);
    }

    static DeployResult notFound(String stackName) {
        return new DeployResult(stackName, Outcome.NOT_FOUND, null, null);
    }

    static DeployResult failed(String stackName, String stackStatus, Failure failure) {
        return new DeployResult(stackName, Outcome.FAILED, stackStatus, Objects.requireNonNull(failure, "failure"));
    }

    public String stackName() {
        return stackName;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Whether the caller should report success: anything but {@link Outcome#FAILED}. */
    public boolean succeeded() {
        return outcome != Outcome.FAILED;
    }

    /** The stack's final status, e.g. {@code UPDATE_ROLLBACK_COMPLETE}; empty when nothing ran. */
    public Optional<String> stackStatus() {
        return Optional.ofNullable(stackStatus);
    }

    /** The resource that failed; present exactly when the outcome is {@link Outcome#FAILED}. */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * One line for the user, e.g. {@code acme-datalake-dev-dataset-sales: UPDATE_ROLLBACK_COMPLETE
     * after ReadRole (AWS::IAM::Role) failed: Access denied}.
     */
    public String summary() {
        return switch (outcome) {
            case SUCCEEDED -> stackName + ": " + stackStatus;
            case UNCHANGED -> stackName + ": unchanged";
            case NOT_FOUND -> stackName + ": stack does not exist";
            case FAILED -> stackName + ": " + stackStatus + " after " + failure.logicalId()
                    + " (" + failure.resourceType() + ") failed: " + failure.reason();
        };
    }

    @Override
    public String toString() {
        return summary();
    }
}
