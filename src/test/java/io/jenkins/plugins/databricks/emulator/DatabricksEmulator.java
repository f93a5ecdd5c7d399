package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A stateful, deliberately unforgiving Databricks server for tests, with two faces over one state model: REST 1.2
 * (below) and REST 2.x (Files API on volumes, Clusters 2.1, Libraries 2.0, the artifact allowlist, SCIM Me; one
 * {@link Service} each, see {@code docs/emulator.md}). It runs on a real HTTP listener on loopback
 * (the JDK's {@code com.sun.net.httpserver}, so it stays clear of the Jenkins test harness's Jetty). See
 * {@code docs/emulator.md} for the whole behaviour; the choices made where the real service's behaviour is unknown:
 *
 * <ul>
 *   <li><b>Errors.</b> 1.2 errors are {@code {"error":"<Exception>: <message>"}}. Unknown ids → HTTP 500 {@code
 *       NoSuchElementException} (real status unknown; sbt-databricks saw this exception name). Missing or invalid
 *       parameters → 400 {@code IllegalArgumentException}. Name conflict on upload → 500 {@code NameConflictException:
 *       Node named '<name>' already exists} (real). Context on a cluster that is not running → 500 {@code
 *       ClusterNotReadyException} (real name). Command in a context that is not Running → 500 {@code
 *       ContextNotReadyException} (emulator's choice). Unknown endpoint → 404, wrong method → 405.
 *   <li><b>Clusters.</b> {@code clusters/restart} of a Running cluster goes Pending for {@link
 *       Settings#restartDuration()} then Running; restart of a Terminated (or Terminating, Error) cluster starts it
 *       the same way (1.2 behaviour unknown); restart of a cluster already Pending is a no-op. {@code
 *       clusters/delete} terminates: Terminating for {@link Settings#terminateDuration()}, then Terminated.
 *       Leaving Running unloads every library and fails contexts (Error) and unfinished commands (Error).
 *   <li><b>Libraries.</b> Unique per (folder, name) among libraries not deleted; folder stored without trailing
 *       slash; numeric string ids; {@code files} = {@code ["<hash>-<name>"]}; {@code scala} accepted and reported as
 *       {@code java-jar}. {@code libraries/status} lists every known cluster (unrelated ones as {@code Detached}).
 *       Per-cluster statuses: see {@link LibraryClusterStatus} (only Attached/Detached are real strings). Attach to a
 *       running cluster → Attached at once (or Installing for {@link Settings#attachDelay()}); to a non-running one
 *       → Pending until it runs. Detach / delete of a library loaded on a running cluster → DetachPending /
 *       DeletedPendingRestart until that cluster restarts. A deleted library vanishes from {@code libraries/list}
 *       and {@code libraries/status} at once (its workspace node is gone) and its name is free for a new upload.
 *       {@code __ALL_CLUSTERS} sets / clears {@code attachAllClusters}.
 *   <li><b>Auth.</b> See {@link Authentication}: 401 with a Basic challenge when credentials are missing or a
 *       password is wrong, 403 for a bad or expired token (HTML or JSON, {@link Settings#forbiddenStyle()}).
 *       {@link #expireToken()} invalidates the current token and makes a new one current. OAuth (discovery, token
 *       endpoint, Entra ID, minted tokens that expire): see {@link EmulatedOAuth}. Other paths outside {@code
 *       /api/} answer 200 with an HTML sign-in page, as the real workspace did for wrong base URLs.
 *   <li><b>Faults</b> are checked before authentication; see {@link Faults}.
 * </ul>
 */
public final class DatabricksEmulator implements AutoCloseable {

    static {
        // The JDK server leaves Nagle's algorithm on; with the client's delayed ACKs every small response then
        // waits ~40 ms, which would make the emulator, not the plugin, dominate every deploy it serves.
        // The JDK reads this once, when its first server is created, so it must be set before that.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Pattern SECRET_PARAM = Pattern.compile("(?i).*(token|password|secret|authorization).*");
    private static final String SIGN_IN_PAGE = "<!DOCTYPE html>\n<html><head><title>Databricks - Sign In</title></head>"
            + "<body><div id=\"login-page\">Sign in to Databricks</div></body></html>\n";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Settings settings = new Settings();
    private final UnityCatalog catalog;
    private final Workspace workspace;
    private final Journal journal = new Journal();
    private final ServiceLimits limits = new ServiceLimits(settings, journal);
    private final Faults faults = new Faults();
    private final Authentication authentication = new Authentication(settings);
    private final ObjectMapper json = new ObjectMapper();
    private final RequestReader reader = new RequestReader(json);
    private final List<Service> services;
    private final JobRuns jobs;
    private final EmulatedOAuth oauth = new EmulatedOAuth(settings, json, this::url);

    private DatabricksEmulator(int port) throws IOException {
        // The emulator speaks plain http on loopback, which the client refuses without this (WorkspaceUrl).
        System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, "true");
        catalog = new UnityCatalog(settings);
        workspace = new Workspace(settings, catalog);
        jobs = new JobRuns(
                workspace,
                settings,
                TaskLibraries.either(new WorkspaceTaskLibraries(workspace), new VolumeTaskLibraries(workspace)));
        services = List.of(
                new ApiRouter(workspace, settings, json),
                new FilesService(catalog, settings, json),
                new ClustersService(workspace, settings, json),
                new LibrariesService(workspace, json),
                new AllowlistService(catalog, settings, json),
                new ScimService(json),
                new RunsApi(jobs, json, this::url),
                new UnknownEndpoints(json));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        // More threads than the Files API's 10-at-once limit, so that limit can be met at all.
        executor = Executors.newFixedThreadPool(16, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", limits.guard(this::handle));
        server.start();
    }

    /** Starts on 127.0.0.1 on an ephemeral port, with no clusters and no users. */
    public static DatabricksEmulator start() {
        return start(0);
    }

    /** Starts on 127.0.0.1 on {@code port} (0 = ephemeral). */
    public static DatabricksEmulator start(int port) {
        try {
            return new DatabricksEmulator(port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Databricks emulator on port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** A valid personal access token (a new one after {@link #expireToken()}). */
    public String token() {
        return authentication.currentToken();
    }

    /** The current token becomes invalid (403 from now on); {@link #token()} returns a new valid one. */
    public void expireToken() {
        authentication.expireCurrentToken();
    }

    /** Accepts Basic {@code user:password} from now on. The user name {@code token} is reserved for PATs. */
    public void addUser(String user, String password) {
        authentication.addUser(user, password);
    }

    /**
     * A new valid token that authenticates {@code userName} (what SCIM Me answers for it); {@link #token()} stays
     * the current one.
     */
    public String issueToken(String userName) {
        return authentication.issue(userName);
    }

    /**
     * Adds a cluster, seen by both faces. Configure its 2.x side on the handle: {@code .accessMode(..)}, {@code
     * .singleUser(name)}, {@code .source(ClusterSource.JOB)}, {@code .sparkVersion(..)}.
     */
    public EmulatedCluster addCluster(String id, String name, ClusterState state) {
        return workspace.addCluster(id, name, state);
    }

    /** The OAuth side: service principals, federation policies, Entra applications, token lifetimes. */
    public EmulatedOAuth oauth() {
        return oauth;
    }

    /** Adds a Unity Catalog volume, served by the Files API at {@code /Volumes/catalog/schema/name}. */
    public EmulatedVolume addVolume(String catalog, String schema, String name) {
        return this.catalog.addVolume(catalog, schema, name);
    }

    public List<EmulatedVolume> volumes() {
        return catalog.volumes();
    }

    /** The volume {@code catalog.schema.name}. */
    public EmulatedVolume volume(String fullName) {
        return catalog.inspectVolume(fullName);
    }

    /** Creates a directory (and its parents) in a volume, as {@code PUT /api/2.0/fs/directories} would. */
    public void catalogDirectory(String path) {
        catalog.createDirectories(path);
    }

    /** The file stored at {@code /Volumes/...}, or null. */
    public EmulatedFile file(String path) {
        return catalog.file(path);
    }

    /** Every stored file, by path. */
    public List<EmulatedFile> files() {
        return catalog.files();
    }

    /** The metastore's artifact allowlists (empty at start); set them here for test setup. */
    public ArtifactAllowlists allowlists() {
        return catalog.allowlists();
    }

    public Journal journal() {
        return journal;
    }

    public Faults faults() {
        return faults;
    }

    public Settings settings() {
        return settings;
    }

    public ServiceLimits limits() {
        return limits;
    }

    public List<EmulatedCluster> clusters() {
        return workspace.clusters();
    }

    public EmulatedCluster cluster(String id) {
        return workspace.inspectCluster(id);
    }

    /** Every library ever uploaded, deleted ones included (see {@link EmulatedLibrary#deleted()}). */
    public List<EmulatedLibrary> libraries() {
        return workspace.allLibraries();
    }

    public EmulatedLibrary library(String id) {
        return workspace.inspectLibrary(id);
    }

    /** The Jobs service's one-time runs ({@code /api/2.2/jobs/runs/*}): its knobs and every run submitted. */
    public JobRuns jobs() {
        return jobs;
    }

    public List<EmulatedContext> contexts() {
        return workspace.contexts();
    }

    public EmulatedContext context(String id) {
        return workspace.inspectContext(id);
    }

    public List<EmulatedCommand> commands() {
        return workspace.commands();
    }

    public EmulatedCommand command(String id) {
        return workspace.inspectCommand(id);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catalog.close();
    }

    @Override
    public String toString() {
        return "DatabricksEmulator[" + url() + "]";
    }

    // ------------------------------------------------------------------------------------------------ serving

    private Service serviceFor(String path) {
        for (Service s : services) {
            if (s.serves(path)) {
                return s;
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) {
        ApiRequest request = new ApiRequest(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath());
        request.headers(exchange.getRequestHeaders());
        RequestReader.addQuery(request, exchange.getRequestURI().getRawQuery());
        Faults.Fault fault = faults.take(request.path());
        String faultName = fault == null ? null : fault.kind.name();
        boolean recorded = false;
        try {
            ApiResponse immediate = fault == null ? null : applyFault(fault, exchange, request);
            if (immediate == null && fault != null && isDrop(fault.kind)) {
                record(request, JournalEntry.NO_RESPONSE, faultName);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (immediate == null && oauth.serves(request.path())) {
                // Token endpoints answer without workspace credentials.
                reader.readBody(exchange, request, oauth);
                immediate = oauth.route(request);
            }
            Service service = serviceFor(request.path());
            if (immediate == null && service == null) {
                immediate = ApiResponse.html(200, SIGN_IN_PAGE);
            }
            if (immediate == null) {
                ApiResponse minted = oauth.checkAccess(authorization);
                if (minted == EmulatedOAuth.ACCEPTED) {
                    request.caller(oauth.principalOf(authorization));
                } else if (minted != null) {
                    immediate = minted;
                } else {
                    immediate = authentication.check(authorization, request.path());
                    if (immediate == null) {
                        request.caller(authentication.callerOf(authorization));
                    }
                }
            }
            if (immediate != null) {
                recorded = true;
                respond(exchange, request, immediate, faultName);
                return;
            }
            ApiResponse response;
            try {
                reader.readBody(exchange, request, service);
                response = service.route(request);
            } catch (ApiException e) {
                response = service.error(e, request);
            }
            if (fault != null && fault.kind == Faults.Kind.LOSE_RESPONSE_AFTER_SUCCESS) {
                record(request, JournalEntry.NO_RESPONSE, faultName);
                return;
            }
            recorded = true;
            respond(exchange, request, response, faultName);
        } catch (IOException | RuntimeException e) {
            if (!recorded) {
                // The client went away mid-request or the request was unreadable: nothing to answer on.
                record(request, JournalEntry.NO_RESPONSE, faultName);
            }
        } finally {
            // Closing an exchange whose response was never started closes the connection: that is the "drop".
            exchange.close();
        }
    }

    /**
     * Journals before answering, so that a test which has its answer always finds the entry (recording after the
     * send raced with the client's next assertion).
     */
    private void respond(HttpExchange exchange, ApiRequest request, ApiResponse response, String fault)
            throws IOException {
        record(request, response.status(), fault);
        send(exchange, request, response);
    }

    private static boolean isDrop(Faults.Kind kind) {
        return kind == Faults.Kind.DROP_CONNECTION || kind == Faults.Kind.DROP_DURING_UPLOAD;
    }

    private static boolean isRest2(String path) {
        return path.startsWith("/api/2.");
    }

    /** The answer a fault gives instead of the real one, or null to go on (latency, drops, lost response). */
    private ApiResponse applyFault(Faults.Fault fault, HttpExchange exchange, ApiRequest request) throws IOException {
        switch (fault.kind) {
            case TOO_MANY_REQUESTS:
                ApiResponse limited = ApiResponse.json(
                        429,
                        faultBody(
                                request,
                                "REQUEST_LIMIT_EXCEEDED",
                                "Your request was rejected due to API rate limiting. Please retry your request"
                                        + " later."));
                return retryAfter(limited, fault);
            case TEMPORARILY_UNAVAILABLE:
                return retryAfter(
                        ApiResponse.json(
                                503,
                                faultBody(
                                        request,
                                        "TEMPORARILY_UNAVAILABLE",
                                        "The service is temporarily unavailable. Please try again later.")),
                        fault);
            case INTERNAL_ERROR:
                return ApiResponse.json(500, faultBody(request, "INTERNAL_ERROR", "Internal error occurred."));
            case GATEWAY_UNAVAILABLE:
                return ApiResponse.of(
                        503,
                        "text/plain;charset=utf-8",
                        "No webapps are available to handle your request. Please try again later.");
            case INTERNAL_ERROR_HTML:
                return ApiResponse.jettyErrorPage(500, "Server Error", request.path());
            case V1_APIS_DISABLED:
                return ApiResponse.jettyErrorPage(
                        400,
                        "The V1 APIs for clusters and libraries are disabled. Please use the V2 APIs.",
                        request.path());
            case LATENCY:
                sleep(fault.latency.toMillis());
                return null;
            case DROP_DURING_UPLOAD:
                InputStream body = exchange.getRequestBody();
                long toRead = fault.number;
                byte[] buffer = new byte[8192];
                while (toRead > 0) {
                    int n = body.read(buffer, 0, (int) Math.min(buffer.length, toRead));
                    if (n < 0) {
                        break;
                    }
                    toRead -= n;
                }
                return null;
            case DROP_CONNECTION:
            case LOSE_RESPONSE_AFTER_SUCCESS:
            default:
                return null;
        }
    }

    /** A fault's JSON body: the 2.x shape (with a RequestInfo) on a 2.x path, the bare code and message on 1.2. */
    private String faultBody(ApiRequest request, String code, String message) {
        Object body = isRest2(request.path())
                ? Rest2Service.errorBody(code, message, null, null, request)
                : Rest2Service.ordered("error_code", code, "message", message);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiResponse retryAfter(ApiResponse response, Faults.Fault fault) {
        return switch (fault.retryAfter) {
            case SECONDS -> response.withHeader("Retry-After", Long.toString(fault.number));
            case HTTP_DATE ->
                response.withHeader(
                        "Retry-After",
                        HttpDates.format(settings.clock().instant().plusSeconds(fault.number)));
            case NONE -> response;
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads what is left of the request body first: the JDK server sends {@code 100 Continue} on its own, so the
     * client is sending the body anyway, and closing with unread bytes would reset the connection and lose the
     * answer (the server drains only 64 KiB by itself). A HEAD answer keeps its {@code Content-Length} header and
     * sends no body.
     */
    private static void send(HttpExchange exchange, ApiRequest request, ApiResponse response) throws IOException {
        try (InputStream rest = exchange.getRequestBody()) {
            rest.transferTo(OutputStream.nullOutputStream());
        }
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if ("HEAD".equals(request.method()) || response.status() == 204) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        if (response.stream() != null) {
            long length = response.stream().length();
            exchange.sendResponseHeaders(response.status(), length == 0 ? -1 : length);
            if (length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    response.stream().writeTo(out);
                }
            }
            return;
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void record(ApiRequest request, int status, String fault) {
        Map<String, String> params = new LinkedHashMap<>();
        request.params().forEach((k, v) -> {
            if (!SECRET_PARAM.matcher(k).matches()) {
                params.put(k, v);
            }
        });
        journal.record(new JournalEntry(
                request.method().toUpperCase(Locale.ROOT),
                request.path(),
                params,
                request.parts(),
                status,
                fault,
                request.mutated()));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "databricks-emulator-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs standalone; see {@link EmulatorMain}. */
    public static void main(String[] args) throws InterruptedException {
        EmulatorMain.main(args);
    }
}
