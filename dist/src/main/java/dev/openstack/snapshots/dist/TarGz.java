package dev.openstack.snapshots.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A gzipped POSIX ustar archive of regular files, reproducible: owner 0/0, modification time 0, and the JDK's gzip
 * header carries no time either, so the same files give the same bytes and the Krew sha256 depends on content alone.
 * (The JDK has no tar writer, and the build is to need nothing beyond JDK + Maven.)
 */
final class TarGz {

    private static final int BLOCK = 512;

    /** A regular file of the archive; {@code mode} as in chmod (0755). */
    record Entry(String name, byte[] content, int mode) {
        Entry {
            if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
                throw new IllegalArgumentException("ustar names are at most 100 bytes: " + name);
            }
        }
    }

    private TarGz() {
    }

    static byte[] of(List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (Entry entry : entries) {
                gzip.write(header(entry));
                gzip.write(entry.content());
                padding(gzip, entry.content().length);
            }
            gzip.write(new byte[2 * BLOCK]); // end of archive: two zero blocks
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] header(Entry entry) {
        byte[] h = new byte[BLOCK];
        put(h, 0, entry.name());
        octal(h, 100, 8, entry.mode());
        octal(h, 108, 8, 0);                      // uid
        octal(h, 116, 8, 0);                      // gid
        octal(h, 124, 12, entry.content().length);
        octal(h, 136, 12, 0);                     // mtime
        h[156] = '0';                             // regular file
        put(h, 257, "ustar");                     // magic "ustar\0", version "00"
        put(h, 263, "00");
        // The checksum is computed with its own field as eight spaces, then written as six octal digits, NUL, space.
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    /** {@code value} in octal, zero-padded to {@code length - 1} digits and NUL-terminated. */
    private static void octal(byte[] h, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException(value + " does not fit a ustar field of " + length + " bytes");
        }
        put(h, offset, digits);
    }

    private static void put(byte[] h, int offset, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, offset, b.length);
    }

    private static void padding(OutputStream out, int length) throws IOException {
        int rest = length % BLOCK;
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }
}
