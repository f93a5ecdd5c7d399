package io.jenkins.plugins.databricks.api.rest2;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.GeneratedUploadSource;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.LargeUploadRun;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedFile;

/** Run by {@link FilesLargeUploadTest} in a child JVM with a small heap; prints what each side saw. */
public final class FilesLargeUploadChild {

    private FilesLargeUploadChild() {}

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        String path = "/Volumes/main/ci/libs/big.jar";
        GeneratedUploadSource source = new GeneratedUploadSource("big.jar", size);
        long started = System.nanoTime();
        try (DatabricksEmulator emulator = DatabricksEmulator.start();
                Rest2Client client = HttpTransport.builder(emulator.url())
                        .auth(Auth.bearer(emulator.token()))
                        .retryPolicy(RetryPolicy.none())
                        .build(Rest2Client::new)) {
            emulator.addVolume("main", "ci", "libs");
            client.uploadFile(path, source);
            long millis = (System.nanoTime() - started) / 1_000_000;
            EmulatedFile file = emulator.file(path);
            System.out.println("sent " + source.sentBytes() + " " + source.sentSha256());
            System.out.println("received " + file.sizeBytes() + " " + file.sha256());
            System.out.println("metadata " + client.fileMetadata(path).size());
            LargeUploadRun.printHeap(millis);
        }
    }
}
