package io.jenkins.plugins.databricks.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.client5.http.entity.mime.AbstractContentBody;
import org.apache.hc.core5.http.ContentType;

/**
 * A multipart file part that streams an {@link UploadSource} straight to the connection with a fixed buffer, so
 * memory does not grow with the file. The declared length lets the multipart entity send a Content-Length.
 */
public final class UploadSourceBody extends AbstractContentBody {

    private static final int BUFFER = 64 * 1024;

    private final UploadSource source;
    private final long length;

    public UploadSourceBody(UploadSource source, long length) {
        super(ContentType.APPLICATION_OCTET_STREAM);
        this.source = source;
        this.length = length;
    }

    @Override
    public String getFilename() {
        return source.fileName();
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        stream(source, length, out);
    }

    /**
     * Opens {@code source} afresh and copies exactly {@code length} bytes to {@code out} with a fixed buffer; a file
     * that cannot be read, or that changed size, fails with a {@link LocalSourceException} (never retried).
     */
    static void stream(UploadSource source, long length, OutputStream out) throws IOException {
        InputStream in;
        try {
            in = source.open();
        } catch (IOException e) {
            throw new LocalSourceException(
                    "Could not open " + source.fileName() + " to upload it: " + e.getMessage(), e);
        }
        try (in) {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new LocalSourceException(
                            "Could not read " + source.fileName() + " after " + total + " bytes: " + e.getMessage(), e);
                }
                if (n < 0) {
                    break;
                }
                total += n;
                if (total > length) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            if (total != length) {
                throw new LocalSourceException(
                        source.fileName() + " changed while it was uploaded: expected " + length + " bytes, read "
                                + (total > length ? "more" : String.valueOf(total)) + ".",
                        null);
            }
        }
    }

    /** A failure on our side of an upload (the file), as opposed to the connection. Never retried. */
    static final class LocalSourceException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalSourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
