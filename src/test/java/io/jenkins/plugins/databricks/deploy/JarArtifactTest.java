package io.jenkins.plugins.databricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarArtifactTest {

    @TempDir
    Path ws;

    private Path write(String rel, byte[] bytes) throws IOException {
        Path p = ws.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    private static byte[] jarBytes(String tail) {
        return ("PK\003\004" + tail).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void antGlobsFindExactlyOneJarAndHashIt() throws Exception {
        byte[] bytes = jarBytes("content");
        write("module/target/app-1.0.jar", bytes);
        write("module/target/app-1.0.pom", "x".getBytes(StandardCharsets.UTF_8));
        LocalJarLocator locator = new LocalJarLocator(ws);
        JarArtifact jar = JarArtifact.locate(locator, "**/target/app-*.jar");
        assertThat(jar.path()).isEqualTo("module/target/app-1.0.jar");
        assertThat(jar.fileName()).isEqualTo("app-1.0.jar");
        assertThat(jar.baseName()).isEqualTo("app-1.0");
        assertThat(jar.length()).isEqualTo(bytes.length);
        assertThat(jar.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(JarArtifact.locate(locator, "module/target/app-1.0.jar").path())
                .isEqualTo(jar.path());
        assertThat(locator.glob("**/*.jar")).containsExactly("module/target/app-1.0.jar");
        assertThat(locator.glob("*.jar")).isEmpty();
        assertThat(locator.glob("module/")).hasSize(2);
    }

    @Test
    void severalMatchesAreListed() throws Exception {
        for (int i = 0; i < 12; i++) {
            write("lib/a" + i + ".jar", jarBytes("x"));
        }
        assertThatThrownBy(() -> JarArtifact.locate(new LocalJarLocator(ws), "lib/*.jar"))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("jar: 'lib/*.jar' matches 12 files, it must match exactly one: lib/a0.jar,")
                .hasMessageContaining("and 2 more");
    }

    @Test
    void noMatchEmptyFileAndNonJarAreRefused() throws Exception {
        LocalJarLocator locator = new LocalJarLocator(ws);
        assertThatThrownBy(() -> JarArtifact.locate(locator, "target/*.jar"))
                .hasMessageStartingWith("jar: nothing matches 'target/*.jar' in " + locator.describe());
        write("target/empty.jar", new byte[0]);
        assertThatThrownBy(() -> JarArtifact.locate(locator, "target/empty.jar"))
                .hasMessageContaining("is empty");
        write("target/text.jar", "hello".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> JarArtifact.locate(locator, "target/text.jar")).hasMessageContaining("is not a jar");
    }

    @Test
    void pathsCannotEscapeTheBase() {
        assertThatThrownBy(() -> new LocalJarLocator(ws).open("../x.jar")).isInstanceOf(IOException.class);
    }

    @Test
    void sizeSignatureAndHashComeFromOneReadOfTheFile() throws Exception {
        byte[] bytes = jarBytes("x".repeat(200_000));
        write("target/app.jar", bytes);
        LocalJarLocator local = new LocalJarLocator(ws);
        int[] opens = {0};
        JarLocator counting = new JarLocator() {
            @Override
            public java.util.List<String> glob(String antPattern) throws IOException {
                return local.glob(antPattern);
            }

            @Override
            public long length(String path) {
                throw new AssertionError("length is read with the hash, not on its own");
            }

            @Override
            public java.io.InputStream open(String path) throws IOException {
                opens[0]++;
                return local.open(path);
            }

            @Override
            public String describe() {
                return local.describe();
            }
        };
        JarArtifact jar = JarArtifact.locate(counting, "target/*.jar");
        assertThat(opens[0]).isEqualTo(1);
        assertThat(jar.length()).isEqualTo(bytes.length);
        assertThat(jar.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(JarFacts.read(new java.io.ByteArrayInputStream(new byte[] {'P', 'K'}))
                        .zipSignature())
                .isFalse();
    }
}
