package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.api.UploadSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one jar a deploy uploads: found through a {@link JarLocator}, checked (exactly one match, a non-empty zip) and
 * hashed in one read ({@link JarLocator#inspect}). Its bytes are read again only when uploaded, as a stream.
 */
public final class JarArtifact {

    /** How many matches an error message lists. */
    static final int LISTED_MATCHES = 10;

    private final JarLocator locator;
    private final String path;
    private final long length;
    private final String sha256;

    private JarArtifact(JarLocator locator, String path, long length, String sha256) {
        this.locator = locator;
        this.path = path;
        this.length = length;
        this.sha256 = sha256;
    }

    /**
     * Finds the jar for a path or Ant glob.
     *
     * @throws DeployException naming the {@code jar} field when nothing or more than one file matches, or the match
     *     is not a jar
     */
    public static JarArtifact locate(JarLocator locator, String pattern)
            throws DeployException, IOException, InterruptedException {
        List<String> matches = locator.glob(pattern);
        if (matches.isEmpty()) {
            throw new DeployException(DeployField.JAR + ": nothing matches '" + pattern + "' in " + locator.describe()
                    + " — did the build produce the jar? Give a path or Ant glob relative to that directory");
        }
        if (matches.size() > 1) {
            String listed = matches.stream().limit(LISTED_MATCHES).collect(Collectors.joining(", "));
            String more = matches.size() > LISTED_MATCHES ? " and " + (matches.size() - LISTED_MATCHES) + " more" : "";
            throw new DeployException(DeployField.JAR + ": '" + pattern + "' matches " + matches.size()
                    + " files, it must match exactly one: " + listed + more + " — narrow the pattern");
        }
        String path = matches.get(0);
        JarFacts facts = locator.inspect(path);
        if (facts.length() == 0) {
            throw new DeployException(
                    DeployField.JAR + ": " + path + " is empty — the build did not finish writing it");
        }
        if (!facts.zipSignature()) {
            throw new DeployException(DeployField.JAR + ": " + path + " is not a jar (it does not start with the zip"
                    + " signature PK\\003\\004)");
        }
        return new JarArtifact(locator, path, facts.length(), facts.sha256());
    }

    /** The jar a checkpoint names, as pre-flight found it; not read again (a resume uploads nothing). */
    static JarArtifact restored(JarLocator locator, String path, long length, String sha256) {
        return new JarArtifact(locator, path, length, sha256);
    }

    /** The path relative to the locator's base directory. */
    public String path() {
        return path;
    }

    /** The file name, e.g. {@code app-1.2.3.jar}. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The file name without {@code .jar}, the {@code {name}} of the library name template. */
    public String baseName() {
        String name = fileName();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }

    public long length() {
        return length;
    }

    public String sha256() {
        return sha256;
    }

    /** A fresh stream over the bytes, for the upload. */
    public InputStream open() throws IOException, InterruptedException {
        return locator.open(path);
    }

    /** The jar as the client's streamed upload body, opened anew for each attempt (both backends upload this). */
    public UploadSource uploadSource() {
        return new UploadSource() {
            @Override
            public String fileName() {
                return JarArtifact.this.fileName();
            }

            @Override
            public long length() {
                return JarArtifact.this.length();
            }

            @Override
            public InputStream open() throws IOException {
                try {
                    return JarArtifact.this.open();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while opening " + path());
                }
            }
        };
    }

    @Override
    public String toString() {
        return path + " (" + length + " bytes, sha256 " + sha256 + ")";
    }
}
