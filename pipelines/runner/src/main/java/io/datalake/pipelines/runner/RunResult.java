package io.datalake.pipelines.runner;

import io.datalake.core.UpdateId;
import io.datalake.core.update.UpstreamRef;
import java.time.Duration;
import java.util.List;

/**
 * What a run committed: the new update of the output dataset (for a conversion, the converted one),
 * its rows and files, the updates it read, and how long it took.
 */
public record RunResult(String dataset, UpdateId update, long rows, int files, List<UpstreamRef> upstreams,
        Duration took) {
    public RunResult {
        upstreams = List.copyOf(upstreams);
    }
}
