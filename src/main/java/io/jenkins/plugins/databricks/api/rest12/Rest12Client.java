package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.UploadSourceBody;
import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;

/**
 * Typed calls for the Databricks REST API 1.2 endpoints a deploy needs: clusters, execution contexts, commands and
 * workspace libraries, over the shared {@link HttpTransport}. Thread-safe; closing it closes the transport.
 *
 * <pre>{@code
 * try (Rest12Client client = HttpTransport.builder("https://dbc-123.cloud.databricks.com")
 *         .auth(Auth.bearer(token))
 *         .build(Rest12Client::new)) {
 *     List<Cluster> clusters = client.listClusters();
 * }
 * }</pre>
 *
 * <p>Failures surface as {@link DatabricksApiException}. Transient failures are retried according to the
 * {@link RetryPolicy}; POSTs that are not safe to repeat (upload, execute, create, delete, restart, cancel, destroy)
 * are not retried once the request may have reached the server, e.g. when the answer to an upload is lost.
 *
 * <p>Request encodings: JSON for most POSTs (what current clients send); form-urlencoded for
 * {@code libraries/delete} (what both known 1.2 clients sent); multipart for uploads and command files.
 */
public final class Rest12Client implements AutoCloseable {

    /** The cluster id that {@code libraries/attach} and {@code detach} read as "all clusters automatically". */
    public static final String ALL_CLUSTERS = "__ALL_CLUSTERS";

    private static final ObjectReader CLUSTERS = HttpTransport.MAPPER.readerFor(new TypeReference<List<Cluster>>() {});
    private static final ObjectReader CLUSTER = HttpTransport.MAPPER.readerFor(Cluster.class);
    private static final ObjectReader CONTEXT = HttpTransport.MAPPER.readerFor(ContextInfo.class);
    private static final ObjectReader COMMAND = HttpTransport.MAPPER.readerFor(CommandInfo.class);
    private static final ObjectReader LIBRARIES = HttpTransport.MAPPER.readerFor(new TypeReference<List<Library>>() {});
    private static final ObjectReader LIBRARY_STATUS = HttpTransport.MAPPER.readerFor(LibraryStatus.class);
    private static final ObjectReader ID = HttpTransport.MAPPER.readerFor(IdAnswer.class);
    private static final ContentType TEXT_UTF8 = ContentType.create("text/plain", StandardCharsets.UTF_8);

    /** {@code {"id": ...}}; other fields ignored. */
    record IdAnswer(String id) {}

    private final HttpTransport transport;

    /** The 1.2 calls over {@code transport}; closing this client closes it. */
    public Rest12Client(HttpTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The transport the calls go through, e.g. to make a client for another API version on the same pool. */
    public HttpTransport transport() {
        return transport;
    }

    /** The normalised workspace URL. */
    public WorkspaceUrl workspaceUrl() {
        return transport.workspace();
    }

    /** The User-Agent sent with every request. */
    public String userAgent() {
        return transport.userAgent();
    }

    // ---------------------------------------------------------------------------------------------- clusters

    /** {@code GET clusters/list}: every cluster. Also the cheapest way to check the credentials. */
    public List<Cluster> listClusters() throws IOException {
        return getList(Endpoint.CLUSTERS_LIST, CLUSTERS);
    }

    /** {@code GET clusters/status}: one cluster. */
    public Cluster clusterStatus(String clusterId) throws IOException {
        return get(Endpoint.CLUSTERS_STATUS, CLUSTER, "clusterId", required(clusterId, "cluster id"));
    }

    /** {@code POST clusters/restart}. */
    public void restartCluster(String clusterId) throws IOException {
        postJson(Endpoint.CLUSTERS_RESTART, "clusterId", required(clusterId, "cluster id"));
    }

    /** {@code POST clusters/delete}: terminates the cluster. */
    public void deleteCluster(String clusterId) throws IOException {
        postJson(Endpoint.CLUSTERS_DELETE, "clusterId", required(clusterId, "cluster id"));
    }

    // ---------------------------------------------------------------------------------------------- contexts

    /** {@code POST contexts/create}; returns the context id. */
    public String createContext(String clusterId, Language language) throws IOException {
        Objects.requireNonNull(language, "language");
        return postForId(
                Endpoint.CONTEXTS_CREATE,
                jsonPost("language", language.wireValue(), "clusterId", required(clusterId, "cluster id")),
                false);
    }

    /** {@code GET contexts/status}. */
    public ContextInfo contextStatus(String clusterId, String contextId) throws IOException {
        return get(
                Endpoint.CONTEXTS_STATUS,
                CONTEXT,
                "clusterId",
                required(clusterId, "cluster id"),
                "contextId",
                required(contextId, "context id"));
    }

    /** {@code POST contexts/destroy}. */
    public void destroyContext(String clusterId, String contextId) throws IOException {
        postJson(
                Endpoint.CONTEXTS_DESTROY,
                "clusterId",
                required(clusterId, "cluster id"),
                "contextId",
                required(contextId, "context id"));
    }

    // ---------------------------------------------------------------------------------------------- commands

    /** {@code POST commands/execute} with the command text; returns the command id. */
    public String executeCommand(String clusterId, String contextId, Language language, String command)
            throws IOException {
        Objects.requireNonNull(language, "language");
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("The command is empty: enter the code to run.");
        }
        return postForId(
                Endpoint.COMMANDS_EXECUTE,
                jsonPost(
                        "language",
                        language.wireValue(),
                        "clusterId",
                        required(clusterId, "cluster id"),
                        "contextId",
                        required(contextId, "context id"),
                        "command",
                        command),
                false);
    }

    /**
     * {@code POST commands/execute} with the command as a file, sent as a multipart file part named {@code command};
     * returns the command id.
     */
    public String executeCommandFile(String clusterId, String contextId, Language language, UploadSource commandFile)
            throws IOException {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(commandFile, "commandFile");
        String cluster = required(clusterId, "cluster id");
        String context = required(contextId, "context id");
        long length = commandFile.length();
        return postForId(
                Endpoint.COMMANDS_EXECUTE,
                HttpTransport.post(() -> MultipartEntityBuilder.create()
                        .addTextBody("language", language.wireValue(), TEXT_UTF8)
                        .addTextBody("clusterId", cluster, TEXT_UTF8)
                        .addTextBody("contextId", context, TEXT_UTF8)
                        .addPart("command", new UploadSourceBody(commandFile, length))
                        .build()),
                true);
    }

    /** {@code GET commands/status}. */
    public CommandInfo commandStatus(String clusterId, String contextId, String commandId) throws IOException {
        return get(
                Endpoint.COMMANDS_STATUS,
                COMMAND,
                "clusterId",
                required(clusterId, "cluster id"),
                "contextId",
                required(contextId, "context id"),
                "commandId",
                required(commandId, "command id"));
    }

    /** {@code POST commands/cancel}; cancellation is asynchronous (the command passes through Cancelling). */
    public void cancelCommand(String clusterId, String contextId, String commandId) throws IOException {
        postJson(
                Endpoint.COMMANDS_CANCEL,
                "clusterId",
                required(clusterId, "cluster id"),
                "contextId",
                required(contextId, "context id"),
                "commandId",
                required(commandId, "command id"));
    }

    // ---------------------------------------------------------------------------------------------- libraries

    /** {@code GET libraries/list}: every workspace library. */
    public List<Library> listLibraries() throws IOException {
        return getList(Endpoint.LIBRARIES_LIST, LIBRARIES);
    }

    /** {@code GET libraries/status}: a library and its state per cluster. */
    public LibraryStatus libraryStatus(String libraryId) throws IOException {
        return get(Endpoint.LIBRARIES_STATUS, LIBRARY_STATUS, "libraryId", required(libraryId, "library id"));
    }

    /**
     * {@code POST libraries/upload}: streams the file as the multipart part {@code uri}; returns the library id. A
     * name already used in the folder fails with {@link DatabricksApiException#isNameConflict()}. Not retried once
     * the bytes may have reached the server.
     */
    public String uploadLibrary(LibraryUpload upload) throws IOException {
        Objects.requireNonNull(upload, "upload");
        long length = upload.source().length();
        return postForId(
                Endpoint.LIBRARIES_UPLOAD,
                HttpTransport.post(() -> {
                    MultipartEntityBuilder multipart = MultipartEntityBuilder.create()
                            .addTextBody("name", upload.name(), TEXT_UTF8)
                            .addTextBody("libType", upload.libType(), TEXT_UTF8)
                            .addTextBody("folder", upload.folder(), TEXT_UTF8);
                    if (upload.attachToAllClusters()) {
                        multipart.addTextBody("attachToAllClusters", "true", TEXT_UTF8);
                    }
                    return multipart
                            .addPart("uri", new UploadSourceBody(upload.source(), length))
                            .build();
                }),
                true);
    }

    /**
     * {@code POST libraries/delete}. A library still attached to a running cluster stays loaded there until that
     * cluster restarts.
     */
    public void deleteLibrary(String libraryId) throws IOException {
        String id = required(libraryId, "library id");
        transport.call(
                Endpoint.LIBRARIES_DELETE.call,
                HttpTransport.post(() -> new UrlEncodedFormEntity(
                        List.of(new BasicNameValuePair("libraryId", id)), StandardCharsets.UTF_8)),
                Rest12Client::discard,
                false);
    }

    /** {@code POST libraries/attach}; {@code clusterId} may be {@link #ALL_CLUSTERS}. */
    public void attachLibrary(String libraryId, String clusterId) throws IOException {
        postJson(
                Endpoint.LIBRARIES_ATTACH,
                "libraryId",
                required(libraryId, "library id"),
                "clusterId",
                required(clusterId, "cluster id"));
    }

    /** {@code POST libraries/detach}; takes effect on a running cluster at its next restart. */
    public void detachLibrary(String libraryId, String clusterId) throws IOException {
        postJson(
                Endpoint.LIBRARIES_DETACH,
                "libraryId",
                required(libraryId, "library id"),
                "clusterId",
                required(clusterId, "cluster id"));
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    /** A GET whose answer {@code reader} maps to the typed result; {@code params} are name, value pairs. */
    private <T> T get(Endpoint endpoint, ObjectReader reader, String... params) throws IOException {
        return transport.call(endpoint.call, HttpTransport.get(params), json(reader), false);
    }

    /** A GET of a bare JSON array; a JSON {@code null} reads as an empty list. */
    private <T> List<T> getList(Endpoint endpoint, ObjectReader reader) throws IOException {
        List<T> items = get(endpoint, reader);
        return items == null ? List.of() : List.copyOf(items);
    }

    private void postJson(Endpoint endpoint, String... fields) throws IOException {
        transport.call(endpoint.call, jsonPost(fields), Rest12Client::discard, false);
    }

    /**
     * A POST answered with {@code {"id": ...}}; returns the id. {@code multipart} asks for 100-continue before the
     * body is sent.
     */
    private String postForId(Endpoint endpoint, HttpTransport.RequestFactory request, boolean multipart)
            throws IOException {
        IdAnswer answer = transport.call(endpoint.call, request, json(ID), multipart);
        if (answer == null || answer.id() == null || answer.id().isBlank()) {
            throw new DatabricksApiException(
                    endpoint.description(), 200, 1, null, "the answer carries no id", null, null);
        }
        return answer.id();
    }

    private static HttpTransport.RequestFactory jsonPost(String... fields) throws IOException {
        ObjectNode body = HttpTransport.MAPPER.createObjectNode();
        for (int i = 0; i < fields.length; i += 2) {
            body.put(fields[i], fields[i + 1]);
        }
        byte[] bytes = HttpTransport.MAPPER.writeValueAsBytes(body);
        return HttpTransport.post(() -> new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON));
    }

    private static <T> HttpTransport.BodyReader<T> json(ObjectReader reader) {
        return reader::readValue;
    }

    /** Bodies of {@code {}}, {@code {"id": ...}} or nothing at all are all fine where nothing is returned. */
    private static Void discard(InputStream body) throws IOException {
        body.transferTo(OutputStream.nullOutputStream());
        return null;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + field + " is empty: pass the " + field + " to use.");
        }
        return value;
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "Rest12Client[" + transport.workspace() + "]";
    }
}
