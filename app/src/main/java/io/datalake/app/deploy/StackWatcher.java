package io.datalake.app.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * Follows one stack operation to its end: prints each new stack event as a progress line, oldest
 * first, and tells success from failure by the stack's final status. Events are told apart from
 * older ones by the newest event id seen before the operation started, not by time, so a skewed
 * local clock cannot hide or repeat events.
 */
final class StackWatcher {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final CloudFormationClient cfn;
    private final PrintWriter out;
    private final Duration pollInterval;

    StackWatcher(CloudFormationClient cfn, PrintWriter out, Duration pollInterval) {
        this.cfn = cfn;
        this.out = out;
        this.pollInterval = pollInterval;
    }

    /** The id of the stack's newest event, or {@code null} if it has none: where the next operation's events start. */
    String newestEventId(String stackId, String stackName) {
        DescribeStackEventsResponse page = AwsErrors.call("cloudformation:DescribeStackEvents", stackName,
                () -> cfn.describeStackEvents(r -> r.stackName(stackId)));
        return page.stackEvents().isEmpty() ? null : page.stackEvents().get(0).eventId();
    }

    /**
     * Polls until the stack's status no longer ends in {@code _IN_PROGRESS}.
     *
     * @param stackId the stack's ARN, which still finds the stack once it is deleted
     * @param since the newest event id before the operation started, or {@code null}
     */
    DeployResult follow(String stackId, String stackName, String since) {
        Set<String> seen = new HashSet<>();
        // Stack-level events carry the stack's name as their logical id: size the column to fit it.
        int idWidth = Math.max(28, stackName.length());
        StackEvent firstFailure = null;
        while (true) {
            // Status first, events second: events are written before the status they lead to, so
            // once the status is final every event of the operation is already readable.
            Stack stack = describe(stackId, stackName);
            for (StackEvent event : newEvents(stackId, stackName, since, seen)) {
                out.println(progressLine(event, idWidth));
                if (firstFailure == null && event.resourceStatusAsString().endsWith("_FAILED")) {
                    firstFailure = event;
                }
            }
            out.flush();
            String status = stack.stackStatusAsString();
            if (!isInProgress(status)) {
                if (isSuccess(status)) {
                    return DeployResult.succeeded(stackName, status);
                }
                DeployResult.Failure failure = firstFailure != null
                        ? new DeployResult.Failure(firstFailure.logicalResourceId(), firstFailure.resourceType(),
                                AwsErrors.oneLine(firstFailure.resourceStatusReason()))
                        : new DeployResult.Failure(stackName, "AWS::CloudFormation::Stack",
                                AwsErrors.oneLine(stack.stackStatusReason()));
                return DeployResult.failed(stackName, status, failure);
            }
            sleep(pollInterval);
        }
    }

    /** Waits, silently, until a stack is gone; for throwing away the empty stack of a discarded plan. */
    void awaitDeleted(String stackId, String stackName) {
        while (isInProgress(describe(stackId, stackName).stackStatusAsString())) {
            sleep(pollInterval);
        }
    }

    private Stack describe(String stackId, String stackName) {
        return AwsErrors.call("cloudformation:DescribeStacks", stackName,
                () -> cfn.describeStacks(r -> r.stackName(stackId)).stacks()).stream().findFirst()
                .orElseThrow(() -> new DeployException("CloudFormation no longer knows the stack " + stackName));
    }

    /** Events newer than {@code since} and not yet seen, oldest first; pages are read newest first. */
    private List<StackEvent> newEvents(String stackId, String stackName, String since, Set<String> seen) {
        List<StackEvent> fresh = new ArrayList<>();
        String token = null;
        pages:
        do {
            String pageToken = token;
            DescribeStackEventsResponse page = AwsErrors.call("cloudformation:DescribeStackEvents", stackName,
                    () -> cfn.describeStackEvents(r -> r.stackName(stackId).nextToken(pageToken)));
            for (StackEvent event : page.stackEvents()) {
                if (event.eventId().equals(since) || seen.contains(event.eventId())) {
                    break pages;
                }
                fresh.add(event);
            }
            token = page.nextToken();
        } while (token != null);
        fresh.forEach(event -> seen.add(event.eventId()));
        Collections.reverse(fresh);
        return fresh;
    }

    /** {@code time  logical-id  type  status  reason}, in columns. */
    private static String progressLine(StackEvent event, int idWidth) {
        String reason = AwsErrors.oneLine(event.resourceStatusReason());
        return String.format("%s  %-" + idWidth + "s %-28s %-30s %s", TIME.format(event.timestamp()),
                event.logicalResourceId(), event.resourceType(), event.resourceStatusAsString(), reason).stripTrailing();
    }

    static boolean isInProgress(String status) {
        return status.endsWith("_IN_PROGRESS");
    }

    /** Final statuses that mean the operation did what was asked: no rollback, no failure. */
    static boolean isSuccess(String status) {
        return status.endsWith("_COMPLETE") && !status.contains("ROLLBACK");
    }

    static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while waiting for CloudFormation; the operation goes on in AWS", e);
        }
    }
}
