package io.datalake.pipelines.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.registry.RunRecord;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunLogTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void keepsTheLatestStateOfEachRunNewestFirst(@TempDir Path lake) {
        LocalRunLog log = new LocalRunLog(lake);
        log.record(new RunRecord("daily_sales", "r1", RunRecord.RUNNING, T0, null, null, null));
        log.record(new RunRecord("daily_sales", "r1", RunRecord.SUCCEEDED, T0, T0.plusSeconds(9), 3L, null));
        log.record(new RunRecord("other", "r2", RunRecord.RUNNING, T0.plusSeconds(60), null, null, null));
        log.record(new RunRecord("daily_sales", "r3", RunRecord.FAILED, T0.plusSeconds(120), T0.plusSeconds(121), null,
                "step 'daily' (aggregate): column 'x' is not in orders"));

        LocalRunLog reopened = new LocalRunLog(lake);
        assertThat(reopened.list(null, 10)).extracting(RunRecord::runId).containsExactly("r3", "r2", "r1");
        assertThat(reopened.list("daily_sales", 10)).containsExactly(
                new RunRecord("daily_sales", "r3", RunRecord.FAILED, T0.plusSeconds(120), T0.plusSeconds(121), null,
                        "step 'daily' (aggregate): column 'x' is not in orders"),
                new RunRecord("daily_sales", "r1", RunRecord.SUCCEEDED, T0, T0.plusSeconds(9), 3L, null));
        assertThat(reopened.list("daily_sales", 1)).hasSize(1);
        assertThat(lake.resolve(LocalRunLog.FILE)).exists();
        assertThat(new LocalRunLog(lake.resolve("empty")).list(null, 10)).isEmpty();
    }
}
