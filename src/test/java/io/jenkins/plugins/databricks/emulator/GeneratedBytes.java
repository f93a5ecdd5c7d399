package io.jenkins.plugins.databricks.emulator;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A deterministic stream of {@code size} pseudo-random bytes that never exists in memory as a whole; it computes its
 * own SHA-256 while it is read, so a test can compare it with what the emulator received. The bytes depend only on
 * their position, not on how the reader splits its reads.
 */
public final class GeneratedBytes extends InputStream {

    private final long size;
    private final MessageDigest digest;
    private long position;
    private long state = 0x9E3779B97F4A7C15L;

    public GeneratedBytes(long size) {
        this.size = size;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            int inWord = (int) ((position + i) & 7);
            if (inWord == 0) {
                // xorshift64: one step gives the next eight bytes
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
            }
            b[off + i] = (byte) (state >>> (inWord << 3));
        }
        digest.update(b, off, n);
        position += n;
        return n;
    }

    public long bytesRead() {
        return position;
    }

    /** The SHA-256 of everything read so far (call once, at the end). */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
