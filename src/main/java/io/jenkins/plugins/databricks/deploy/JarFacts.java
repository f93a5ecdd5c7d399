package io.jenkins.plugins.databricks.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What pre-flight needs to know about the jar, read in one pass where the file lives (on a Jenkins agent, one call
 * over the channel): its size, whether it starts with the zip signature, and its SHA-256.
 *
 * @param length the size in bytes
 * @param zipSignature the file starts with {@code PK\003\004}
 * @param sha256 lower-case hex
 */
public record JarFacts(long length, boolean zipSignature, String sha256) implements Serializable {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /** Reads the stream to its end once and closes it. */
    public static JarFacts read(InputStream stream) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] head = new byte[ZIP_MAGIC.length];
        int headRead = 0;
        long length = 0;
        try (InputStream in = stream) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (headRead < head.length) {
                    int take = Math.min(head.length - headRead, n);
                    System.arraycopy(buffer, 0, head, headRead, take);
                    headRead += take;
                }
                digest.update(buffer, 0, n);
                length += n;
            }
        }
        return new JarFacts(
                length,
                headRead == head.length && Arrays.equals(head, ZIP_MAGIC),
                HexFormat.of().formatHex(digest.digest()));
    }
}
