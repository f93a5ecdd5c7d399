package io.jenkins.plugins.databricks.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where the jar (and a smoke command file) come from: a base directory that may sit on another machine, such as a
 * Jenkins workspace on an agent. Paths are relative to the base directory and use {@code /}. The engine only streams
 * the bytes; it never needs the whole file in memory.
 */
public interface JarLocator {

    /** Files matching an Ant-style pattern ({@code target/app-*.jar}, {@code **}{@code /*.jar}), sorted. */
    List<String> glob(String antPattern) throws IOException, InterruptedException;

    long length(String path) throws IOException, InterruptedException;

    InputStream open(String path) throws IOException, InterruptedException;

    /** Lower-case hex SHA-256 of the file; an implementation may compute it where the file lives. */
    default String sha256(String path) throws IOException, InterruptedException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = open(path)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Size, zip signature and SHA-256 in one read of the file; an implementation computes them where the file lives,
     * in one call (a Jenkins agent sends back three values, not the jar).
     */
    default JarFacts inspect(String path) throws IOException, InterruptedException {
        return JarFacts.read(open(path));
    }

    /** The base directory for messages, e.g. {@code /var/lib/jenkins/workspace/app on agent-3}. */
    String describe();
}
