package io.jenkins.plugins.databricks.api.rest2;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectReader;
import io.jenkins.plugins.databricks.api.ApiCall;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.ErrorKind;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.UploadSourceEntity;
import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Typed calls for the Databricks REST 2.x endpoints a deploy needs on a current workspace: the Files API on Unity
 * Catalog volumes, Libraries 2.0, Clusters 2.1, the jar allowlist (read only) and the caller's own identity, over the
 * shared {@link HttpTransport}. Running a command stays on the 1.2 context and command calls
 * ({@code api.rest12.Rest12Client}), which current workspaces still serve. Thread-safe; closing it closes the
 * transport.
 *
 * <pre>{@code
 * try (Rest2Client client = HttpTransport.builder(url).auth(Auth.bearer(token)).build(Rest2Client::new)) {
 *     client.uploadFile("/Volumes/main/ci/libs/app-1.2.3.jar", UploadSource.of(jar));
 *     client.installLibraries(clusterId, List.of(Library.jar("/Volumes/main/ci/libs/app-1.2.3.jar")));
 * }
 * }</pre>
 *
 * <p>What may be repeated after a lost answer: reads; an upload (never with overwrite, so a repeat cannot replace
 * another file: if the repeat finds the file our first attempt wrote, the upload counts as done); creating a
 * directory; deleting (a repeat that finds nothing left counts as done); install and uninstall (the server ignores
 * a library it already has, or never had). Start and restart are never repeated once they may have reached the
 * server.
 */
public final class Rest2Client implements AutoCloseable {

    /** A listing that hands out more pages than this is taken to be looping. */
    static final int MAX_PAGES = 10_000;

    /**
     * The {@code page_size} a cluster listing asks for. Without one the server's default decides, which the reference
     * does not give; the reference names no maximum either and says the server may send fewer than asked, so the
     * listing still follows {@code next_page_token}. At 100 a page, 1,000 clusters take ten requests.
     */
    static final int CLUSTERS_PAGE_SIZE = 100;

    private static final ObjectReader DIRECTORY_PAGE = HttpTransport.MAPPER.readerFor(DirectoryPage.class);
    private static final ObjectReader CLUSTER_PAGE = HttpTransport.MAPPER.readerFor(ClusterPage.class);
    private static final ObjectReader CLUSTER = HttpTransport.MAPPER.readerFor(ClusterDetails.class);
    private static final ObjectReader LIBRARY_STATUSES = HttpTransport.MAPPER.readerFor(ClusterLibraryStatuses.class);
    private static final ObjectReader ALL_STATUSES = HttpTransport.MAPPER.readerFor(AllStatuses.class);
    private static final ObjectReader ALLOWLIST = HttpTransport.MAPPER.readerFor(ArtifactAllowlist.class);
    private static final ObjectReader USER = HttpTransport.MAPPER.readerFor(CurrentUser.class);

    private static final String FILES = "/api/2.0/fs/files";
    private static final String DIRECTORIES = "/api/2.0/fs/directories";
    private static final ApiCall LIBRARIES_INSTALL = ApiCall.post("/api/2.0/libraries/install", true);
    private static final ApiCall LIBRARIES_UNINSTALL = ApiCall.post("/api/2.0/libraries/uninstall", true);
    private static final ApiCall LIBRARIES_CLUSTER_STATUS = ApiCall.get("/api/2.0/libraries/cluster-status");
    private static final ApiCall LIBRARIES_ALL_STATUSES = ApiCall.get("/api/2.0/libraries/all-cluster-statuses");
    private static final ApiCall CLUSTERS_LIST = ApiCall.get("/api/2.1/clusters/list");
    private static final ApiCall CLUSTERS_GET = ApiCall.get("/api/2.1/clusters/get");
    private static final ApiCall CLUSTERS_START = ApiCall.post("/api/2.1/clusters/start", false);
    private static final ApiCall CLUSTERS_RESTART = ApiCall.post("/api/2.1/clusters/restart", false);
    private static final ApiCall JAR_ALLOWLIST = ApiCall.get("/api/2.1/unity-catalog/artifact-allowlists/LIBRARY_JAR");
    private static final ApiCall SCIM_ME = ApiCall.get("/api/2.0/preview/scim/v2/Me");

    /** {@code {"contents": [...], "next_page_token": ...}}. */
    record DirectoryPage(
            @JsonProperty("contents") List<DirectoryEntry> contents,
            @JsonProperty("next_page_token") String nextPageToken) {}

    /** {@code {"clusters": [...], "next_page_token": ...}}. */
    record ClusterPage(
            @JsonProperty("clusters") List<ClusterDetails> clusters,
            @JsonProperty("next_page_token") String nextPageToken) {}

    /** {@code {"statuses": [...]}}. */
    record AllStatuses(@JsonProperty("statuses") List<ClusterLibraryStatuses> statuses) {}

    private final HttpTransport transport;

    /** The 2.x calls over {@code transport}; closing this client closes it. */
    public Rest2Client(HttpTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The transport the calls go through, e.g. to make the 1.2 client for commands on the same pool. */
    public HttpTransport transport() {
        return transport;
    }

    /** The normalised workspace URL. */
    public WorkspaceUrl workspaceUrl() {
        return transport.workspace();
    }

    // ---------------------------------------------------------------------------------------------- files

    /**
     * {@code PUT /api/2.0/fs/files{path}?overwrite=false}: streams {@code source} with its Content-Length, never
     * holding it in memory; each attempt re-opens the source. An existing file is never replaced: it fails with HTTP
     * 409 ({@link ErrorKind#RESOURCE_CONFLICT}). If a repeated attempt finds a file of exactly our size, the earlier
     * attempt is taken to have written it and the upload counts as done. Create the parent directory first
     * ({@link #createDirectory}): whether the server creates missing parents is not documented.
     */
    public void uploadFile(String path, UploadSource source) throws IOException {
        Objects.requireNonNull(source, "source");
        String encoded = FilesPath.encode(path, "file path");
        long length = source.length();
        ApiCall call = new ApiCall("PUT", FILES + encoded, true);
        try {
            transport.call(
                    call,
                    HttpTransport.request("PUT", () -> new UploadSourceEntity(source, length), "overwrite", "false"),
                    Rest2Client::discard,
                    true);
        } catch (DatabricksApiException e) {
            if (e.statusCode() == 409 && e.attempts() > 1) {
                try {
                    Optional<FileMetadata> there = findFile(path);
                    if (there.isPresent() && there.get().size() == length) {
                        return;
                    }
                } catch (IOException lookup) {
                    // The conflict is what the caller must see; the failed look is only context.
                    e.addSuppressed(lookup);
                }
            }
            throw e;
        }
    }

    /** {@code HEAD /api/2.0/fs/files{path}}: size, type and last-modified; a missing file fails with 404. */
    public FileMetadata fileMetadata(String path) throws IOException {
        String checked = FilesPath.check(path, "file path");
        ApiCall call = new ApiCall("HEAD", FILES + FilesPath.encode(checked, "file path"), true);
        return transport.callWithHeaders(
                call, HttpTransport.request("HEAD", null), (head, body) -> metadata(checked, head), false);
    }

    /** {@link #fileMetadata}, or empty when there is no such file. */
    public Optional<FileMetadata> findFile(String path) throws IOException {
        try {
            return Optional.of(fileMetadata(path));
        } catch (DatabricksApiException e) {
            if (e.kind().is(ErrorKind.NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code HEAD /api/2.0/fs/directories{path}}: whether the directory exists (and the caller may read it). The
     * cheapest way to check that a volume exists before uploading to it.
     */
    public boolean directoryExists(String path) throws IOException {
        ApiCall call = new ApiCall("HEAD", DIRECTORIES + FilesPath.encode(path, "directory path"), true);
        try {
            transport.call(call, HttpTransport.request("HEAD", null), Rest2Client::discard, false);
            return true;
        } catch (DatabricksApiException e) {
            if (e.kind().is(ErrorKind.NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    /** {@code GET /api/2.0/fs/directories{path}}: every entry, following {@code next_page_token} to the last page. */
    public List<DirectoryEntry> listDirectory(String path) throws IOException {
        return listDirectory(path, 0);
    }

    /** {@link #listDirectory(String)} asking for {@code pageSize} entries a page (0: the server's default). */
    public List<DirectoryEntry> listDirectory(String path, int pageSize) throws IOException {
        ApiCall call = new ApiCall("GET", DIRECTORIES + FilesPath.encode(path, "directory path"), true);
        List<DirectoryEntry> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int page = 1; ; page++) {
            DirectoryPage answer =
                    transport.call(call, HttpTransport.get(paging(pageSize, token)), json(DIRECTORY_PAGE), false);
            if (answer != null && answer.contents() != null) {
                answer.contents().stream().filter(Objects::nonNull).forEach(all::add);
            }
            token = answer == null ? null : answer.nextPageToken();
            if (token == null || token.isEmpty()) {
                return List.copyOf(all);
            }
            checkToken(call, seen, token, page);
        }
    }

    /** {@code PUT /api/2.0/fs/directories{path}}: creates the directory and its parents; an existing one is fine. */
    public void createDirectory(String path) throws IOException {
        ApiCall call = new ApiCall("PUT", DIRECTORIES + FilesPath.encode(path, "directory path"), true);
        // An empty body, so the PUT carries Content-Length: 0 (a proxy may refuse a PUT without one).
        transport.call(
                call,
                HttpTransport.request(
                        "PUT", () -> new ByteArrayEntity(new byte[0], ContentType.APPLICATION_OCTET_STREAM)),
                Rest2Client::discard,
                false);
    }

    /** {@code DELETE /api/2.0/fs/files{path}}; a missing file fails with 404, unless our own earlier attempt removed it. */
    public void deleteFile(String path) throws IOException {
        delete(new ApiCall("DELETE", FILES + FilesPath.encode(path, "file path"), true));
    }

    /**
     * {@code DELETE /api/2.0/fs/directories{path}}: only an empty directory; one that still holds entries fails with
     * HTTP 400 and {@link DatabricksApiException#reason()} {@code FILES_API_DIRECTORY_IS_NOT_EMPTY}.
     */
    public void deleteDirectory(String path) throws IOException {
        delete(new ApiCall("DELETE", DIRECTORIES + FilesPath.encode(path, "directory path"), true));
    }

    private void delete(ApiCall call) throws IOException {
        try {
            transport.call(call, HttpTransport.request("DELETE", null), Rest2Client::discard, false);
        } catch (DatabricksApiException e) {
            // The answer to an earlier attempt was lost after the server deleted it: the state asked for is reached.
            if (e.statusCode() == 404 && e.attempts() > 1) {
                return;
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------- libraries

    /**
     * {@code POST /api/2.0/libraries/install}: asynchronous; follow it with {@link #clusterLibraryStatuses}. On a
     * terminated cluster the libraries are installed at its next start; installing one it already has changes
     * nothing.
     */
    public void installLibraries(String clusterId, List<Library> libraries) throws IOException {
        postJson(LIBRARIES_INSTALL, libraryRequest(clusterId, libraries));
    }

    /**
     * {@code POST /api/2.0/libraries/uninstall}: the libraries are marked {@code UNINSTALL_ON_RESTART} and leave at the
     * next restart. Name each exactly as it was installed.
     */
    public void uninstallLibraries(String clusterId, List<Library> libraries) throws IOException {
        postJson(LIBRARIES_UNINSTALL, libraryRequest(clusterId, libraries));
    }

    /** {@code GET /api/2.0/libraries/cluster-status}: every library on one cluster and its status. */
    public ClusterLibraryStatuses clusterLibraryStatuses(String clusterId) throws IOException {
        String id = required(clusterId, "cluster id");
        ClusterLibraryStatuses statuses = transport.call(
                LIBRARIES_CLUSTER_STATUS, HttpTransport.get("cluster_id", id), json(LIBRARY_STATUSES), false);
        if (statuses == null) {
            return new ClusterLibraryStatuses(id, List.of());
        }
        return statuses.clusterId() == null ? new ClusterLibraryStatuses(id, statuses.libraryStatuses()) : statuses;
    }

    /** {@code GET /api/2.0/libraries/all-cluster-statuses}: the libraries of every cluster that has any. */
    public List<ClusterLibraryStatuses> allClusterLibraryStatuses() throws IOException {
        AllStatuses all = transport.call(LIBRARIES_ALL_STATUSES, HttpTransport.get(), json(ALL_STATUSES), false);
        if (all == null || all.statuses() == null) {
            return List.of();
        }
        return all.statuses().stream().filter(Objects::nonNull).toList();
    }

    // ---------------------------------------------------------------------------------------------- clusters

    /**
     * {@code GET /api/2.1/clusters/list}: every cluster (pinned, active, and terminated within 30 days), following
     * {@code next_page_token} to the last page, asking for {@link #CLUSTERS_PAGE_SIZE} a page.
     */
    public List<ClusterDetails> listClusters() throws IOException {
        return listClusters(CLUSTERS_PAGE_SIZE);
    }

    /** {@link #listClusters()} asking for {@code pageSize} clusters a page (0: the server's default). */
    public List<ClusterDetails> listClusters(int pageSize) throws IOException {
        List<ClusterDetails> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int page = 1; ; page++) {
            ClusterPage answer = transport.call(
                    CLUSTERS_LIST, HttpTransport.get(paging(pageSize, token)), json(CLUSTER_PAGE), false);
            if (answer != null && answer.clusters() != null) {
                answer.clusters().stream().filter(Objects::nonNull).forEach(all::add);
            }
            token = answer == null ? null : answer.nextPageToken();
            if (token == null || token.isEmpty()) {
                return List.copyOf(all);
            }
            checkToken(CLUSTERS_LIST, seen, token, page);
        }
    }

    /**
     * {@code GET /api/2.1/clusters/get}. A missing id is {@link ErrorKind#RESOURCE_DOES_NOT_EXIST} (the server says
     * 400 INVALID_PARAMETER_VALUE, which the SDKs, and this client, read as not found).
     */
    public ClusterDetails getCluster(String clusterId) throws IOException {
        String id = required(clusterId, "cluster id");
        ClusterDetails cluster =
                transport.call(CLUSTERS_GET, HttpTransport.get("cluster_id", id), json(CLUSTER), false);
        if (cluster == null || cluster.clusterId() == null) {
            throw new DatabricksApiException(
                    CLUSTERS_GET.description(), 200, 1, null, "the answer describes no cluster", null, null);
        }
        return cluster;
    }

    /**
     * {@code POST /api/2.1/clusters/start}: from TERMINATED it goes PENDING, then RUNNING. Not repeated once it may
     * have reached the server; in another state the server answers {@link ErrorKind#INVALID_STATE} (or does nothing).
     */
    public void startCluster(String clusterId) throws IOException {
        postJson(CLUSTERS_START, Map.of("cluster_id", required(clusterId, "cluster id")));
    }

    /**
     * {@code POST /api/2.1/clusters/restart}: a RUNNING cluster goes RESTARTING, then RUNNING, and drops the
     * libraries marked {@code UNINSTALL_ON_RESTART}. Not repeated once it may have reached the server (a second restart
     * would interrupt the first); a cluster that is not running answers {@link ErrorKind#INVALID_STATE}.
     */
    public void restartCluster(String clusterId) throws IOException {
        postJson(CLUSTERS_RESTART, Map.of("cluster_id", required(clusterId, "cluster id")));
    }

    // ---------------------------------------------------------------------------------------------- identity,
    // allowlist

    /**
     * {@code GET /api/2.1/unity-catalog/artifact-allowlists/LIBRARY_JAR}: read only. Needs a metastore admin or
     * {@code MANAGE ALLOWLIST}; without it, HTTP 403 ({@link ErrorKind#PERMISSION_DENIED}).
     */
    public ArtifactAllowlist jarAllowlist() throws IOException {
        ArtifactAllowlist list = transport.call(JAR_ALLOWLIST, HttpTransport.get(), json(ALLOWLIST), false);
        return list == null ? new ArtifactAllowlist(List.of(), null, null, 0) : list;
    }

    /** {@code GET /api/2.0/preview/scim/v2/Me}: who the credentials belong to. */
    public CurrentUser currentUser() throws IOException {
        CurrentUser me = transport.call(SCIM_ME, HttpTransport.get(), json(USER), false);
        if (me == null || me.principal() == null) {
            throw new DatabricksApiException(
                    SCIM_ME.description(), 200, 1, null, "the answer names no user", null, null);
        }
        return me;
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private static Map<String, Object> libraryRequest(String clusterId, List<Library> libraries) {
        String id = required(clusterId, "cluster id");
        if (libraries == null || libraries.isEmpty() || libraries.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("No libraries given: pass at least one, e.g. Library.jar(path).");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cluster_id", id);
        body.put("libraries", List.copyOf(libraries));
        return body;
    }

    private void postJson(ApiCall call, Map<String, ?> body) throws IOException {
        byte[] bytes = HttpTransport.MAPPER.writeValueAsBytes(body);
        transport.call(
                call,
                HttpTransport.post(() -> new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON)),
                Rest2Client::discard,
                false);
    }

    private static String[] paging(int pageSize, String token) {
        if (pageSize < 0) {
            throw new IllegalArgumentException(
                    "The page size must not be negative (0 = the server's default), got " + pageSize);
        }
        List<String> params = new ArrayList<>(4);
        if (pageSize > 0) {
            params.add("page_size");
            params.add(String.valueOf(pageSize));
        }
        if (token != null) {
            params.add("page_token");
            params.add(token);
        }
        return params.toArray(String[]::new);
    }

    /** A token handed out twice, or pages without end, would loop forever: fail clearly instead. */
    private static void checkToken(ApiCall call, Set<String> seen, String token, int page)
            throws DatabricksApiException {
        if (!seen.add(token) || page >= MAX_PAGES) {
            throw new DatabricksApiException(
                    call.description(),
                    200,
                    1,
                    null,
                    "the listing does not end (page " + page + " repeats a page token or passes " + MAX_PAGES
                            + " pages)",
                    null,
                    null);
        }
    }

    private static FileMetadata metadata(String path, HttpResponse head) {
        Header length = head.getFirstHeader(HttpHeaders.CONTENT_LENGTH);
        Header type = head.getFirstHeader(HttpHeaders.CONTENT_TYPE);
        Header modified = head.getFirstHeader(HttpHeaders.LAST_MODIFIED);
        long size = -1;
        if (length != null) {
            try {
                size = Long.parseLong(length.getValue().strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
        }
        return new FileMetadata(
                path,
                size,
                type == null ? null : type.getValue(),
                modified == null ? null : httpDate(modified.getValue()));
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT))
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static <T> HttpTransport.BodyReader<T> json(ObjectReader reader) {
        return reader::readValue;
    }

    /** Bodies of {@code {}} or nothing at all are both fine where nothing is returned. */
    private static Void discard(InputStream body) throws IOException {
        body.transferTo(OutputStream.nullOutputStream());
        return null;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + field + " is empty: pass the " + field + " to use.");
        }
        return value.strip();
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "Rest2Client[" + transport.workspace() + "]";
    }
}
