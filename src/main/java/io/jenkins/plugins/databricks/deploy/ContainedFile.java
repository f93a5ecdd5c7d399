package io.jenkins.plugins.databricks.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one rule for reading the jar and the smoke command file from a build workspace: the path must name a regular
 * file inside the base directory, reached without a symbolic link (neither the file nor a directory between it and
 * the base). A job could otherwise point a link at any file the controller or agent can read — a key, another job's
 * secrets — and upload it to Databricks or run it as a command. The same semantics as Jenkins'
 * {@code FilePath.read(root, LinkOption.NOFOLLOW_LINKS)}, with an error that names the path.
 */
public final class ContainedFile {

    private ContainedFile() {}

    /**
     * The checked file.
     *
     * @param base the base directory (the workspace)
     * @param relative the path as the user or the glob gave it, {@code /}-separated
     * @throws IOException naming {@code relative} when it is a link, lies under one, lies outside {@code base}, or
     *     is not a regular file
     */
    public static Path resolve(Path base, String relative) throws IOException {
        Path root = base.toAbsolutePath().normalize();
        Path file = root.resolve(relative.replace('/', File.separatorChar)).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IOException(relative + " lies outside " + root
                    + " — give a path inside the workspace, without '..' or an absolute path");
        }
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IOException(relative + " is " + (p.equals(file) ? "" : "under ") + "a symbolic link ("
                        + root.relativize(p).toString().replace(File.separatorChar, '/')
                        + "), which the deploy does not follow — copy the file into the workspace instead");
            }
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(relative + " does not exist in " + root);
        }
        // A Windows junction is not a symbolic link to isSymbolicLink, but its real path shows where it leads.
        if (!file.toRealPath().startsWith(root.toRealPath())) {
            throw new IOException(relative + " leads outside " + root + " (through a link or junction), which the"
                    + " deploy does not follow — copy the file into the workspace instead");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(relative + " is not a regular file");
        }
        return file;
    }

    /** Opens the checked file without following a link at its last step (checked again by the open itself). */
    public static InputStream open(Path base, String relative) throws IOException {
        return Files.newInputStream(resolve(base, relative), LinkOption.NOFOLLOW_LINKS);
    }
}
