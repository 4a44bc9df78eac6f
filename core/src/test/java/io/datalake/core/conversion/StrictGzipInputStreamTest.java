package io.datalake.core.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class StrictGzipInputStreamTest {
    @Test
    void readsSeveralMembersAsOneFile() throws IOException {
        byte[] both = concat(gzip("one\n"), gzip("two\n"));
        assertThat(unpack(both)).isEqualTo("one\ntwo\n");
    }

    @Test
    void refusesBytesAfterTheEndThatTheJdkDropsSilently() throws IOException {
        byte[] garbage = concat(gzip("data\n"), "GARBAGE!".getBytes(StandardCharsets.US_ASCII));
        // What the JDK does: the garbage vanishes without a word.
        try (InputStream jdk = new GZIPInputStream(new ByteArrayInputStream(garbage))) {
            assertThat(new String(jdk.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("data\n");
        }
        assertThat(damage(garbage)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(StrictGzipInputStream.DamagedGzipException.Kind.TRAILING_DATA);
            assertThat(e.getMessage()).isEqualTo("it has 8 bytes after the end of its gzip data");
        });
    }

    @Test
    void refusesTruncatedDamagedAndForeignStreams() throws IOException {
        byte[] gz = gzip("hello world\n".repeat(50));
        assertThat(damage(Arrays.copyOf(gz, gz.length - 3)).kind()).isEqualTo(StrictGzipInputStream.DamagedGzipException.Kind.TRUNCATED);
        assertThat(damage(Arrays.copyOf(gz, gz.length / 2)).kind()).isEqualTo(StrictGzipInputStream.DamagedGzipException.Kind.TRUNCATED);
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 8] ^= 1;
        assertThat(damage(badCrc).kind()).isEqualTo(StrictGzipInputStream.DamagedGzipException.Kind.CORRUPT);
        assertThat(damage("plain text".getBytes(StandardCharsets.UTF_8)).kind())
                .isEqualTo(StrictGzipInputStream.DamagedGzipException.Kind.NOT_GZIP);
        assertThat(damage(new byte[0]).kind()).isEqualTo(StrictGzipInputStream.DamagedGzipException.Kind.NOT_GZIP);
        assertThat(unpack(gzip(""))).isEmpty();
    }

    private static StrictGzipInputStream.DamagedGzipException damage(byte[] bytes) {
        return catchThrowableOfType(() -> unpack(bytes), StrictGzipInputStream.DamagedGzipException.class);
    }

    private static String unpack(byte[] bytes) throws IOException {
        try (InputStream in = new StrictGzipInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
