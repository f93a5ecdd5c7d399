package io.jenkins.plugins.databricks;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.databricks.deploy.JarLocator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * The jar as the engine sees it, in a build workspace that may live on an agent. The Databricks calls stay on the
 * controller (where the proxy settings and credentials are); only the jar's bytes cross the channel, streamed by
 * {@link FilePath#read()}, and the hash is computed on the agent so the jar is not sent twice.
 */
final class FilePathJarLocator implements JarLocator {

    private final FilePath base;

    FilePathJarLocator(FilePath base) {
        this.base = base;
    }

    @Override
    public List<String> glob(String antPattern) throws IOException, InterruptedException {
        String prefix = base.getRemote();
        List<String> paths = new ArrayList<>();
        for (FilePath match : base.list(antPattern)) {
            paths.add(relative(prefix, match.getRemote()));
        }
        paths.sort(null);
        return paths;
    }

    @Override
    public long length(String path) throws IOException, InterruptedException {
        return base.child(path).length();
    }

    @Override
    public InputStream open(String path) throws IOException, InterruptedException {
        return base.child(path).read();
    }

    @Override
    public String sha256(String path) throws IOException, InterruptedException {
        return base.child(path).act(new Sha256());
    }

    @Override
    public String describe() {
        return base.getRemote();
    }

    /** FilePath.list returns remote paths with the agent's separator; the engine wants them relative with '/'. */
    static String relative(String base, String remote) {
        String path = remote.startsWith(base) ? remote.substring(base.length()) : remote;
        path = path.replace('\\', '/');
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path;
    }

    /** Hashes the file where it lives, so the agent sends back 64 characters instead of the jar. */
    static final class Sha256 extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String invoke(File file, VirtualChannel channel) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
            try (InputStream in = Files.newInputStream(file.toPath())) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
