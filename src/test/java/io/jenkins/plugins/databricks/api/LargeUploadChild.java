package io.jenkins.plugins.databricks.api;

import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Run by {@link LargeUploadTest} in a child JVM with a small heap: streams a generated file of the given size
 * through the client into the emulator's counting sink and prints what each side saw. If either side buffered the
 * file, the child would die of OutOfMemoryError long before the end.
 */
public final class LargeUploadChild {

    private LargeUploadChild() {}

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        GeneratedSource source = new GeneratedSource("big.jar", size);
        long started = System.nanoTime();
        try (DatabricksEmulator emulator = DatabricksEmulator.start();
                DatabricksClient client = DatabricksClient.builder(emulator.url())
                        .auth(Auth.bearer(emulator.token()))
                        .retryPolicy(RetryPolicy.none())
                        .build()) {
            String id = client.uploadLibrary(LibraryUpload.jar("/libs", "big.jar", source));
            long millis = (System.nanoTime() - started) / 1_000_000;
            EmulatedLibrary lib = emulator.library(id);
            long peakHeap = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peakHeap += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("sent " + source.sentBytes() + " " + source.sentSha256());
            System.out.println("received " + lib.sizeBytes() + " " + lib.sha256());
            System.out.println("maxHeap " + Runtime.getRuntime().maxMemory());
            System.out.println("peakHeap " + peakHeap);
            System.out.println("millis " + millis);
        }
    }

    /** Deterministic pseudo-random bytes of a fixed length, digested as they are read. Re-openable. */
    static final class GeneratedSource implements UploadSource {
        private final String name;
        private final long length;
        private MessageDigest digest;
        private long sent;

        GeneratedSource(String name, long length) {
            this.name = name;
            this.length = length;
        }

        @Override
        public String fileName() {
            return name;
        }

        @Override
        public long length() {
            return length;
        }

        long sentBytes() {
            return sent;
        }

        String sentSha256() {
            return HexFormat.of().formatHex(digest.digest());
        }

        @Override
        public InputStream open() throws java.io.IOException {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            sent = 0;
            return new InputStream() {
                private long state = 0x9E3779B97F4A7C15L ^ name.hashCode();

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (sent >= length) {
                        return -1;
                    }
                    int n = (int) Math.min(len, length - sent);
                    for (int i = 0; i < n; i++) {
                        if ((i & 7) == 0) {
                            state ^= state << 13;
                            state ^= state >>> 7;
                            state ^= state << 17;
                        }
                        b[off + i] = (byte) (state >>> ((i & 7) << 3));
                    }
                    digest.update(b, off, n);
                    sent += n;
                    return n;
                }
            };
        }
    }
}
