package io.jenkins.plugins.databricks.emulator;

import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/** Multipart upload bodies for tests, built with HttpClient 5's mime builder (never by hand). */
final class Jars {

    private Jars() {}

    static HttpEntity upload(String name, String libType, String folder, byte[] bytes) {
        return MultipartEntityBuilder.create()
                .addTextBody("name", name)
                .addTextBody("libType", libType)
                .addTextBody("folder", folder)
                .addBinaryBody("uri", bytes, ContentType.APPLICATION_OCTET_STREAM, name + ".jar")
                .build();
    }

    static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
