package io.jenkins.plugins.databricks.api;

import io.jenkins.plugins.databricks.emulator.GeneratedBytes;
import java.io.InputStream;

/**
 * A generated upload of a fixed length, digested as it is read. Re-openable: each open starts it afresh, and
 * {@link #opens()} counts them, so a test sees a retry re-read the file.
 */
public final class GeneratedUploadSource implements UploadSource {
    private final String name;
    private final long length;
    private GeneratedBytes opened;
    private int opens;

    public GeneratedUploadSource(String name, long length) {
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

    /** Bytes read from the last opened stream. */
    public synchronized long sentBytes() {
        return opened.bytesRead();
    }

    /** SHA-256 of what the last opened stream yielded. */
    public synchronized String sentSha256() {
        return opened.sha256();
    }

    public synchronized int opens() {
        return opens;
    }

    @Override
    public synchronized InputStream open() {
        opens++;
        opened = new GeneratedBytes(length);
        return opened;
    }
}
