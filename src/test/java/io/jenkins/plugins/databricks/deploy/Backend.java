package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.rest12.LibraryUpload;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.api.rest2.LibraryFullStatus;
import io.jenkins.plugins.databricks.api.rest2.Rest2Client;
import io.jenkins.plugins.databricks.deploy.backends.GatewayFactory;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedFile;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
import io.jenkins.plugins.databricks.emulator.Faults;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The backend a parameterised engine suite runs on: the same scenarios, the emulator set up for that API (a volume
 * and an allowlist for 2.x), and the few facts a test reads back in that API's own words, mapped to the engine's
 * ({@link #statusOn}, {@link #mutations}).
 */
public enum Backend {
    REST_1_2(DatabricksApi.REST_1_2, DeploySpec.DEFAULT_FOLDER),
    REST_2(DatabricksApi.REST_2, "/Volumes/main/ci/jars");

    /** The volume the 2.x scenarios deploy to, allowlisted for standard-mode clusters. */
    public static final String CATALOG = "main";

    public static final String SCHEMA = "ci";
    public static final String VOLUME = "jars";

    private final DatabricksApi api;
    private final String folder;

    Backend(DatabricksApi api, String folder) {
        this.api = api;
        this.folder = folder;
    }

    public DatabricksApi api() {
        return api;
    }

    /** Where this backend's scenarios store jars. */
    public String folder() {
        return folder;
    }

    /** The server's word for "installed" on this API, as reports and logs show it. */
    public String installedWord() {
        return this == REST_1_2 ? "Attached" : "INSTALLED";
    }

    /**
     * A server word as this API spells it, from the 1.2 spelling the scenarios were first written in: cluster states
     * (Running, Terminated, Error) and the installed status (Attached).
     */
    public String word(String rest12Word) {
        if (this == REST_1_2) {
            return rest12Word;
        }
        return switch (rest12Word) {
            case "Attached" -> "INSTALLED";
            case "Detached" -> InstallStatus.NOT_ATTACHED;
            default -> rest12Word.toUpperCase(Locale.ROOT);
        };
    }

    /** The upload call as the retry log names it: {@code POST /api/1.2/libraries/upload}, {@code PUT /api/2.0/fs/files...}. */
    public String uploadCall() {
        return this == REST_1_2 ? "POST /api/1.2/libraries/upload" : "PUT /api/2.0/fs/files" + folder + "/";
    }

    /** Faults on the upload call of this API. */
    public Faults.Scope uploadFaults(DatabricksEmulator emulator) {
        return this == REST_1_2
                ? emulator.faults().forPath("libraries/upload")
                : emulator.faults().forPathPrefix("/api/2.0/fs/files/");
    }

    /** Another party stores these bytes under {@code name} in this backend's folder, as a build running alongside. */
    public void storeAsAnotherParty(HttpTransport transport, String name, UploadSource bytes) throws IOException {
        if (this == REST_1_2) {
            new Rest12Client(transport).uploadLibrary(LibraryUpload.jar(folder, name, bytes));
        } else {
            new Rest2Client(transport).uploadFile(folder + "/" + name, bytes);
        }
    }

    /** The SHA-256 of the stored jar with that id, or null when none is stored (or it was deleted). */
    public String storedSha256(DatabricksEmulator emulator, String libraryId) {
        if (this == REST_1_2) {
            EmulatedLibrary lib = emulator.library(libraryId);
            return lib == null || lib.deleted() ? null : lib.sha256();
        }
        EmulatedFile file = emulator.file(libraryId);
        return file == null ? null : file.sha256();
    }

    /** What a fresh emulator needs for this API: on 2.x a volume, and its folder on the jar allowlist. */
    public void prepare(DatabricksEmulator emulator) {
        if (this == REST_2) {
            emulator.addVolume(CATALOG, SCHEMA, VOLUME);
            emulator.allowlists().jarPrefixes(folder + "/");
        }
    }

    /** The engine's gateway for this API over the harness's transport. */
    public DatabricksGateway gateway(HttpTransport transport, Poller poller) {
        return GatewayFactory.forApi(api, transport, poller);
    }

    /**
     * Where the library stands on one cluster as the emulator serves it, in the engine's words: INSTALLED, PENDING,
     * REMOVED_AT_RESTART, FAILED or ABSENT. 2.x reads the emulator's cluster-status over HTTP (a read, not a
     * mutation).
     */
    public String statusOn(DatabricksEmulator emulator, HttpTransport transport, String libraryId, String clusterId) {
        if (this == REST_1_2) {
            EmulatedLibrary lib = emulator.library(libraryId);
            return switch (lib.status(clusterId)) {
                case ATTACHED -> "INSTALLED";
                case DETACHED -> "ABSENT";
                case DETACH_PENDING -> "REMOVED_AT_RESTART";
                default -> "PENDING";
            };
        }
        try {
            return new Rest2Client(transport)
                    .clusterLibraryStatuses(clusterId).libraryStatuses().stream()
                            .filter(s -> s.library() != null
                                    && libraryId.equals(s.library().jar()))
                            .findFirst()
                            .map(Backend::phase)
                            .orElse("ABSENT");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String phase(LibraryFullStatus s) {
        return switch (s.status()) {
            case INSTALLED, SKIPPED, RESTORED -> "INSTALLED";
            case UNINSTALL_ON_RESTART -> "REMOVED_AT_RESTART";
            case FAILED -> "FAILED";
            default -> "PENDING";
        };
    }

    /**
     * The state-changing calls in the journal, in the engine's words: upload, install, uninstall, restart, start,
     * delete (creating the volume folder, which changes nothing a cluster sees, is left out).
     */
    public List<String> mutations(DatabricksEmulator emulator) {
        return emulator.journal().mutations().stream()
                .map(this::operation)
                .filter(Objects::nonNull)
                .toList();
    }

    private String operation(JournalEntry e) {
        String call = e.method().toUpperCase(Locale.ROOT) + " " + e.path();
        if (this == REST_1_2) {
            return switch (e.call()) {
                case "POST libraries/upload" -> "upload";
                case "POST libraries/attach" -> "install";
                case "POST libraries/detach" -> "uninstall";
                case "POST libraries/delete" -> "delete";
                case "POST clusters/restart" -> "restart";
                default -> e.call();
            };
        }
        if (e.path().startsWith("/api/1.2/")) {
            return e.call(); // commands and contexts: the 1.2 calls on both backends
        }
        if (call.startsWith("PUT /api/2.0/fs/files/")) {
            return "upload";
        }
        if (call.startsWith("DELETE /api/2.0/fs/files/")) {
            return "delete";
        }
        if (call.startsWith("PUT /api/2.0/fs/directories/")) {
            return null;
        }
        return switch (call) {
            case "POST /api/2.0/libraries/install" -> "install";
            case "POST /api/2.0/libraries/uninstall" -> "uninstall";
            case "POST /api/2.1/clusters/restart", "POST /api/2.0/clusters/restart" -> "restart";
            case "POST /api/2.1/clusters/start", "POST /api/2.0/clusters/start" -> "start";
            default -> call;
        };
    }
}
