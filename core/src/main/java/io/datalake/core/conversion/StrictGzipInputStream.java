package io.datalake.core.conversion;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Unpacks a gzip stream and refuses what {@link java.util.zip.GZIPInputStream} forgives: bytes after
 * the last member's trailer that are not another member are dropped silently there, and here fail
 * the read. Several members are one file, as {@code gunzip} reads them. Ingest (unpacking a
 * delivery) and both conversions (a raw {@code .gz} file) read gzip through this class, so a damaged
 * file has the same outcome whichever path it takes.
 */
public final class StrictGzipInputStream extends InputStream {
    /** A gzip stream that is damaged: truncated, with bytes after its end, or not gzip at all. */
    public static final class DamagedGzipException extends IOException {
        private static final long serialVersionUID = 1L;

        /** What is wrong with the stream. */
        public enum Kind { NOT_GZIP, TRUNCATED, TRAILING_DATA, CORRUPT }

        private final Kind kind;

        DamagedGzipException(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long compressedRead;
    private boolean inMember;
    private boolean done;
    private int members;

    public StrictGzipInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            if (!inMember) {
                if (!startMember()) {
                    done = true;
                    return -1;
                }
            }
            try {
                int n = inflater.inflate(b, off, len);
                if (n > 0) {
                    crc.update(b, off, n);
                    return n;
                }
            } catch (DataFormatException e) {
                throw new DamagedGzipException(DamagedGzipException.Kind.CORRUPT, "its compressed data is damaged (" + e.getMessage() + ")");
            }
            if (inflater.finished()) {
                int remaining = inflater.getRemaining();
                pos = limit - remaining;
                finishMember();
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw new DamagedGzipException(DamagedGzipException.Kind.TRUNCATED, "it is truncated: the stream ends inside its compressed data");
                }
                inflater.setInput(buffer, pos, limit - pos);
                pos = limit;
            } else if (inflater.needsDictionary()) {
                throw new DamagedGzipException(DamagedGzipException.Kind.CORRUPT, "its compressed data asks for a preset dictionary, which gzip does not use");
            }
        }
        return -1;
    }

    /** Reads the next member's header; false at the clean end of the stream (after at least one member). */
    private boolean startMember() throws IOException {
        if (!available1()) {
            if (compressedRead == 0) {
                throw new DamagedGzipException(DamagedGzipException.Kind.NOT_GZIP, "it is empty: a gzip file has at least a header and a trailer");
            }
            return false;
        }
        int id1 = next();
        int id2 = available1() ? next() : -1;
        if (id1 != 0x1f || id2 != 0x8b) {
            if (members > 0) {
                long garbage = (id2 < 0 ? 1 : 2) + countRest();
                throw new DamagedGzipException(DamagedGzipException.Kind.TRAILING_DATA, "it has " + garbage + " bytes after the end of its gzip data");
            }
            throw new DamagedGzipException(DamagedGzipException.Kind.NOT_GZIP, "it is not gzip data (it does not start with the gzip magic bytes)");
        }
        int method = need();
        if (method != 8) {
            throw new DamagedGzipException(DamagedGzipException.Kind.NOT_GZIP, "it uses compression method " + method + ", but gzip only knows deflate (8)");
        }
        int flags = need();
        for (int i = 0; i < 6; i++) {
            need(); // modification time, extra flags, operating system
        }
        if ((flags & FEXTRA) != 0) {
            int length = need() | need() << 8;
            for (int i = 0; i < length; i++) {
                need();
            }
        }
        if ((flags & FNAME) != 0) {
            while (need() != 0) {
                // the original file name, ignored
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (need() != 0) {
                // a comment, ignored
            }
        }
        if ((flags & FHCRC) != 0) {
            need();
            need();
        }
        inflater.reset();
        crc.reset();
        inflater.setInput(buffer, pos, limit - pos);
        pos = limit;
        inMember = true;
        return true;
    }

    private void finishMember() throws IOException {
        long expectedCrc = need() | (long) need() << 8 | (long) need() << 16 | (long) need() << 24;
        long expectedSize = need() | (long) need() << 8 | (long) need() << 16 | (long) need() << 24;
        if (expectedCrc != crc.getValue()) {
            throw new DamagedGzipException(DamagedGzipException.Kind.CORRUPT, "its checksum does not match its data (CRC32 " + Long.toHexString(crc.getValue())
                    + ", trailer says " + Long.toHexString(expectedCrc) + ")");
        }
        if (expectedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new DamagedGzipException(DamagedGzipException.Kind.CORRUPT, "its length does not match its trailer");
        }
        inMember = false;
        members++;
    }

    private boolean available1() throws IOException {
        return pos < limit || fill();
    }

    private int next() {
        return buffer[pos++] & 0xff;
    }

    private int need() throws IOException {
        if (!available1()) {
            throw new DamagedGzipException(DamagedGzipException.Kind.TRUNCATED, "it is truncated: the stream ends inside a gzip header or trailer");
        }
        return next();
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        compressedRead += n;
        return true;
    }

    private long countRest() throws IOException {
        long rest = limit - pos;
        pos = limit;
        long skipped;
        while ((skipped = in.transferTo(java.io.OutputStream.nullOutputStream())) > 0) {
            rest += skipped;
        }
        return rest;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }

    /** Reads the whole stream, for a check; returns the unpacked size. */
    public static long check(InputStream compressed) throws IOException {
        try (InputStream in = new StrictGzipInputStream(compressed)) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (EOFException e) {
            throw new DamagedGzipException(DamagedGzipException.Kind.TRUNCATED, "it is truncated");
        }
    }
}
