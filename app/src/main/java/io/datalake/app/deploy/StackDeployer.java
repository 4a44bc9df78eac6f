package io.datalake.app.deploy;

import io.datalake.app.deploy.DeployPlan.Kind;
import io.datalake.app.deploy.ResourceChange.Action;
import io.datalake.app.deploy.ResourceChange.Replacement;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Deploys a CloudFormation template to one stack the way a reviewer wants it: first a plan (a
 * change set, shown as added, modified, replaced and removed resources), then its execution with a
 * progress line per resource, ending in success or in CloudFormation's rollback with the resource
 * that failed. Planning and discarding leave nothing behind, which is what {@code --dry-run} needs.
 *
 * <p>SDK failures never escape raw: what the user can fix becomes an {@link AwsAccessException},
 * anything else a {@link DeployException}, each with a one-line message.
 */
public final class StackDeployer {
    /** CloudFormation's limit for a template passed inline ({@code TemplateBody}), in bytes. */
    public static final int MAX_TEMPLATE_BODY_BYTES = 51_200;
    /** How often CloudFormation is polled by default: often enough for progress, far below its API limits. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(3);

    private static final DateTimeFormatter CHANGE_SET_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CloudFormationClient cfn;
    private final PrintWriter out;
    private final Duration pollInterval;
    private final StackWatcher watcher;
    private final Clock clock = Clock.systemUTC();
    private final RandomGenerator random = new SecureRandom();

    /**
     * @param cfn the client of the account and region to deploy to
     * @param out where progress lines go
     * @param pollInterval how long to wait between two polls of CloudFormation
     */
    public StackDeployer(CloudFormationClient cfn, PrintWriter out, Duration pollInterval) {
        this.cfn = Objects.requireNonNull(cfn, "cfn");
        this.out = Objects.requireNonNull(out, "out");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.watcher = new StackWatcher(cfn, out, pollInterval);
    }

    /** A deployer polling every {@link #DEFAULT_POLL_INTERVAL}. */
    public StackDeployer(CloudFormationClient cfn, PrintWriter out) {
        this(cfn, out, DEFAULT_POLL_INTERVAL);
    }

    /**
     * Creates a change set that would deploy the template, waits until CloudFormation has computed
     * it, and describes it. A stack left in {@code ROLLBACK_COMPLETE} by a failed create holds no
     * resources and cannot be updated, so it is deleted first, as {@code cdk deploy} does.
     *
     * @param tags tags for the stack, which CloudFormation passes on to its resources
     * @throws DeployException when the template is too large for an inline template, or
     *     CloudFormation rejects the template or the change set (the message names its reason)
     * @throws AwsAccessException when credentials, permissions or the region are missing
     */
    public DeployPlan plan(String stackName, String templateBody, Map<String, String> tags) {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(templateBody, "templateBody");
        Objects.requireNonNull(tags, "tags");
        int size = templateBody.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_TEMPLATE_BODY_BYTES) {
            throw new DeployException(String.format(Locale.ROOT,
                    "the template of %s is %,d bytes, over CloudFormation's limit of %,d bytes for a template "
                            + "passed inline; deploying larger templates through the artifact bucket is not supported yet",
                    stackName, size, MAX_TEMPLATE_BODY_BYTES));
        }
        Optional<Stack> existing = describe(stackName);
        if (existing.isPresent() && existing.get().stackStatus() == StackStatus.ROLLBACK_COMPLETE) {
            out.println(stackName + " is left in ROLLBACK_COMPLETE by a failed create: deleting it first");
            DeployResult deleted = delete(stackName);
            if (!deleted.succeeded()) {
                throw new DeployException("could not delete the failed stack " + deleted.summary());
            }
            existing = Optional.empty();
        }
        // A stack under review holds only change sets: creating it is what a change set still does.
        Kind kind = existing.isEmpty() || existing.get().stackStatus() == StackStatus.REVIEW_IN_PROGRESS
                ? Kind.CREATE : Kind.UPDATE;
        String changeSetName = changeSetName();
        CreateChangeSetResponse created = AwsErrors.call("cloudformation:CreateChangeSet", stackName,
                () -> cfn.createChangeSet(r -> r.stackName(stackName)
                        .changeSetName(changeSetName)
                        .changeSetType(kind == Kind.CREATE ? ChangeSetType.CREATE : ChangeSetType.UPDATE)
                        .templateBody(templateBody)
                        .capabilities(Capability.CAPABILITY_NAMED_IAM)
                        .tags(tags.entrySet().stream()
                                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                                .toList())
                        .description("lake deploy of " + stackName)));
        String changeSetId = created.id();
        String stackId = created.stackId();
        DescribeChangeSetResponse described = awaitChangeSet(stackName, changeSetId);
        if (described.status() == ChangeSetStatus.FAILED) {
            String reason = AwsErrors.oneLine(described.statusReason());
            if (isNoChange(reason)) {
                // CloudFormation keeps failed change sets; one that can never run is just clutter.
                deleteChangeSet(stackName, changeSetId);
                return new DeployPlan(stackName, stackId, null, kind, List.of(), true);
            }
            DeployException failure = new DeployException("CloudFormation cannot deploy " + stackName + ": " + reason);
            try {
                discard(new DeployPlan(stackName, stackId, changeSetId, kind, List.of(), false));
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup); // the reason matters more than the leftover
            }
            throw failure;
        }
        return new DeployPlan(stackName, stackId, changeSetId, kind, changes(stackName, described), false);
    }

    /**
     * A summary of a plan for people, one line per resource grouped as added, modified, replaced
     * and removed, e.g. {@code + ReadRole (AWS::IAM::Role)}; {@code no changes} for an unchanged plan.
     */
    public String render(DeployPlan plan) {
        if (plan.unchanged()) {
            return plan.stackName() + ": no changes";
        }
        List<ResourceChange> added = select(plan, c -> c.action() == Action.ADD || c.action() == Action.IMPORT);
        List<ResourceChange> modified = select(plan, c -> c.action() == Action.DYNAMIC
                || c.action() == Action.MODIFY && c.replacement() == Replacement.FALSE);
        List<ResourceChange> replaced = select(plan, c -> c.action() == Action.MODIFY && c.replacement() != Replacement.FALSE);
        List<ResourceChange> removed = select(plan, c -> c.action() == Action.REMOVE);
        StringBuilder text = new StringBuilder()
                .append(plan.kind() == Kind.CREATE ? "create " : "update ").append(plan.stackName()).append(": ");
        List<String> counts = new ArrayList<>();
        count(counts, added, "to add");
        count(counts, modified, "to modify");
        count(counts, replaced, "to replace");
        count(counts, removed, "to remove");
        text.append(counts.isEmpty() ? "no resource changes (outputs or metadata only)" : String.join(", ", counts));
        added.forEach(c -> line(text, "+", c, c.action() == Action.IMPORT ? " imported" : ""));
        modified.forEach(c -> line(text, "~", c, c.action() == Action.DYNAMIC ? " (decided while deploying)" : ""));
        replaced.forEach(c -> line(text, "±", c, c.replacement() == Replacement.TRUE ? " replaced" : " may be replaced"));
        removed.forEach(c -> line(text, "-", c, ""));
        return text.toString();
    }

    /**
     * Runs a plan's change set and follows the stack's events, one progress line per event, until
     * the stack settles. An unchanged plan runs nothing.
     *
     * @return {@link DeployResult.Outcome#SUCCEEDED} at {@code CREATE_COMPLETE} or {@code UPDATE_COMPLETE},
     *     {@link DeployResult.Outcome#FAILED} with the first failing resource after a rollback
     */
    public DeployResult execute(DeployPlan plan) {
        if (plan.unchanged()) {
            return DeployResult.unchanged(plan.stackName());
        }
        String since = watcher.newestEventId(plan.stackId(), plan.stackName());
        AwsErrors.call("cloudformation:ExecuteChangeSet", plan.stackName(),
                () -> cfn.executeChangeSet(r -> r.changeSetName(plan.changeSetId())));
        return watcher.follow(plan.stackId(), plan.stackName(), since);
    }

    /**
     * Throws a plan away without running it: deletes its change set and, for a create, the empty
     * stack CloudFormation made to hold it, so that a dry run leaves nothing behind.
     */
    public void discard(DeployPlan plan) {
        if (plan.unchanged()) {
            return;
        }
        deleteChangeSet(plan.stackName(), plan.changeSetId());
        if (plan.kind() == Kind.CREATE) {
            AwsErrors.call("cloudformation:DeleteStack", plan.stackName(),
                    () -> cfn.deleteStack(r -> r.stackName(plan.stackId())));
            watcher.awaitDeleted(plan.stackId(), plan.stackName());
        }
    }

    /**
     * Deletes a stack and follows its events until it is gone. Resources the template retains
     * (data buckets, tables) stay; CloudFormation only forgets them.
     *
     * @return {@link DeployResult.Outcome#NOT_FOUND} when there is no such stack,
     *     {@link DeployResult.Outcome#SUCCEEDED} at {@code DELETE_COMPLETE}, or
     *     {@link DeployResult.Outcome#FAILED} with the resource that could not be deleted
     */
    public DeployResult delete(String stackName) {
        Optional<Stack> stack = describe(stackName);
        if (stack.isEmpty()) {
            return DeployResult.notFound(stackName);
        }
        String stackId = stack.get().stackId();
        String since = watcher.newestEventId(stackId, stackName);
        AwsErrors.call("cloudformation:DeleteStack", stackName, () -> cfn.deleteStack(r -> r.stackName(stackId)));
        return watcher.follow(stackId, stackName, since);
    }

    /** The stack, or empty when CloudFormation knows no stack of that name. */
    private Optional<Stack> describe(String stackName) {
        try {
            return cfn.describeStacks(r -> r.stackName(stackName)).stacks().stream().findFirst();
        } catch (SdkException e) {
            // CloudFormation has no NotFound error: an unknown stack is a ValidationError saying so.
            if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && "ValidationError".equals(service.awsErrorDetails().errorCode())
                    && String.valueOf(service.awsErrorDetails().errorMessage()).contains("does not exist")) {
                return Optional.empty();
            }
            throw AwsErrors.translate("cloudformation:DescribeStacks", stackName, e);
        }
    }

    private DescribeChangeSetResponse awaitChangeSet(String stackName, String changeSetId) {
        while (true) {
            DescribeChangeSetResponse described = describeChangeSet(stackName, changeSetId, null);
            ChangeSetStatus status = described.status();
            if (status == ChangeSetStatus.CREATE_COMPLETE || status == ChangeSetStatus.FAILED) {
                return described;
            }
            if (status != ChangeSetStatus.CREATE_PENDING && status != ChangeSetStatus.CREATE_IN_PROGRESS) {
                throw new DeployException("the change set of " + stackName + " became " + described.statusAsString()
                        + " while it was being planned; another deployment may be running");
            }
            StackWatcher.sleep(pollInterval);
        }
    }

    /** Every resource change of a computed change set, across all its pages. */
    private List<ResourceChange> changes(String stackName, DescribeChangeSetResponse first) {
        List<ResourceChange> changes = new ArrayList<>();
        DescribeChangeSetResponse page = first;
        while (true) {
            for (Change change : page.changes()) {
                if (change.resourceChange() != null) {
                    changes.add(toResourceChange(change.resourceChange()));
                }
            }
            if (page.nextToken() == null) {
                return changes;
            }
            page = describeChangeSet(stackName, first.changeSetId(), page.nextToken());
        }
    }

    private DescribeChangeSetResponse describeChangeSet(String stackName, String changeSetId, String token) {
        return AwsErrors.call("cloudformation:DescribeChangeSet", stackName,
                () -> cfn.describeChangeSet(r -> r.changeSetName(changeSetId).nextToken(token)));
    }

    private void deleteChangeSet(String stackName, String changeSetId) {
        AwsErrors.call("cloudformation:DeleteChangeSet", stackName,
                () -> cfn.deleteChangeSet(r -> r.changeSetName(changeSetId)));
    }

    private static ResourceChange toResourceChange(software.amazon.awssdk.services.cloudformation.model.ResourceChange change) {
        Action action = switch (change.actionAsString()) {
            case "Add" -> Action.ADD;
            case "Modify" -> Action.MODIFY;
            case "Remove" -> Action.REMOVE;
            case "Import" -> Action.IMPORT;
            default -> Action.DYNAMIC;
        };
        Replacement replacement = switch (String.valueOf(change.replacementAsString())) {
            case "True" -> Replacement.TRUE;
            case "Conditional" -> Replacement.CONDITIONAL;
            default -> Replacement.FALSE;
        };
        return new ResourceChange(action, change.logicalResourceId(), change.resourceType(), replacement);
    }

    /** CloudFormation's two wordings for a change set that would change nothing. */
    static boolean isNoChange(String reason) {
        return reason.contains("didn't contain changes") || reason.contains("No updates are to be performed");
    }

    private String changeSetName() {
        byte[] suffix = new byte[2];
        random.nextBytes(suffix);
        // Time-ordered, and unique within a stack even for two plans in the same second.
        return "lake-" + CHANGE_SET_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
    }

    private static List<ResourceChange> select(DeployPlan plan, Predicate<ResourceChange> which) {
        return plan.changes().stream().filter(which).sorted(Comparator.comparing(ResourceChange::logicalId)).toList();
    }

    private static void count(List<String> counts, List<ResourceChange> changes, String what) {
        if (!changes.isEmpty()) {
            counts.add(changes.size() + " " + what);
        }
    }

    private static void line(StringBuilder text, String sign, ResourceChange change, String note) {
        text.append(System.lineSeparator()).append("  ").append(sign).append(' ').append(change.logicalId())
                .append(" (").append(change.resourceType()).append(')').append(note);
    }

}
