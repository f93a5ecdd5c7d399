package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LibrariesApiTest {

    private static final String RUNNING = "0101-000000-run";
    private static final String OTHER = "0101-000000-two";
    private static final String STOPPED = "0101-000000-off";

    private final ManualClock clock = new ManualClock();

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi()
            .settings(s -> s.clock(clock))
            .cluster(RUNNING, "shared", ClusterState.RUNNING)
            .cluster(OTHER, "etl", ClusterState.RUNNING)
            .cluster(STOPPED, "idle", ClusterState.TERMINATED);

    private String upload(String name, String folder) {
        EmulatorHttp.Response r =
                api.http().postMultipart("libraries/upload", Jars.upload(name, "java-jar", folder, Jars.bytes(name)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    private JsonNode status(String libraryId) {
        EmulatorHttp.Response r = api.http().get("libraries/status", "libraryId", libraryId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String statusOn(String libraryId, String clusterId) {
        for (JsonNode s : status(libraryId).get("statuses")) {
            if (s.get("clusterId").asText().equals(clusterId)) {
                return s.get("status").asText();
            }
        }
        throw new AssertionError("no status for " + clusterId);
    }

    @Test
    void uploadStoresNameFolderWithoutTrailingSlashHashAndSize() throws Exception {
        byte[] bytes = Jars.bytes("jar bytes");
        EmulatorHttp.Response r = api.http()
                .postMultipart("libraries/upload", Jars.upload("app-1.0.jar", "scala", "/Users/me/libs/", bytes));

        String id = r.json().get("id").asText();
        assertThat(id).containsOnlyDigits();
        JsonNode status = status(id);
        assertThat(status.get("name").asText()).isEqualTo("app-1.0.jar");
        assertThat(status.get("folder").asText()).isEqualTo("/Users/me/libs");
        assertThat(status.get("libType").asText()).isEqualTo("java-jar");
        assertThat(status.get("attachAllClusters").asBoolean()).isFalse();
        assertThat(status.get("files")).hasSize(1);
        String expectedSha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(status.get("files").get(0).asText()).isEqualTo(expectedSha.substring(0, 8) + "-app-1.0.jar");
        assertThat(api.emulator().library(id).sha256()).isEqualTo(expectedSha);
        assertThat(api.emulator().library(id).sizeBytes()).isEqualTo(bytes.length);

        JsonNode list = api.http().get("libraries/list").json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asText()).isEqualTo(id);
        assertThat(list.get(0).get("folder").asText()).isEqualTo("/Users/me/libs");
    }

    @Test
    void duplicateNameInTheSameFolderIsANameConflict() {
        upload("app.jar", "/libs");

        EmulatorHttp.Response dup = api.http()
                .postMultipart("libraries/upload", Jars.upload("app.jar", "python-egg", "/libs/", Jars.bytes("x")));

        assertThat(dup.status()).isEqualTo(500);
        assertThat(dup.json().get("error").asText())
                .isEqualTo("NameConflictException: Node named 'app.jar' already exists");
        assertThat(api.http().get("libraries/list").json()).hasSize(1);
        assertThat(upload("app.jar", "/other")).isNotBlank();
    }

    @Test
    void statusesListEveryClusterAndAttachToRunningIsImmediate() {
        String id = upload("app.jar", "/libs");

        assertThat(statusOn(id, RUNNING)).isEqualTo("Detached");
        EmulatorHttp.Response attach =
                api.http().postJson("libraries/attach", Map.of("libraryId", id, "clusterId", RUNNING));

        assertThat(attach.status()).isEqualTo(200);
        assertThat(statusOn(id, RUNNING)).isEqualTo("Attached");
        assertThat(statusOn(id, OTHER)).isEqualTo("Detached");
        assertThat(status(id).get("statuses")).hasSize(3);
    }

    @Test
    void attachToAStoppedClusterIsPendingUntilItRuns() {
        String id = upload("app.jar", "/libs");

        api.http().postForm("libraries/attach", "libraryId", id, "clusterId", STOPPED);
        assertThat(statusOn(id, STOPPED)).isEqualTo("Pending");

        api.http().postForm("clusters/restart", "clusterId", STOPPED);
        assertThat(statusOn(id, STOPPED)).isEqualTo("Pending");
        clock.advance(api.emulator().settings().restartDuration());
        assertThat(statusOn(id, STOPPED)).isEqualTo("Attached");
    }

    @Test
    void attachDelayKeepsTheLibraryInstallingForThatLong() {
        api.emulator().settings().attachDelay(Duration.ofMinutes(5));
        String id = upload("app.jar", "/libs");

        api.http().postForm("libraries/attach", "libraryId", id, "clusterId", RUNNING);
        assertThat(statusOn(id, RUNNING)).isEqualTo("Installing");
        clock.advance(Duration.ofMinutes(5));
        assertThat(statusOn(id, RUNNING)).isEqualTo("Attached");
    }

    @Test
    void detachFromARunningClusterTakesEffectOnlyAtRestart() {
        String id = upload("app.jar", "/libs");
        api.http().postForm("libraries/attach", "libraryId", id, "clusterId", RUNNING);

        EmulatorHttp.Response detach = api.http().postForm("libraries/detach", "libraryId", id, "clusterId", RUNNING);

        assertThat(detach.status()).isEqualTo(200);
        assertThat(statusOn(id, RUNNING)).isEqualTo("DetachPending");
        api.http().postForm("clusters/restart", "clusterId", RUNNING);
        clock.advance(api.emulator().settings().restartDuration());
        assertThat(statusOn(id, RUNNING)).isEqualTo("Detached");
    }

    @Test
    void deleteOfAnAttachedLibraryHidesItButKeepsItLoadedUntilRestart() {
        String id = upload("app.jar", "/libs");
        api.http().postForm("libraries/attach", "libraryId", id, "clusterId", RUNNING);

        EmulatorHttp.Response delete = api.http().postForm("libraries/delete", "libraryId", id);

        assertThat(delete.status()).isEqualTo(200);
        assertThat(api.http().get("libraries/list").json()).isEmpty();
        EmulatorHttp.Response gone = api.http().get("libraries/status", "libraryId", id);
        assertThat(gone.status()).isEqualTo(500);
        assertThat(gone.json().get("error").asText())
                .isEqualTo("NoSuchElementException: cannot find node with id " + id);
        assertThat(api.emulator().library(id).status(RUNNING)).isEqualTo(LibraryClusterStatus.DELETED_PENDING_RESTART);
        assertThat(upload("app.jar", "/libs")).isNotEqualTo(id);

        api.http().postForm("clusters/restart", "clusterId", RUNNING);
        clock.advance(api.emulator().settings().restartDuration());
        assertThat(api.emulator().library(id).status(RUNNING)).isEqualTo(LibraryClusterStatus.DETACHED);
    }

    @Test
    void allClustersFlagAttachesEverywhereThatRuns() {
        String id = upload("app.jar", "/libs");

        api.http().postJson("libraries/attach", Map.of("libraryId", id, "clusterId", "__ALL_CLUSTERS"));

        assertThat(status(id).get("attachAllClusters").asBoolean()).isTrue();
        assertThat(statusOn(id, RUNNING)).isEqualTo("Attached");
        assertThat(statusOn(id, OTHER)).isEqualTo("Attached");
        assertThat(statusOn(id, STOPPED)).isEqualTo("Pending");

        api.http().postJson("libraries/detach", Map.of("libraryId", id, "clusterId", "__ALL_CLUSTERS"));
        assertThat(status(id).get("attachAllClusters").asBoolean()).isFalse();
        assertThat(statusOn(id, RUNNING)).isEqualTo("DetachPending");
        assertThat(statusOn(id, STOPPED)).isEqualTo("Detached");
    }

    @Test
    void unknownLibraryAndUnknownClusterAreNoSuchElement() {
        String id = upload("app.jar", "/libs");

        assertThat(api.http()
                        .postForm("libraries/attach", "libraryId", "999", "clusterId", RUNNING)
                        .json()
                        .get("error")
                        .asText())
                .startsWith("NoSuchElementException");
        EmulatorHttp.Response r = api.http().postForm("libraries/attach", "libraryId", id, "clusterId", "nope");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("error").asText()).startsWith("NoSuchElementException");
    }

    @Test
    void uploadWithoutFilePartOrWithBadLibTypeIsRefusedAndStoresNothing() {
        assertThat(api.http()
                        .postForm("libraries/upload", "name", "a.jar", "libType", "java-jar", "folder", "/")
                        .status())
                .isEqualTo(400);
        EmulatorHttp.Response badType =
                api.http().postMultipart("libraries/upload", Jars.upload("a.jar", "maven", "/", Jars.bytes("x")));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("error").asText()).contains("libType");
        assertThat(api.emulator().libraries()).isEmpty();
    }
}
