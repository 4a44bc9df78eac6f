package io.datalake.lambdas.ingest;

import static io.datalake.lambdas.ingest.TestLake.files;
import static io.datalake.lambdas.ingest.TestLake.gzip;
import static io.datalake.lambdas.ingest.TestLake.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.lambdas.ingest.exceptions.RejectedDeliveryException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unpacking without S3: names, limits and damaged archives. */
class ArchiveExpanderTest {
    private final Map<String, byte[]> written = new LinkedHashMap<>();
    private final ArchiveExpander.Sink sink = (path, data) -> {
        byte[] bytes = data.readAllBytes();
        written.put(path, bytes);
        return new Sha256.Sized(bytes.length, TestLake.sha256(bytes));
    };

    @Test
    void entryPathsStayInsideTheUpdatesFolder() {
        assertThat(ArchiveExpander.entryPath("a.csv", "x.zip")).isEqualTo("a.csv");
        assertThat(ArchiveExpander.entryPath("./dir//b.csv", "x.zip")).isEqualTo("dir/b.csv");
        assertThat(ArchiveExpander.entryPath("dir\\c.csv", "x.zip")).isEqualTo("dir/c.csv");
        assertThat(ArchiveExpander.entryPath("dir/", "x.zip")).isNull();
        assertThatThrownBy(() -> ArchiveExpander.entryPath("../a.csv", "x.zip")).isInstanceOf(RejectedDeliveryException.class)
                .hasMessage("'x.zip' holds an entry that climbs out of its folder, '../a.csv' (path traversal)");
        assertThatThrownBy(() -> ArchiveExpander.entryPath("dir/../../a.csv", "x.zip")).hasMessageContaining("path traversal");
        assertThatThrownBy(() -> ArchiveExpander.entryPath("..\\a.csv", "x.zip")).hasMessageContaining("path traversal");
        assertThatThrownBy(() -> ArchiveExpander.entryPath("/etc/passwd", "x.zip")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> ArchiveExpander.entryPath("C:\\Windows\\x", "x.zip")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> ArchiveExpander.entryPath("a\u0000b", "x.zip")).hasMessageContaining("control characters");
    }

    @Test
    void gunzippedFilesLoseTheirSuffix() {
        assertThat(ArchiveExpander.gunzippedName("orders.csv.gz")).isEqualTo("orders.csv");
        assertThat(ArchiveExpander.gunzippedName("ORDERS.CSV.GZ")).isEqualTo("ORDERS.CSV");
        assertThat(ArchiveExpander.gunzippedName("orders.csv")).isEqualTo("orders.csv");
    }

    @Test
    void concatenatedGzipMembersAreOneFile() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip("one\n".getBytes(StandardCharsets.UTF_8)));
        both.write(gzip("two\n".getBytes(StandardCharsets.UTF_8)));

        new ArchiveExpander(IngestLimits.defaults()).gunzip(new ByteArrayInputStream(both.toByteArray()), both.size(), "x.csv.gz", sink);

        assertThat(written).containsOnlyKeys("x.csv");
        assertThat(new String(written.get("x.csv"), StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
    }

    @Test
    void archivesWithTooManyEntriesOrDuplicatesAreRefused() {
        byte[] three = zip(files("a", "1", "b", "2", "c", "3"));
        ArchiveExpander two = new ArchiveExpander(IngestLimits.builder().maxArchiveEntries(2).build());
        assertThatThrownBy(() -> two.unzip(new ByteArrayInputStream(three), three.length, "x.zip", sink))
                .hasMessage("'x.zip' holds more than 2 entries, the limit per archive (LAKE_MAX_ARCHIVE_ENTRIES)");

        byte[] twice = zip(files("a.csv", "1", "./a.csv", "2"));
        assertThatThrownBy(() -> new ArchiveExpander(IngestLimits.defaults()).unzip(new ByteArrayInputStream(twice), twice.length,
                "y.zip", sink)).hasMessage("'y.zip' holds 'a.csv' twice; each file may appear once");
    }

    @Test
    void damagedArchivesAreRefused() {
        ArchiveExpander expander = new ArchiveExpander(IngestLimits.defaults());
        byte[] gz = gzip("hello world, hello world\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
        assertThatThrownBy(() -> expander.gunzip(new ByteArrayInputStream(truncated), truncated.length, "t.csv.gz", sink))
                .isInstanceOf(RejectedDeliveryException.class).hasMessage("'t.csv.gz' is a truncated gzip file");
        // java.util.zip.GZIPInputStream drops bytes after the gzip data without a word: here they refuse the delivery.
        byte[] garbage = java.util.Arrays.copyOf(gz, gz.length + 5);
        assertThatThrownBy(() -> expander.gunzip(new ByteArrayInputStream(garbage), garbage.length, "g.csv.gz", sink))
                .isInstanceOf(RejectedDeliveryException.class)
                .hasMessage("'g.csv.gz' is a damaged gzip file: it has 5 bytes after the end of its gzip data");
        byte[] text = "just text".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> expander.unzip(new ByteArrayInputStream(text), text.length, "t.zip", sink))
                .hasMessage("'t.zip' is not a zip archive, or holds no files");
        byte[] folders = zip(java.util.Collections.singletonMap("only/", null));
        assertThatThrownBy(() -> expander.unzip(new ByteArrayInputStream(folders), folders.length, "f.zip", sink))
                .hasMessage("'f.zip' is not a zip archive, or holds no files");
    }

    @Test
    void theExpansionIsCountedOnTheBytesProducedAcrossEntries() {
        // Two entries of 600 KiB zeros: each alone is within the 1 MiB grace, together they are not.
        byte[] archive = zip(files("a", new byte[600 << 10], "b", new byte[600 << 10]));
        ArchiveExpander expander = new ArchiveExpander(IngestLimits.defaults());

        assertThatThrownBy(() -> expander.unzip(new ByteArrayInputStream(archive), archive.length, "z.zip", sink))
                .hasMessageContaining("looks like a zip bomb");
        assertThat(written).containsOnlyKeys("a");
        List<ArchiveExpander.Written> one = new ArchiveExpander(IngestLimits.defaults())
                .unzip(new ByteArrayInputStream(zip(files("a", new byte[600 << 10]))), archive.length, "z.zip", sink);
        assertThat(one).singleElement().satisfies(w -> assertThat(w.content().size()).isEqualTo(600 << 10));
    }
}
