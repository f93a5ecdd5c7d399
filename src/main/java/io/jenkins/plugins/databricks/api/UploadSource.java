package io.jenkins.plugins.databricks.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The bytes of a file to upload, streamed as they are sent: {@link #open()} is called once per attempt (again on a
 * retry), and the stream must yield exactly {@link #length()} bytes. The Jenkins side implements it over
 * {@code FilePath.read()}, so the jar travels from the agent without being held in memory.
 */
public interface UploadSource {

    /** The file name sent in the multipart part, e.g. {@code app-1.2.jar}. */
    String fileName();

    /** The exact number of bytes {@link #open()} yields. */
    long length() throws IOException;

    /** A fresh stream from the first byte; the client closes it. */
    InputStream open() throws IOException;

    /** A local file. */
    static UploadSource of(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        String fileName = name == null ? "upload.bin" : name.toString();
        return new UploadSource() {
            @Override
            public String fileName() {
                return fileName;
            }

            @Override
            public long length() throws IOException {
                return Files.size(file);
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String toString() {
                return "UploadSource[" + file + "]";
            }
        };
    }

    /** Bytes in memory (small files only, e.g. a command file). */
    static UploadSource of(String fileName, byte[] bytes) {
        Objects.requireNonNull(fileName, "fileName");
        byte[] copy = bytes.clone();
        return new UploadSource() {
            @Override
            public String fileName() {
                return fileName;
            }

            @Override
            public long length() {
                return copy.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public String toString() {
                return "UploadSource[" + fileName + ", " + copy.length + " bytes]";
            }
        };
    }
}
