package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Libraries2ApiTest {

    private static final String API = "/api/2.0/libraries/";
    private static final String STANDARD = "0101-000000-std";
    private static final String DEDICATED = "0101-000000-ded";
    private static final String OFF = "0101-000000-off";
    private static final String VOL = "/Volumes/main/default/libs";
    private static final String ALLOWED = VOL + "/allowed";

    private final ManualClock clock = new ManualClock();

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi()
            .settings(s -> s.clock(clock))
            .volume("main", "default", "libs")
            .with(e -> {
                e.addCluster(STANDARD, "standard", ClusterState.RUNNING);
                e.addCluster(DEDICATED, "dedicated", ClusterState.RUNNING).singleUser("alice@example.com");
                e.addCluster(OFF, "idle", ClusterState.TERMINATED).accessMode(AccessMode.SINGLE_USER);
                e.allowlists().jarPrefixes(ALLOWED + "/");
            });

    private void upload(String path) {
        String dir = path.substring(0, path.lastIndexOf('/'));
        api.http()
                .send(api.http()
                        .request2("/api/2.0/fs/directories" + dir)
                        .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build());
        EmulatorHttp.Response r = api.http().put2("/api/2.0/fs/files" + path, path.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    private EmulatorHttp.Response install(String cluster, String... jars) {
        return api.http().post2(API + "install", Map.of("cluster_id", cluster, "libraries", jars(jars)));
    }

    private EmulatorHttp.Response uninstall(String cluster, String... jars) {
        return api.http().post2(API + "uninstall", Map.of("cluster_id", cluster, "libraries", jars(jars)));
    }

    private static List<Map<String, String>> jars(String... paths) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String p : paths) {
            out.add(Map.of("jar", p));
        }
        return out;
    }

    private JsonNode statuses(String cluster) {
        EmulatorHttp.Response r = api.http().get2(API + "cluster-status", "cluster_id", cluster);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("cluster_id").asText()).isEqualTo(cluster);
        return r.json().path("library_statuses");
    }

    private List<String> words(String cluster) {
        List<String> out = new ArrayList<>();
        statuses(cluster)
                .forEach(s -> out.add(s.get("library").get("jar").asText() + "="
                        + s.get("status").asText()));
        return out;
    }

    private void advance(Duration d) {
        clock.advance(d);
    }

    private Duration pending() {
        return api.emulator().settings().libraryPendingDuration();
    }

    private Duration installing() {
        return api.emulator().settings().libraryInstallDuration();
    }

    @Test
    void installOnARunningClusterGoesPendingInstallingInstalled() {
        upload(ALLOWED + "/app-1.jar");

        EmulatorHttp.Response r = install(STANDARD, ALLOWED + "/app-1.jar");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().isEmpty()).isTrue();
        assertThat(words(STANDARD)).containsExactly(ALLOWED + "/app-1.jar=PENDING");
        advance(pending());
        assertThat(words(STANDARD)).containsExactly(ALLOWED + "/app-1.jar=INSTALLING");
        advance(installing());
        assertThat(words(STANDARD)).containsExactly(ALLOWED + "/app-1.jar=INSTALLED");
        JsonNode s = statuses(STANDARD).get(0);
        assertThat(s.get("is_library_for_all_clusters").asBoolean()).isFalse();
        assertThat(s.has("messages")).isFalse();
        assertThat(api.emulator().cluster(STANDARD).loadedJars()).containsExactly(ALLOWED + "/app-1.jar");
    }

    @Test
    void installingTheSamePathTwiceIsANoOp() {
        upload(ALLOWED + "/app-1.jar");
        install(STANDARD, ALLOWED + "/app-1.jar");
        advance(pending().plus(installing()));

        EmulatorHttp.Response again = install(STANDARD, ALLOWED + "/app-1.jar");

        assertThat(again.status()).isEqualTo(200);
        assertThat(words(STANDARD)).containsExactly(ALLOWED + "/app-1.jar=INSTALLED");
        assertThat(api.emulator().journal().mutationCalls()).containsOnlyOnce("POST " + API + "install");
    }

    @Test
    void aMissingJarEndsFailedWithAMessage() {
        install(DEDICATED, VOL + "/nowhere.jar");
        advance(pending().plus(installing()));

        JsonNode s = statuses(DEDICATED).get(0);
        assertThat(s.get("status").asText()).isEqualTo("FAILED");
        assertThat(s.get("messages").get(0).asText())
                .contains("FileNotFoundException")
                .contains(VOL + "/nowhere.jar");
    }

    @Test
    void onAStandardClusterAPathOutsideTheAllowlistEndsFailedNamingTheAllowlist() {
        upload(VOL + "/elsewhere/app.jar");
        upload(VOL + "/allowed-not-really/app.jar");
        install(STANDARD, VOL + "/elsewhere/app.jar", VOL + "/allowed-not-really/app.jar");
        install(DEDICATED, VOL + "/elsewhere/app.jar");
        advance(pending().plus(installing()));

        assertThat(words(STANDARD))
                .containsExactly(VOL + "/elsewhere/app.jar=FAILED", VOL + "/allowed-not-really/app.jar=FAILED");
        assertThat(statuses(STANDARD).get(0).get("messages").get(0).asText())
                .contains("allowlist")
                .contains("LIBRARY_JAR");
        assertThat(words(DEDICATED))
                .as("a dedicated cluster needs no allowlist")
                .containsExactly(VOL + "/elsewhere/app.jar=INSTALLED");
    }

    @Test
    void theAllowlistRejectionCanComeFromTheInstallCallInstead() {
        api.emulator().settings().allowlistRejection(Settings.AllowlistRejection.INSTALL_ERROR);
        upload(VOL + "/elsewhere/app.jar");

        EmulatorHttp.Response r = install(STANDARD, VOL + "/elsewhere/app.jar");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains("allowlist");
        assertThat(statuses(STANDARD)).isEmpty();
    }

    @Test
    void withoutReadVolumeTheInstallFails() {
        upload(ALLOWED + "/app.jar");
        api.emulator().volume("main.default.libs").readable(false);
        install(STANDARD, ALLOWED + "/app.jar");
        advance(pending().plus(installing()));

        assertThat(statuses(STANDARD).get(0).get("messages").get(0).asText()).contains("READ VOLUME");
    }

    @Test
    void onATerminatedClusterTheInstallWaitsForTheNextStart() {
        upload(VOL + "/app.jar");

        install(OFF, VOL + "/app.jar");
        advance(Duration.ofMinutes(10));
        assertThat(words(OFF)).containsExactly(VOL + "/app.jar=PENDING");

        api.http().post2("/api/2.1/clusters/start", Map.of("cluster_id", OFF));
        advance(api.emulator().settings().startDuration());
        assertThat(words(OFF)).containsExactly(VOL + "/app.jar=PENDING");
        advance(pending());
        assertThat(words(OFF)).containsExactly(VOL + "/app.jar=INSTALLING");
        advance(installing());
        assertThat(words(OFF)).containsExactly(VOL + "/app.jar=INSTALLED");
    }

    @Test
    void aQueuedInstallCanBeUnlistedUntilTheClusterRuns() {
        api.emulator().settings().queuedInstall(Settings.QueuedInstall.NOT_LISTED);
        upload(VOL + "/app.jar");

        install(OFF, VOL + "/app.jar");

        assertThat(statuses(OFF)).isEmpty();
        api.emulator().cluster(OFF).forceState(ClusterState.RUNNING);
        assertThat(words(OFF)).containsExactly(VOL + "/app.jar=PENDING");
    }

    @Test
    void uninstallIsUninstallOnRestartUntilTheRestartAndListedLast() {
        upload(ALLOWED + "/app-1.jar");
        upload(ALLOWED + "/app-2.jar");
        install(STANDARD, ALLOWED + "/app-1.jar");
        advance(pending().plus(installing()));

        uninstall(STANDARD, ALLOWED + "/app-1.jar");
        install(STANDARD, ALLOWED + "/app-2.jar");
        advance(pending().plus(installing()));

        assertThat(words(STANDARD))
                .containsExactly(ALLOWED + "/app-2.jar=INSTALLED", ALLOWED + "/app-1.jar=UNINSTALL_ON_RESTART");
        assertThat(api.emulator().cluster(STANDARD).loadedJars())
                .as("both jars are in the JVM until the restart")
                .containsExactlyInAnyOrder(ALLOWED + "/app-1.jar", ALLOWED + "/app-2.jar");

        api.http().post2("/api/2.1/clusters/restart", Map.of("cluster_id", STANDARD));
        assertThat(words(STANDARD)).containsExactly(ALLOWED + "/app-2.jar=PENDING");
        advance(api.emulator().settings().restartDuration().plus(pending()).plus(installing()));
        assertThat(words(STANDARD))
                .as("a library installed before the restart comes back RESTORED")
                .containsExactly(ALLOWED + "/app-2.jar=RESTORED");
        assertThat(api.emulator().cluster(STANDARD).loadedJars()).containsExactly(ALLOWED + "/app-2.jar");
    }

    @Test
    void restoredCanBeSwitchedOffAndAReinstallCancelsAPendingUninstall() {
        api.emulator().settings().restoredAfterRestart(false);
        upload(ALLOWED + "/app-1.jar");
        install(STANDARD, ALLOWED + "/app-1.jar");
        advance(pending().plus(installing()));
        uninstall(STANDARD, ALLOWED + "/app-1.jar");

        install(STANDARD, ALLOWED + "/app-1.jar");
        assertThat(words(STANDARD)).containsExactly(ALLOWED + "/app-1.jar=INSTALLED");

        api.emulator().cluster(STANDARD).forceState(ClusterState.TERMINATED);
        api.emulator().cluster(STANDARD).forceState(ClusterState.RUNNING);
        advance(pending().plus(installing()));
        assertThat(words(STANDARD)).containsExactly(ALLOWED + "/app-1.jar=INSTALLED");
    }

    @Test
    void uninstallOfSomethingNotInstalledIsIgnoredAndOfANotLoadedOneIsImmediate() {
        EmulatorHttp.Response ignored = uninstall(STANDARD, VOL + "/never.jar");
        install(OFF, VOL + "/queued.jar");
        uninstall(OFF, VOL + "/queued.jar");

        assertThat(ignored.status()).isEqualTo(200);
        assertThat(statuses(STANDARD)).isEmpty();
        assertThat(statuses(OFF)).isEmpty();
    }

    @Test
    void allClusterStatusesListsEveryClusterWithLibraries() {
        upload(ALLOWED + "/app.jar");
        install(STANDARD, ALLOWED + "/app.jar");
        install(OFF, ALLOWED + "/app.jar");

        JsonNode all = api.http().get2(API + "all-cluster-statuses").json().get("statuses");

        List<String> ids = new ArrayList<>();
        all.forEach(s -> ids.add(s.get("cluster_id").asText()));
        assertThat(ids).containsExactly(STANDARD, OFF);
        assertThat(all.get(0).get("library_statuses").get(0).get("status").asText())
                .isEqualTo("PENDING");
    }

    @Test
    void a12LibraryAttachedToTheClusterShowsOnThe20Face() {
        EmulatorHttp.Response up = api.http()
                .postMultipart("libraries/upload", Jars.upload("old.jar", "java-jar", "/libs", Jars.bytes("old")));
        String id = up.json().get("id").asText();
        api.http().postForm("libraries/attach", "libraryId", id, "clusterId", STANDARD);

        JsonNode s = statuses(STANDARD).get(0);

        assertThat(s.get("library").get("jar").asText())
                .isEqualTo("dbfs:/FileStore/jars/" + api.emulator().library(id).fileName());
        assertThat(s.get("status").asText()).isEqualTo("INSTALLED");
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        EmulatorHttp.Response noCluster = api.http().post2(API + "install", Map.of("libraries", jars("/x.jar")));
        EmulatorHttp.Response unknown = install("nope", "/x.jar");
        EmulatorHttp.Response twoKinds = api.http()
                .post2(
                        API + "install",
                        Map.of("cluster_id", STANDARD, "libraries", List.of(Map.of("jar", "/a", "whl", "/b"))));
        EmulatorHttp.Response empty =
                api.http().post2(API + "install", Map.of("cluster_id", STANDARD, "libraries", List.of()));
        EmulatorHttp.Response wrongMethod = api.http().get2(API + "install");

        assertThat(noCluster.status()).isEqualTo(400);
        assertThat(noCluster.json().get("message").asText()).contains("cluster_id");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).isEqualTo("Cluster nope does not exist");
        assertThat(twoKinds.status()).isEqualTo(400);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("message").asText()).contains("libraries");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(api.emulator().journal().mutations()).isEmpty();
    }
}
