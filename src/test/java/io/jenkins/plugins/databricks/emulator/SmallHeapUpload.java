package io.jenkins.plugins.databricks.emulator;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

/**
 * Run in a forked JVM with a heap much smaller than the upload: starts an emulator, streams a generated jar of
 * {@code args[0]} MiB into it (chunked, Expect: 100-continue) and prints {@code OK <bytes> <sha256>} when the
 * emulator's counting sink saw exactly the bytes sent. If the emulator buffered the upload, this JVM would die with
 * OutOfMemoryError.
 */
final class SmallHeapUpload {

    private SmallHeapUpload() {}

    public static void main(String[] args) {
        long size = Long.parseLong(args[0]) * 1024 * 1024;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (DatabricksEmulator emulator = DatabricksEmulator.start();
                EmulatorHttp http = new EmulatorHttp(emulator)) {
            GeneratedBytes jar = new GeneratedBytes(size);
            EmulatorHttp.Response r = http.postMultipartStreamed(
                    "libraries/upload",
                    MultipartEntityBuilder.create()
                            .addTextBody("name", "big.jar")
                            .addTextBody("libType", "java-jar")
                            .addTextBody("folder", "/big")
                            .addBinaryBody("uri", jar, ContentType.APPLICATION_OCTET_STREAM, "big.jar")
                            .build(),
                    true);
            if (r.status() != 200) {
                out.println("FAILED status " + r.status() + " " + r.body());
                System.exit(2);
            }
            EmulatedLibrary lib = emulator.library(r.json().get("id").asText());
            String sent = jar.sha256();
            if (lib.sizeBytes() != size || !lib.sha256().equals(sent)) {
                out.println("FAILED received " + lib.sizeBytes() + " " + lib.sha256() + ", sent " + size + " " + sent);
                System.exit(3);
            }
            out.println("OK " + lib.sizeBytes() + " " + lib.sha256() + " maxHeap="
                    + Runtime.getRuntime().maxMemory());
        }
    }
}
