package io.jenkins.plugins.databricks.emulator;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Run in a forked JVM with a heap much smaller than the file: starts an emulator with a volume, PUTs a generated
 * file of {@code args[0]} MiB through the Files API (fixed Content-Length), GETs it back, and prints {@code OK <bytes>
 * <sha256>} when the stored file and the download both match what was sent. Buffering on either way would kill this
 * JVM with OutOfMemoryError.
 */
final class SmallHeapVolumeUpload {

    private SmallHeapVolumeUpload() {}

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]) * 1024 * 1024;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String path = "/Volumes/main/default/big/big.jar";
        try (DatabricksEmulator emulator = DatabricksEmulator.start();
                EmulatorHttp http = new EmulatorHttp(emulator)) {
            emulator.addVolume("main", "default", "big");
            GeneratedBytes jar = new GeneratedBytes(size);
            HttpRequest put = http.request2("/api/2.0/fs/files" + path + "?overwrite=false")
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> jar), size))
                    .build();
            EmulatorHttp.Response r = http.send(put);
            if (r.status() != 204) {
                out.println("FAILED status " + r.status() + " " + r.body());
                System.exit(2);
            }
            String sent = jar.sha256();
            EmulatedFile stored = emulator.file(path);
            if (stored.sizeBytes() != size || !stored.sha256().equals(sent)) {
                out.println("FAILED stored " + stored.sizeBytes() + " " + stored.sha256() + ", sent " + size);
                System.exit(3);
            }
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<InputStream> get = client.send(
                    http.request2("/api/2.0/fs/files" + path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long received;
            try (InputStream in = new DigestInputStream(get.body(), digest)) {
                received = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            String back = HexFormat.of().formatHex(digest.digest());
            if (received != size || !back.equals(sent)) {
                out.println("FAILED downloaded " + received + " " + back + ", sent " + size + " " + sent);
                System.exit(4);
            }
            out.println("OK " + stored.sizeBytes() + " " + stored.sha256() + " maxHeap="
                    + Runtime.getRuntime().maxMemory());
        }
    }
}
