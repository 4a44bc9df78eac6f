package io.datalake.pipelines.model.job;

import io.datalake.core.dataset.Messages;
import java.util.Locale;

/** What a job pipeline does when one of its pipelines fails. */
public enum FailurePolicy {
    /** Run the pipeline again, up to {@code maxRetries} times; if it still fails, halt. */
    RETRY,
    /** Stop the job: no later pipeline runs, and the job fails. */
    HALT,
    /** Record the failure and go on: the pipelines that depend on it run as if it had succeeded. */
    CONTINUE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String allowed() {
        return Messages.ids(values(), FailurePolicy::id);
    }

    public static FailurePolicy parse(String field, String value) {
        return Messages.parseId(field, value, values(), FailurePolicy::id);
    }
}
