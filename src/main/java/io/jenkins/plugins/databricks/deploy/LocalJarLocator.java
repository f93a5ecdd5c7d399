package io.jenkins.plugins.databricks.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link JarLocator} over a directory of the local file system. Reads only regular files inside it, never through
 * a symbolic link ({@link ContainedFile}).
 */
public final class LocalJarLocator implements JarLocator {

    private final Path base;

    public LocalJarLocator(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    @Override
    public List<String> glob(String antPattern) throws IOException {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        AntGlob glob = AntGlob.compile(antPattern);
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> base.relativize(p).toString().replace('\\', '/'))
                    .filter(glob::matches)
                    .sorted()
                    .toList();
        }
    }

    @Override
    public long length(String path) throws IOException {
        return Files.size(ContainedFile.resolve(base, path));
    }

    @Override
    public InputStream open(String path) throws IOException {
        return ContainedFile.open(base, path);
    }

    @Override
    public String describe() {
        return base.toString();
    }
}
