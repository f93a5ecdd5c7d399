package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.rest2.Rest2Client;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * REST 2.x Files API: our {@link Rest2Client}'s streamed {@code PUT /api/2.0/fs/files{path}} against {@code curl -T}
 * (one streamed PUT with its Content-Length, as ours) to a folder of a Unity Catalog volume.
 */
final class Rest2Upload implements UploadTarget {

    static final String CATALOG = "main";
    static final String SCHEMA = "bench";
    static final String VOLUME = "jars";
    /** Where both sides upload; it exists before the first upload, as the deploy's pre-flight makes sure. */
    static final String FOLDER = "/Volumes/" + CATALOG + "/" + SCHEMA + "/" + VOLUME;

    @Override
    public String api() {
        return "2.x";
    }

    @Override
    public String label() {
        return "REST 2.x Files API PUT";
    }

    @Override
    public void prepare(RemoteEmulator emulator) throws IOException {
        emulator.addVolume(CATALOG, SCHEMA, VOLUME, FOLDER + "/");
    }

    @Override
    public Uploader open(String url, String token) {
        Rest2Client client = new Rest2Client(
                HttpTransport.builder(url).auth(Auth.bearer(token)).build());
        return new Uploader() {
            @Override
            public String upload(Path jar, String name) throws IOException {
                String path = FOLDER + "/" + name;
                client.uploadFile(path, UploadSource.of(jar));
                return path;
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** The same query as ours: never replace a file. */
    @Override
    public List<String> curlArguments(String url, Path jar, String name) {
        return List.of("-T", jar.toString(), url + "/api/2.0/fs/files" + FOLDER + "/" + name + "?overwrite=false");
    }

    /** The Files API answers an upload with an empty body; the path is the name curl sent. */
    @Override
    public String curlResult(String answerBody, String name) {
        return FOLDER + "/" + name;
    }

    @Override
    public long receivedBytes(RemoteEmulator emulator, String result) throws IOException {
        return emulator.fileSize(result);
    }
}
