package io.jenkins.plugins.databricks.api.rest12;

import io.jenkins.plugins.databricks.api.UploadSource;
import java.util.Objects;

/**
 * What {@code libraries/upload} needs: a name unique in its folder (1.2 refuses a duplicate with
 * {@code NameConflictException}), the folder, the library type and the file.
 *
 * @param name library name, unique within {@code folder}
 * @param folder workspace folder such as {@code /} or {@code /Users/me@example.com/libs}; a trailing slash is
 *     dropped, as the server stores folders without one
 * @param libType {@code java-jar} for a jar
 * @param attachToAllClusters tick "attach automatically to all clusters"
 * @param source the bytes, streamed
 */
public record LibraryUpload(
        String name, String folder, String libType, boolean attachToAllClusters, UploadSource source) {

    public static final String JAVA_JAR = "java-jar";

    public LibraryUpload {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("The library name is empty: give the library a name, e.g. app-1.2.jar.");
        }
        if (folder == null || folder.isBlank()) {
            folder = "/";
        }
        folder = folder.strip();
        if (!folder.startsWith("/")) {
            throw new IllegalArgumentException("The library folder '" + folder
                    + "' is not an absolute workspace path: start it with '/', e.g. /Users/me@example.com/libs.");
        }
        while (folder.length() > 1 && folder.endsWith("/")) {
            folder = folder.substring(0, folder.length() - 1);
        }
        if (libType == null || libType.isBlank()) {
            libType = JAVA_JAR;
        }
        Objects.requireNonNull(source, "source");
    }

    /** A jar, not attached to all clusters. */
    public static LibraryUpload jar(String folder, String name, UploadSource source) {
        return new LibraryUpload(name, folder, JAVA_JAR, false, source);
    }
}
