package io.jenkins.plugins.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.DeployRequest;
import io.jenkins.plugins.databricks.WorkspaceRules;
import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.rest12.LibraryUpload;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.InvalidDeploySpecException;
import io.jenkins.plugins.databricks.deploy.LocalJarLocator;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets a clear error naming the field and hinting at what is valid, before anything changes on Databricks.
 * Spec-level mistakes are caught offline: the emulator sees not a single request. Mistakes only Databricks can reveal
 * (an unknown cluster, a jar that is not there) are caught by the read-only pre-flight: requests, but no mutation.
 * The workspace already runs version 1.0 of the jar on etl, so "nothing changed" is a real claim.
 */
class BadInputsTest {

    /** Where the mistake is caught: offline (no request at all) or at pre-flight (reads only). */
    enum Stage {
        OFFLINE,
        PREFLIGHT
    }

    @FunctionalInterface
    interface Setup {
        void apply(Rig rig) throws Exception;
    }

    record Case(
            String name, Stage stage, Setup setup, UnaryOperator<DeploySpec.Builder> spec, String field, String hint) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Setup NONE = rig -> {};

    private static Case offline(String name, UnaryOperator<DeploySpec.Builder> spec, String field, String hint) {
        return new Case(name, Stage.OFFLINE, NONE, spec, field, hint);
    }

    private static Case preflight(
            String name, Setup setup, UnaryOperator<DeploySpec.Builder> spec, String field, String hint) {
        return new Case(name, Stage.PREFLIGHT, setup, spec, field, hint);
    }

    @TempDir
    Path tmp;

    static Stream<Case> deployInputs() {
        return Stream.of(
                offline("empty workspace URL", b -> b.workspaceUrl(" "), "workspaceUrl", "e.g. https://"),
                offline(
                        "URL without a scheme",
                        b -> b.workspaceUrl("dbc-1.cloud.databricks.com"),
                        "workspaceUrl",
                        "http(s)"),
                offline("malformed URL", b -> b.workspaceUrl("https://dbc 1.example.com"), "workspaceUrl", "not a URL"),
                offline("ftp URL", b -> b.workspaceUrl("ftp://files.example.com"), "workspaceUrl", "http(s)"),
                offline(
                        "plain http to a remote host",
                        b -> b.workspaceUrl("http://dbc-1.cloud.databricks.com"),
                        "workspaceUrl",
                        "use https://dbc-1.cloud.databricks.com"),
                offline(
                        "user info in the URL",
                        b -> b.workspaceUrl("https://admin:hunter2@dbc-1.cloud.databricks.com"),
                        "workspaceUrl",
                        "put credentials in credentials"),
                offline(
                        "query in the URL",
                        b -> b.workspaceUrl("https://adb-1.azuredatabricks.net/?o=123"),
                        "workspaceUrl",
                        "query"),
                offline("blank token", b -> b.auth(WorkspaceAuth.bearer("  ")), "credentials", "personal access token"),
                offline(
                        "blank password",
                        b -> b.auth(WorkspaceAuth.basic("me", "")),
                        "credentials",
                        "credentials that"),
                offline("empty jar", b -> b.jar(""), "jar", "Ant glob"),
                offline("absolute jar path", b -> b.jar("/etc/app.jar"), "jar", "relative to the workspace"),
                offline("jar path leaving the workspace", b -> b.jar("../other/app.jar"), "jar", "stay inside it"),
                offline("no clusters", b -> b.clusters(List.of(" ", "")), "clusters", "__ALL_CLUSTERS"),
                offline("all clusters plus one", b -> b.clusters("__ALL_CLUSTERS, etl"), "clusters", "give it alone"),
                offline(
                        "invalid smoke language",
                        b -> b.smokeCommand("1+1").smokeLanguage("cobol"),
                        "smokeLanguage",
                        "scala, python, sql or r"),
                offline(
                        "smoke command and command file",
                        b -> b.smokeCommand("1+1").smokeCommandFile("smoke.scala"),
                        "smokeCommand",
                        "not both"),
                offline(
                        "empty smoke command with an expected output",
                        b -> b.smokeCommand("   ").smokeExpect("ok"),
                        "smokeExpect",
                        "needs a smokeCommand"),
                offline("negative waitTimeout", b -> b.waitTimeoutSeconds(-5), "waitTimeout", "must be positive"),
                offline("zero waitTimeout", b -> b.waitTimeout(Duration.ZERO), "waitTimeout", "must be positive"),
                offline(
                        "negative smokeTimeout",
                        b -> b.smokeCommand("1+1").smokeTimeoutSeconds(-1),
                        "smokeTimeout",
                        "must be positive"),
                offline("negative keepVersions", b -> b.keepVersions(-1), "keepVersions", "0 or more"),
                offline(
                        "unknown placeholder in the name template",
                        b -> b.libraryName("{name}-{version}.jar"),
                        "libraryName",
                        "known placeholders: {name}, {hash}"),
                offline(
                        "unbalanced brace in the name template",
                        b -> b.libraryName("{name}-{hash.jar"),
                        "libraryName",
                        "placeholders look like"),
                offline(
                        "slash in the library name",
                        b -> b.libraryName("libs/{name}.jar"),
                        "libraryName",
                        "put the path in folder"),
                offline(
                        "{build} without a build id",
                        b -> b.libraryName("{name}-{build}.jar").buildId(null),
                        "libraryName",
                        "use {hash} or {timestamp}"),
                offline(
                        "folder without a leading slash",
                        b -> b.folder("Shared/jenkins"),
                        "folder",
                        "must start with /"),
                offline(
                        "folder with an empty segment",
                        b -> b.folder("/Shared//jenkins"),
                        "folder",
                        "must start with /"),
                offline("folder climbing up", b -> b.folder("/Shared/../Users"), "folder", "absolute workspace folder"),
                offline(
                        "invalid replaces pattern",
                        b -> b.replaces("app-("),
                        "replaces",
                        "not a valid regular expression"),
                offline(
                        "invalid smokeExpect pattern",
                        b -> b.smokeCommand("1+1").smokeExpect("["),
                        "smokeExpect",
                        "not a valid regular expression"),
                offline(
                        "unknown restart policy",
                        b -> b.restart("sometimes"),
                        "restart",
                        "NEVER, IF_RUNNING or ALWAYS"),
                offline(
                        "absolute smoke command file",
                        b -> b.smokeCommandFile("/etc/passwd"),
                        "smokeCommandFile",
                        "relative to the workspace"),
                preflight(
                        "unknown cluster id",
                        NONE,
                        b -> b.clusters("0000-000000-nope"),
                        "clusters",
                        "known clusters: etl"),
                preflight(
                        "unknown cluster name", NONE, b -> b.clusters("etl, reporting"), "clusters", "known clusters"),
                preflight(
                        "two clusters with the same name",
                        rig -> rig.emulator.addCluster("0101-000000-twin2", "etl", ClusterState.RUNNING),
                        b -> b.clusters("etl"),
                        "clusters",
                        "give the cluster id instead"),
                preflight("glob matching no jar", NONE, b -> b.jar("build/libs/*.jar"), "jar", "nothing matches"),
                preflight(
                        "glob matching two jars",
                        rig -> Files.writeString(
                                rig.workspace.resolve("target/app-2.0-sources.jar"),
                                "not really",
                                StandardCharsets.UTF_8),
                        b -> b.jar("target/*.jar"),
                        "jar",
                        "matches 2"),
                preflight(
                        "a file that is not a jar",
                        rig -> Files.writeString(
                                rig.workspace.resolve("target/notes.jar"), "hello", StandardCharsets.UTF_8),
                        b -> b.jar("target/notes.jar"),
                        "jar",
                        "is not a jar"),
                preflight(
                        "missing smoke command file",
                        NONE,
                        b -> b.smokeCommandFile("smoke/check.scala"),
                        "smokeCommandFile",
                        "does not exist"),
                preflight(
                        "huge smoke command file",
                        rig -> {
                            Files.createDirectories(rig.workspace.resolve("smoke"));
                            Files.write(rig.workspace.resolve("smoke/check.scala"), new byte[2 * 1024 * 1024]);
                        },
                        b -> b.smokeCommandFile("smoke/check.scala"),
                        "smokeCommandFile",
                        "a smoke command should be short"),
                preflight(
                        "library name already taken, without {hash}",
                        rig -> rig.client(Auth.bearer(rig.emulator.token()), Duration.ofSeconds(5))
                                .uploadLibrary(LibraryUpload.jar(
                                        DeploySpec.DEFAULT_FOLDER,
                                        "app.jar",
                                        UploadSource.of("someone-elses.jar", new byte[] {1, 2, 3}))),
                        b -> b.libraryName("app.jar"),
                        "libraryName",
                        "add {hash} or {build}"),
                preflight(
                        "old version attached to all clusters, some targeted",
                        rig -> rig.client(Auth.bearer(rig.emulator.token()), Duration.ofSeconds(5))
                                .attachLibrary(rig.baselineId, DeploySpec.ALL_CLUSTERS),
                        b -> b,
                        "clusters",
                        "target __ALL_CLUSTERS"),
                preflight(
                        "wrong token",
                        NONE,
                        b -> b.auth(WorkspaceAuth.bearer("dapi-wrong")),
                        "credentials",
                        "Check the credentials"),
                preflight(
                        "wrong password",
                        rig -> rig.emulator.addUser("alice", "right-password"),
                        b -> b.auth(WorkspaceAuth.basic("alice", "wrong-password")),
                        "credentials",
                        "Check the credentials"),
                preflight(
                        "URL of a web page, not the workspace API",
                        NONE,
                        b -> b.workspaceUrl(b.build().workspaceUrl() + "/login"),
                        "workspace URL",
                        "web page instead of JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployInputs")
    void refusedWithTheFieldNamedBeforeAnyChange(Case c) throws Exception {
        try (Rig rig = new Rig(tmp)) {
            String oldId = rig.baseline("1.0");
            rig.jar("2.0");
            c.setup().apply(rig);
            rig.emulator.journal().clear();
            String message;
            try {
                DeploySpec spec = c.spec().apply(rig.spec(Rig.ETL)).build();
                Deployer deployer = rig.deployer(connect(rig, spec));
                deployer.deploy(spec);
                throw new AssertionError("accepted: " + c);
            } catch (InvalidDeploySpecException e) {
                assertThat(c.stage()).as("caught offline: %s", e.getMessage()).isEqualTo(Stage.OFFLINE);
                message = e.getMessage();
            } catch (Exception e) {
                assertThat(c.stage())
                        .as("caught at pre-flight: %s", e.getMessage())
                        .isEqualTo(Stage.PREFLIGHT);
                message = e.getMessage();
            }
            assertThat(message).as("names the field").contains(c.field());
            assertThat(message).as("hints at what is valid").contains(c.hint());
            assertThat(message).doesNotContain("hunter2", "wrong-password", "dapi-wrong");
            List<JournalEntry> seen = rig.emulator.journal().entries();
            if (c.stage() == Stage.OFFLINE) {
                assertThat(seen).as("no request at all").isEmpty();
            } else {
                assertThat(rig.emulator.journal().mutations()).as("no change").isEmpty();
            }
            assertThat(rig.settledStatus(oldId, Rig.ETL).wire()).isEqualTo("Attached");
        }
    }

    /** The gateway the front end would build: over a client for the spec's URL and credentials. */
    private static Rest12Gateway connect(Rig rig, DeploySpec spec) {
        return new Rest12Gateway(rig.client(
                spec.workspaceUrl().toString(),
                Rest12Gateway.toClientAuth(spec.auth().orElseThrow()),
                Duration.ofSeconds(5)));
    }

    @Test
    void everyMistakeIsListedAtOnceEachWithItsField() {
        InvalidDeploySpecException e = catchThrowableOfType(
                InvalidDeploySpecException.class,
                () -> DeploySpec.builder()
                        .workspaceUrl("ftp://x")
                        .jar("")
                        .folder("relative")
                        .keepVersions(-2)
                        .restart("later")
                        .build());
        assertThat(e.errors())
                .extracting(err -> err.field().fieldName())
                .containsExactly("workspaceUrl", "jar", "folder", "clusters", "restart", "keepVersions");
        assertThat(e.getMessage().lines())
                .hasSize(6)
                .allSatisfy(line -> assertThat(line).matches("^[a-zA-Z]+: .+"));
    }

    // ------------------------------------------------------------------------------------- client level

    static Stream<Object[]> clientInputs() {
        return Stream.of(
                new Object[] {
                    "plain http to a remote host",
                    (Runnable) () -> HttpTransport.builder("http://dbc-1.cloud.databricks.com")
                            .auth(Auth.bearer("dapi-x"))
                            .build(Rest12Client::new),
                    "workspace URL",
                    "use https://"
                },
                new Object[] {
                    "no credentials",
                    (Runnable) () -> HttpTransport.builder("https://dbc-1.cloud.databricks.com")
                            .build(Rest12Client::new),
                    "credentials",
                    "personal access token"
                },
                new Object[] {"empty token", (Runnable) () -> Auth.bearer(""), "token", "personal access token"},
                new Object[] {"colon in the Basic user", (Runnable) () -> Auth.basic("a:b", "pw"), "user name", "':'"},
                new Object[] {
                    "negative response timeout",
                    (Runnable) () -> HttpTransport.builder("https://x").responseTimeout(Duration.ofSeconds(-1)),
                    "response timeout",
                    "must be positive"
                },
                new Object[] {
                    "scheme other than https",
                    (Runnable) () -> HttpTransport.builder("file:///etc/passwd")
                            .auth(Auth.bearer("dapi-x"))
                            .build(Rest12Client::new),
                    "workspace URL",
                    "use https://"
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientInputs")
    void theClientRefusesUnusableSettingsBeforeConnecting(String name, Runnable attempt, String field, String hint) {
        assertThatThrownBy(attempt::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field)
                .hasMessageContaining(hint);
    }

    // ------------------------------------------------------------------------------------- front-end level

    private static DeployRequest request(String workspace, String url, String credentialsId, Integer wait) {
        return new DeployRequest(
                workspace,
                url,
                credentialsId,
                "target/*.jar",
                null,
                null,
                null,
                false,
                "etl",
                null,
                wait,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                false,
                null,
                null,
                null);
    }

    @Test
    void frontEndConnectionChoicesAreJudgedWithoutJenkins() {
        assertThat(request(null, null, null, null).connectionProblem())
                .as("neither a workspace nor a URL")
                .containsIgnoringCase("workspace");
        assertThat(request("prod", "https://dbc-1.cloud.databricks.com", "c", null)
                        .connectionProblem())
                .as("both")
                .containsIgnoringCase("workspaceUrl");
        assertThat(request(null, "https://dbc-1.cloud.databricks.com", " ", null)
                        .connectionProblem())
                .as("a URL without credentials")
                .contains("credentialsId");
        assertThat(request(null, "https://dbc-1.cloud.databricks.com", "c", -5).problemsWith("waitTimeoutSeconds"))
                .singleElement()
                .asString()
                .contains("must be positive");
        assertThat(WorkspaceRules.nameProblem("prod workspace!")).contains("prod workspace!");
        assertThat(WorkspaceRules.urlProblem("http://dbc-1.cloud.databricks.com"))
                .as("the form refuses what the client would refuse")
                .contains("plain http");
    }

    @Test
    void nothingListeningAtTheUrlIsACleanConnectError(@TempDir Path ws) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DeploySpec spec = DeploySpec.builder()
                .workspaceUrl("http://127.0.0.1:" + port)
                .auth(WorkspaceAuth.bearer("dapi-nothing-there"))
                .jar("target/*.jar")
                .clusters("etl")
                .build();
        // Connection refused is retried (the server cannot have seen the request); one attempt is enough here.
        try (Rest12Client client = HttpTransport.builder(spec.workspaceUrl().toString())
                        .auth(Rest12Gateway.toClientAuth(spec.auth().orElseThrow()))
                        .retryPolicy(RetryPolicy.none())
                        .build(Rest12Client::new);
                Rest12Gateway gateway = new Rest12Gateway(client)) {
            assertThatThrownBy(() -> new Deployer(gateway, new LocalJarLocator(ws), line -> {}).deploy(spec))
                    .hasMessageContaining("could not connect to 127.0.0.1")
                    .hasMessageContaining("workspace URL")
                    .hasMessageNotContaining("dapi-nothing-there");
        }
    }
}
