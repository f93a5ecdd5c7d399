package io.jenkins.plugins.databricks.api.rest12;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
import io.jenkins.plugins.databricks.emulator.GeneratedBytes;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

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
                Rest12Client client = HttpTransport.builder(emulator.url())
                        .auth(Auth.bearer(emulator.token()))
                        .retryPolicy(RetryPolicy.none())
                        .build(Rest12Client::new)) {
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

    /** A generated upload of a fixed length, digested as it is read. Re-openable: each open starts it afresh. */
    static final class GeneratedSource implements UploadSource {
        private final String name;
        private final long length;
        private GeneratedBytes opened;

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
            return opened.bytesRead();
        }

        String sentSha256() {
            return opened.sha256();
        }

        @Override
        public InputStream open() {
            opened = new GeneratedBytes(length);
            return opened;
        }
    }
}
