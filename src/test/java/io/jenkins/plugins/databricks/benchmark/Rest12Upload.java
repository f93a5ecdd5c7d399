package io.jenkins.plugins.databricks.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.rest12.LibraryUpload;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** REST 1.2 {@code libraries/upload}: our {@link Rest12Client} against {@code curl -F}. */
final class Rest12Upload implements UploadTarget {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String api() {
        return "1.2";
    }

    @Override
    public String label() {
        return "REST 1.2 libraries/upload";
    }

    @Override
    public Uploader open(String url, String token) {
        Rest12Client client =
                HttpTransport.builder(url).auth(Auth.bearer(token)).build(Rest12Client::new);
        return new Uploader() {
            @Override
            public String upload(Path jar, String name) throws IOException {
                return client.uploadLibrary(LibraryUpload.jar("/bench", name, UploadSource.of(jar)));
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    @Override
    public List<String> curlArguments(String url, Path jar, String name) {
        return List.of(
                "-F",
                "uri=@" + jar,
                "-F",
                "name=" + name,
                "-F",
                "folder=/bench",
                "-F",
                "libType=java-jar",
                url + "/api/1.2/libraries/upload");
    }

    @Override
    public String curlResult(String answerBody, String name) throws IOException {
        return JSON.readTree(answerBody).path("id").asText();
    }

    @Override
    public long receivedBytes(RemoteEmulator emulator, String result) throws IOException {
        return emulator.librarySize(result);
    }
}
