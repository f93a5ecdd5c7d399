package io.jenkins.plugins.databricks.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * A raw request body (the Files API's {@code PUT}) streamed from an {@link UploadSource} with its exact
 * Content-Length and a fixed buffer, so memory does not grow with the file. Made afresh for each attempt, and each
 * attempt re-opens the source.
 */
public final class UploadSourceEntity extends AbstractHttpEntity {

    private final UploadSource source;
    private final long length;

    public UploadSourceEntity(UploadSource source, long length) {
        super(ContentType.APPLICATION_OCTET_STREAM, null, false);
        this.source = source;
        this.length = length;
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public InputStream getContent() throws IOException {
        return source.open();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        UploadSourceBody.stream(source, length, out);
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public void close() {
        // The stream is opened and closed inside writeTo.
    }
}
