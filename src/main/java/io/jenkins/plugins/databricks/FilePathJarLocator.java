package io.jenkins.plugins.databricks;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.databricks.deploy.ContainedFile;
import io.jenkins.plugins.databricks.deploy.JarFacts;
import io.jenkins.plugins.databricks.deploy.JarLocator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * The jar as the engine sees it, in a build workspace that may live on an agent. The Databricks calls stay on the
 * controller (where the proxy settings and credentials are); only the jar's bytes cross the channel, streamed by
 * {@link FilePath#read(FilePath, java.nio.file.OpenOption...)}, and size, zip signature and hash are read on the agent
 * in one call ({@link Inspect}), so the jar is not sent twice. Every read refuses a symbolic link and a file outside
 * the workspace ({@link ContainedFile}, checked
 * where the file lives), and the stream itself is opened with {@link LinkOption#NOFOLLOW_LINKS} relative to the
 * workspace, Jenkins' own guard. The callables are records implementing {@link ControllerToAgentFileCallable}, as
 * core (since 2.485, below our baseline) recommends for new code instead of {@code MasterToSlaveFileCallable}.
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
        return base.act(new Length(path));
    }

    @Override
    public InputStream open(String path) throws IOException, InterruptedException {
        base.act(new Length(path)); // the clear error naming the path, before the stream
        return base.child(path).read(base, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public JarFacts inspect(String path) throws IOException, InterruptedException {
        return base.act(new Inspect(path));
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

    /** The length of a file inside the workspace, reached without a link; runs where the workspace is. */
    record Length(String path) implements ControllerToAgentFileCallable<Long> {

        @Override
        public Long invoke(File workspace, VirtualChannel channel) throws IOException {
            return Files.size(ContainedFile.resolve(workspace.toPath(), path));
        }
    }

    /** Size, zip signature and hash in one read where the file lives: the agent sends back three values. */
    record Inspect(String path) implements ControllerToAgentFileCallable<JarFacts> {

        @Override
        public JarFacts invoke(File workspace, VirtualChannel channel) throws IOException {
            return JarFacts.read(ContainedFile.open(workspace.toPath(), path));
        }
    }
}
