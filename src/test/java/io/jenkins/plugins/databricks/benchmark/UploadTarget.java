package io.jenkins.plugins.databricks.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One API version's upload, done by our client and by curl, so {@link UploadBenchmark} compares every backend the
 * same way. A REST 2.x target (Files API {@code PUT} against {@code curl -T}) is another implementation.
 */
interface UploadTarget {

    /** Our client, open for the whole comparison (one long-lived client, as in Jenkins). */
    interface Uploader extends AutoCloseable {
        /** Uploads {@code jar} as {@code name}; returns what {@link #receivedBytes} needs to find it. */
        String upload(Path jar, String name) throws IOException;

        @Override
        void close();
    }

    /** {@code 1.2} or {@code 2.x}, as {@code --backends} names it. */
    String api();

    /** For the table, e.g. {@code REST 1.2 libraries/upload}. */
    String label();

    /** Whatever the emulator needs before the first upload (a volume, ...). */
    default void prepare(RemoteEmulator emulator) throws IOException {}

    Uploader open(String url, String token);

    /** curl's arguments after {@code -sS --config <token file> -o <answer> -w '%{http_code} %{time_total}'}. */
    List<String> curlArguments(String url, Path jar, String name);

    /** What {@link #receivedBytes} needs, from curl's answer body (may be empty) and the name it sent. */
    String curlResult(String answerBody, String name) throws IOException;

    /** How many bytes the emulator kept for the upload {@code result} names. */
    long receivedBytes(RemoteEmulator emulator, String result) throws IOException;
}
