package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.FilePath;
import hudson.util.Secret;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * Shared set-up for the tests that need a running Jenkins: an emulated workspace with one running cluster, token
 * credentials for it, a configured workspace that names them, and a real jar written into a build workspace.
 *
 * <p>Named {@code ...JenkinsTest} although it holds no tests: it uses Jenkins types, and the offline build leaves
 * out exactly the files matching {@code **}{@code /*JenkinsTest.java}.
 */
final class DeployFixturesJenkinsTest {

    static final String WORKSPACE = "prod";
    static final String TOKEN_ID = "databricks-token";
    static final String CLUSTER_ID = "0101-120000-abcd123";
    static final String CLUSTER_NAME = "analytics";
    static final String JAR = "target/app.jar";

    private DeployFixturesJenkinsTest() {}

    /** An emulator with one running cluster; close it after the test. */
    static DatabricksEmulator emulatorWithCluster() {
        DatabricksEmulator emulator = DatabricksEmulator.start();
        emulator.addCluster(CLUSTER_ID, CLUSTER_NAME, ClusterState.RUNNING);
        return emulator;
    }

    /** Global Secret text credentials holding the emulator's token, under {@link #TOKEN_ID}. */
    static void addToken(DatabricksEmulator emulator) throws IOException {
        addCredentials(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, TOKEN_ID, "Databricks token", Secret.fromString(emulator.token())));
    }

    /** Global Username with password credentials; the emulator accepts them after {@code addUser}. */
    static void addUser(DatabricksEmulator emulator, String id, String user, String password) throws Exception {
        emulator.addUser(user, password);
        addCredentials(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "Databricks user", user, password));
    }

    static void addCredentials(Credentials credentials) throws IOException {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getCredentials().add(credentials);
        provider.save();
    }

    /** Configures the workspace {@link #WORKSPACE} at the emulator with {@link #TOKEN_ID}. */
    static void configureWorkspace(DatabricksEmulator emulator) {
        DatabricksGlobalConfiguration.get()
                .setWorkspaces(List.of(new DatabricksWorkspace(WORKSPACE, emulator.url(), TOKEN_ID)));
    }

    /** Everything a deploy to {@link #WORKSPACE} needs. */
    static void setUpWorkspace(DatabricksEmulator emulator) throws IOException {
        addToken(emulator);
        configureWorkspace(emulator);
    }

    /** Writes a small but real jar (the engine checks the zip signature) at {@link #JAR} under {@code workspace}. */
    static void writeJar(FilePath workspace, String content) throws IOException, InterruptedException {
        workspace.child(JAR).copyFrom(new ByteArrayInputStream(jarBytes(content)));
    }

    static byte[] jarBytes(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new JarEntry("app/Version.txt"));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /**
     * Waits for something the deploy thread does after the build has already ended (an aborted step's clean-up
     * runs on its own thread). Polls; fails with {@code what} after the deadline.
     */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                assertThat(condition.getAsBoolean()).as(what).isTrue();
                return;
            }
            Thread.sleep(20);
        }
    }
}
