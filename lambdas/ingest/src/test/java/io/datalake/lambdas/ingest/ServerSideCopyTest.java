package io.datalake.lambdas.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.lambdas.ingest.ServerSideCopy.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSideCopyTest {
    @Test
    void partsCoverTheObjectWithAShorterLastOne() {
        assertThat(ServerSideCopy.parts(12, 5)).containsExactly(new Range(0, 4), new Range(5, 9), new Range(10, 11));
        assertThat(ServerSideCopy.parts(10, 5)).containsExactly(new Range(0, 4), new Range(5, 9));
        assertThat(new Range(5, 9).header()).isEqualTo("bytes=5-9");
    }

    @Test
    void partsGrowToStayWithinTenThousand() {
        long fiveTerabytes = 5L << 40;
        List<Range> parts = ServerSideCopy.parts(fiveTerabytes, IngestLimits.DEFAULT_COPY_PART_SIZE);
        assertThat(parts).hasSizeLessThanOrEqualTo(10_000);
        assertThat(parts.get(parts.size() - 1).last()).isEqualTo(fiveTerabytes - 1);
        assertThat(parts.get(0).last() + 1).isLessThanOrEqualTo(IngestLimits.MAX_PART_SIZE);
    }
}
