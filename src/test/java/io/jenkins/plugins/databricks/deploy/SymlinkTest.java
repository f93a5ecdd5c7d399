package io.jenkins.plugins.databricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.databricks.deploy.cli.DemoJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar and the smoke command file are read without following a symbolic link: a job that links
 * {@code target/app.jar} or its smoke file to a file elsewhere on the machine (a key, another job's secrets) gets a
 * clear error naming the path, before anything changed, and nothing of that file leaves the machine.
 */
class SymlinkTest {

    private static final String OUTSIDE_TEXT = "# emulator: print=secret from outside the workspace\n";

    @TempDir
    Path tmp;

    private Path workspace;
    private Path outside;
    private EmulatorHarness h;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        h = new EmulatorHarness(workspace);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void aJarThatIsALinkIsRefusedNamingThePath() throws Exception {
        Path real = outside.resolve("other-app-9.jar");
        DemoJar.write(real, "9");
        Files.createDirectories(workspace.resolve("target"));
        Files.createSymbolicLink(workspace.resolve("target/app-1.0.jar"), real);

        assertThatThrownBy(() -> h.deploy(h.spec("etl")))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("jar: cannot read 'target/app-*.jar'")
                .hasMessageContaining("target/app-1.0.jar is a symbolic link")
                .hasMessageContaining("does not follow");
        assertThat(h.emulator.journal().mutations()).as("nothing uploaded").isEmpty();
    }

    @Test
    void aFileUnderALinkedDirectoryIsRefused() throws Exception {
        // Jenkins' FilePath.list follows a linked directory (the local walk does not), so the check is on every read.
        DemoJar.write(outside.resolve("app-1.0.jar"), "1.0");
        Files.createSymbolicLink(workspace.resolve("target"), outside);

        assertThatThrownBy(() -> ContainedFile.resolve(workspace, "target/app-1.0.jar"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("target/app-1.0.jar is under a symbolic link (target)");
        assertThatThrownBy(() -> new LocalJarLocator(workspace).open("target/app-1.0.jar"))
                .hasMessageContaining("under a symbolic link");
    }

    @Test
    void aSmokeCommandFileThatIsALinkIsRefused() throws Exception {
        h.jar("1.0");
        Path secret = Files.writeString(outside.resolve("id_rsa"), OUTSIDE_TEXT, StandardCharsets.UTF_8);
        Files.createSymbolicLink(workspace.resolve("smoke.scala"), secret);

        assertThatThrownBy(() -> h.deploy(h.spec("etl").smokeCommandFile("smoke.scala")))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("smokeCommandFile: cannot read smoke.scala: smoke.scala is a symbolic link");
        assertThat(h.emulator.journal().mutations()).isEmpty();
        assertThat(h.logText()).doesNotContain("secret from outside");
    }

    @Test
    void aPathOutsideTheWorkspaceIsRefused() throws Exception {
        Files.writeString(outside.resolve("smoke.scala"), OUTSIDE_TEXT, StandardCharsets.UTF_8);
        LocalJarLocator files = new LocalJarLocator(workspace);

        assertThatThrownBy(() -> files.open("../elsewhere/smoke.scala"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("../elsewhere/smoke.scala lies outside");
        assertThatThrownBy(() -> files.length("../elsewhere/smoke.scala")).hasMessageContaining("lies outside");
    }

    @Test
    void regularFilesStillDeploy() throws Exception {
        h.jar("1.0");
        Files.writeString(workspace.resolve("smoke.scala"), "// emulator: print=fine\n", StandardCharsets.UTF_8);
        DeployReport report = h.deploy(h.spec("etl").smokeCommandFile("smoke.scala"));
        assertThat(report.smoke())
                .singleElement()
                .satisfies(s -> assertThat(s.output()).isEqualTo("fine"));
    }
}
