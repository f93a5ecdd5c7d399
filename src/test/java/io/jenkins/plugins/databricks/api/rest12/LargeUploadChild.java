package io.jenkins.plugins.databricks.api.rest12;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.GeneratedUploadSource;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.LargeUploadRun;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;

/**
 * Run by {@link LargeUploadTest} in a child JVM with a small heap: streams a generated file of the given size
 * through the client into the emulator's counting sink and prints what each side saw.
 */
public final class LargeUploadChild {

    private LargeUploadChild() {}

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        GeneratedUploadSource source = new GeneratedUploadSource("big.jar", size);
        long started = System.nanoTime();
        try (DatabricksEmulator emulator = DatabricksEmulator.start();
                Rest12Client client = HttpTransport.builder(emulator.url())
                        .auth(Auth.bearer(emulator.token()))
                        .retryPolicy(RetryPolicy.none())
                        .build(Rest12Client::new)) {
            String id = client.uploadLibrary(LibraryUpload.jar("/libs", "big.jar", source));
            long millis = (System.nanoTime() - started) / 1_000_000;
            EmulatedLibrary lib = emulator.library(id);
            System.out.println("sent " + source.sentBytes() + " " + source.sentSha256());
            System.out.println("received " + lib.sizeBytes() + " " + lib.sha256());
            LargeUploadRun.printHeap(millis);
        }
    }
}
