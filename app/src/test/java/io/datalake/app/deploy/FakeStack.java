package io.datalake.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state {@link FakeCloudFormation} keeps of one stack: status, template, change sets, events. */
final class FakeStack {
    /** One stack event, as DescribeStackEvents returns it. */
    record Event(String eventId, String logicalId, String physicalId, String type, Instant timestamp,
                 String status, String reason) {
    }

    /**
     * An event the running operation will emit at the next poll, and what then changes: a stack-level
     * event sets the stack status; {@code then} commits a template or forgets a deleted stack.
     */
    record Step(String logicalId, String type, String status, String reason, Runnable then) {
    }

    /** A change set: computed once at creation, revealed over the next DescribeChangeSet calls. */
    static final class ChangeSet {
        final String name;
        final String id;
        final boolean create;
        final JsonNode template;
        final Map<String, String> tags;
        final List<TemplateDiff.Change> changes;
        final String outcome;
        final String outcomeReason;
        String status = "CREATE_PENDING";
        String executionStatus = "UNAVAILABLE";
        int describes;

        ChangeSet(String name, String id, boolean create, JsonNode template, Map<String, String> tags,
                  List<TemplateDiff.Change> changes, String outcome, String outcomeReason) {
            this.name = name;
            this.id = id;
            this.create = create;
            this.template = template;
            this.tags = tags;
            this.changes = changes;
            this.outcome = outcome;
            this.outcomeReason = outcomeReason;
        }

        /** CloudFormation computes a change set asynchronously: pending, in progress, then done. */
        void advance() {
            describes++;
            if (describes == 1) {
                status = "CREATE_IN_PROGRESS";
            } else if (status.startsWith("CREATE_")) {
                status = outcome;
                executionStatus = outcome.equals("CREATE_COMPLETE") ? "AVAILABLE" : "UNAVAILABLE";
            }
        }

        String statusReason() {
            return status.equals("FAILED") ? outcomeReason : null;
        }
    }

    final String name;
    final String id;
    final Instant created;
    String status;
    String statusReason;
    /** The template in effect; null until a create completes, and again after a create rolls back. */
    JsonNode template;
    Map<String, String> tags = Map.of();
    Instant lastUpdated;
    boolean deleted;
    final Map<String, ChangeSet> changeSets = new LinkedHashMap<>();
    /** Oldest first. */
    final List<Event> events = new ArrayList<>();
    final Deque<Step> pending = new ArrayDeque<>();

    FakeStack(String name, String id, Instant created) {
        this.name = name;
        this.id = id;
        this.created = created;
    }

    boolean busy() {
        return status.endsWith("_IN_PROGRESS") && !status.equals("REVIEW_IN_PROGRESS");
    }
}
