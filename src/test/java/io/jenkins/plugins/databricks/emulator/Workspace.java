package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The emulated workspace: clusters, libraries, contexts and commands, and every rule about how they change. One lock
 * (this object) guards all of it. Time-based transitions are not driven by timers: {@link #tick()} evaluates what is
 * due on the {@link Settings#clock()} whenever anything is read or changed, replaying transitions at the instants
 * they were due (so a {@link ManualClock} jumping far ahead still passes through every intermediate state's effects).
 */
final class Workspace {

    static final String ALL_CLUSTERS = "__ALL_CLUSTERS";
    private static final Set<String> LANGUAGES = Set.of("scala", "python", "sql", "r");

    private final Settings settings;
    private final UnityCatalog catalog;
    private final ClusterLibraries libraries2;
    private final Map<String, EmulatedCluster> clusters = new LinkedHashMap<>();
    /** Every library ever uploaded, deleted ones included (they are invisible to the API but inspectable). */
    private final Map<String, EmulatedLibrary> libraries = new LinkedHashMap<>();

    private final Map<String, EmulatedContext> contexts = new LinkedHashMap<>();
    private final Map<String, EmulatedCommand> commands = new LinkedHashMap<>();
    private long nextLibraryId = 377_539_161_864_868L;
    private long nextContextId = 1_234_567_890_123_456_789L;

    Workspace(Settings settings, UnityCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
        this.libraries2 = new ClusterLibraries(settings, catalog);
    }

    UnityCatalog catalog() {
        return catalog;
    }

    /** Runs a configuration change (an {@link EmulatedCluster} setter) under the lock. */
    synchronized void configure(Runnable change) {
        tick();
        change.run();
    }

    synchronized <T> T read(Supplier<T> reader) {
        tick();
        return reader.get();
    }

    private Instant now() {
        return settings.clock().instant();
    }

    // ------------------------------------------------------------------------------------------------ time

    synchronized void tick() {
        Instant now = now();
        for (EmulatedCluster c : clusters.values()) {
            while (c.transitionAt != null && !now.isBefore(c.transitionAt)) {
                Instant at = c.transitionAt;
                ClusterState next = c.nextStatus;
                c.transitionAt = null;
                c.nextStatus = null;
                boolean wasUp = isUp(c.status);
                c.status = next;
                if (!wasUp && isUp(next)) {
                    c.startedAt = at;
                    for (EmulatedLibrary lib : libraries.values()) {
                        reconcile(lib, at);
                    }
                    libraries2.clusterUp(c, at);
                }
            }
        }
        libraries2.advance(clusters, now);
        for (EmulatedLibrary lib : libraries.values()) {
            for (EmulatedLibrary.Link link : lib.links.values()) {
                if (!link.loaded && link.loadAt != null && !now.isBefore(link.loadAt)) {
                    link.loaded = true;
                    link.loadAt = null;
                }
            }
        }
        for (EmulatedContext ctx : contexts.values()) {
            if (ctx.status == ContextStatus.PENDING && !now.isBefore(ctx.readyAt)) {
                ctx.status = ctx.failsAtStart ? ContextStatus.ERROR : ContextStatus.RUNNING;
            }
        }
        for (EmulatedCommand cmd : commands.values()) {
            advance(cmd, now);
        }
    }

    private void advance(EmulatedCommand cmd, Instant now) {
        while (cmd.transitionAt != null && !now.isBefore(cmd.transitionAt)) {
            Instant at = cmd.transitionAt;
            cmd.transitionAt = null;
            switch (cmd.status) {
                case QUEUED -> {
                    cmd.status = CommandStatus.RUNNING;
                    if (!cmd.script.hang()) {
                        Duration run =
                                cmd.script.duration() != null ? cmd.script.duration() : settings.commandRunDuration();
                        cmd.transitionAt = at.plus(run);
                    }
                }
                case RUNNING -> finish(cmd);
                case CANCELLING -> {
                    if (settings.cancelOutcome() == Settings.CancelOutcome.CANCELLED) {
                        cmd.status = CommandStatus.CANCELLED;
                        cmd.results = null;
                    } else {
                        cmd.status = CommandStatus.FINISHED;
                        cmd.results = CommandResults.error(
                                "CommandCancelledException", "Command " + cmd.id() + " was cancelled", cmd.id());
                    }
                }
                default -> {
                    // final states do not move on
                }
            }
        }
    }

    private void finish(EmulatedCommand cmd) {
        CommandScript script = cmd.script;
        cmd.status =
                script.outcome() == CommandScript.Outcome.PLATFORM_ERROR ? CommandStatus.ERROR : CommandStatus.FINISHED;
        cmd.results = CommandResults.of(script, cmd.id());
    }

    static boolean isUp(ClusterState state) {
        return state == ClusterState.RUNNING || state == ClusterState.RECONFIGURING;
    }

    // ------------------------------------------------------------------------------------------------ clusters

    synchronized EmulatedCluster addCluster(String id, String name, ClusterState state) {
        tick();
        if (clusters.containsKey(id)) {
            throw new IllegalArgumentException("cluster id '" + id + "' already exists in the emulator");
        }
        EmulatedCluster c = new EmulatedCluster(this, id, name, ClusterState.TERMINATED, clusters.size());
        clusters.put(id, c);
        setState(c, state, now());
        return c;
    }

    synchronized List<EmulatedCluster> clusters() {
        tick();
        return List.copyOf(clusters.values());
    }

    synchronized EmulatedCluster requireCluster(String id) {
        tick();
        EmulatedCluster c = clusters.get(id);
        if (c == null) {
            throw ApiException.notFound("Cluster " + id + " does not exist");
        }
        return c;
    }

    synchronized void forceClusterState(EmulatedCluster c, ClusterState state) {
        tick();
        setState(c, state, now());
    }

    private void setState(EmulatedCluster c, ClusterState state, Instant at) {
        boolean wasUp = isUp(c.status);
        c.status = state;
        c.transitionAt = null;
        c.nextStatus = null;
        if (wasUp && !isUp(state)) {
            leftRunning(c);
        } else if (!wasUp && isUp(state)) {
            c.startedAt = at;
            for (EmulatedLibrary lib : libraries.values()) {
                reconcile(lib, at);
            }
            libraries2.clusterUp(c, at);
        }
    }

    /** The cluster, or null (for the 2.x face, which words "does not exist" its own way). */
    synchronized EmulatedCluster findCluster(String id) {
        tick();
        return clusters.get(id);
    }

    private EmulatedCluster requireCluster2(String id) {
        EmulatedCluster c = findCluster(id);
        if (c == null) {
            throw RestError.invalidParameter("Cluster " + id + " does not exist");
        }
        return c;
    }

    private void refuseJobCluster(EmulatedCluster c, String action) {
        if (c.source == ClusterSource.JOB) {
            throw RestError.invalidParameter("Cannot " + action + " cluster " + c.id()
                    + ": it is a job cluster, which only its job run starts and terminates.");
        }
    }

    /** Clusters 2.x start: only a TERMINATED cluster starts (PENDING, then RUNNING). True when it changed. */
    synchronized boolean start(String clusterId) {
        EmulatedCluster c = requireCluster2(clusterId);
        refuseJobCluster(c, "start");
        if (c.status != ClusterState.TERMINATED) {
            return wrongState(c);
        }
        Instant now = now();
        setState(c, ClusterState.PENDING, now);
        c.nextStatus = ClusterState.RUNNING;
        c.transitionAt = now.plus(settings.startDuration());
        return true;
    }

    /** Clusters 2.x restart: only a running cluster restarts (RESTARTING, then RUNNING). True when it changed. */
    synchronized boolean restartRunning(String clusterId) {
        EmulatedCluster c = requireCluster2(clusterId);
        refuseJobCluster(c, "restart");
        if (!isUp(c.status)) {
            return wrongState(c);
        }
        Instant now = now();
        setState(c, ClusterState.RESTARTING, now);
        c.nextStatus = ClusterState.RUNNING;
        c.transitionAt = now.plus(settings.restartDuration());
        c.restarts++;
        return true;
    }

    private boolean wrongState(EmulatedCluster c) {
        if (settings.wrongStateCall() == Settings.WrongStateCall.NO_OP) {
            return false;
        }
        throw RestError.invalidState(
                "Cluster " + c.id() + " is in unexpected state " + capitalized(c.status.rest2()) + ".");
    }

    private static String capitalized(String word) {
        return word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------------------ libraries 2.0

    /** Installs each library (idempotent per library); true when anything changed. */
    synchronized boolean install(String clusterId, List<JsonNode> libs, String caller) {
        EmulatedCluster c = requireCluster2(clusterId);
        libs.forEach(ClusterLibraries::key);
        if (c.accessMode.isStandard() && settings.allowlistRejection() == Settings.AllowlistRejection.INSTALL_ERROR) {
            for (JsonNode lib : libs) {
                if (lib.has("jar")
                        && !catalog.allowlists()
                                .allows(
                                        ArtifactAllowlists.ArtifactType.LIBRARY_JAR,
                                        lib.get("jar").asText())) {
                    throw RestError.invalidParameter(
                            ClusterLibraries.notAllowlisted(lib.get("jar").asText()));
                }
            }
        }
        boolean changed = false;
        for (JsonNode lib : libs) {
            changed |= libraries2.install(c, lib, caller, now());
        }
        tick();
        return changed;
    }

    synchronized boolean uninstall(String clusterId, List<JsonNode> libs) {
        EmulatedCluster c = requireCluster2(clusterId);
        libs.forEach(ClusterLibraries::key);
        boolean changed = false;
        for (JsonNode lib : libs) {
            changed |= libraries2.uninstall(c, lib);
        }
        return changed;
    }

    /** One reported library status: 2.0 installs, then 1.2 workspace libraries seen on the same cluster. */
    record LibraryReport(JsonNode library, LibraryStatus status, List<String> messages, boolean forAllClusters) {}

    synchronized List<LibraryReport> libraryStatuses(String clusterId) {
        EmulatedCluster c = requireCluster2(clusterId);
        List<LibraryReport> out = new ArrayList<>();
        for (ClusterLibraries.Entry e : libraries2.ordered(c.id())) {
            LibraryStatus status = libraries2.statusOf(e);
            if (status != null) {
                out.add(new LibraryReport(e.library, status, e.messages, false));
            }
        }
        for (EmulatedLibrary lib : libraries.values()) {
            LibraryStatus status = rest2(statusOf(lib, c));
            if (status != null) {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                node.put("jar", "dbfs:/FileStore/jars/" + lib.fileName());
                out.add(new LibraryReport(node, status, List.of(), lib.attachAllClusters));
            }
        }
        return out;
    }

    /** How a 1.2 workspace library's per-cluster status reads on the 2.0 face; null when not listed. */
    private static LibraryStatus rest2(LibraryClusterStatus status) {
        return switch (status) {
            case ATTACHED -> LibraryStatus.INSTALLED;
            case INSTALLING -> LibraryStatus.INSTALLING;
            case PENDING -> LibraryStatus.PENDING;
            case DETACH_PENDING, DELETED_PENDING_RESTART -> LibraryStatus.UNINSTALL_ON_RESTART;
            case DETACHED -> null;
        };
    }

    synchronized List<String> loadedJars(String clusterId) {
        return libraries2.loadedJars(clusterId);
    }

    /** Returns true when the call changed anything. */
    synchronized boolean restart(String clusterId) {
        EmulatedCluster c = requireCluster(clusterId);
        if (c.status == ClusterState.PENDING && c.nextStatus == ClusterState.RUNNING) {
            return false;
        }
        Instant now = now();
        setState(c, ClusterState.PENDING, now);
        c.nextStatus = ClusterState.RUNNING;
        c.transitionAt = now.plus(settings.restartDuration());
        c.restarts++;
        return true;
    }

    synchronized boolean terminate(String clusterId) {
        EmulatedCluster c = requireCluster(clusterId);
        if (c.status == ClusterState.TERMINATED || c.status == ClusterState.TERMINATING) {
            return false;
        }
        Instant now = now();
        setState(c, ClusterState.TERMINATING, now);
        c.nextStatus = ClusterState.TERMINATED;
        c.transitionAt = now.plus(settings.terminateDuration());
        return true;
    }

    /** A cluster that stops running unloads every library and loses its contexts and their commands. */
    private void leftRunning(EmulatedCluster c) {
        libraries2.clusterDown(c);
        for (EmulatedLibrary lib : libraries.values()) {
            EmulatedLibrary.Link link = lib.links.get(c.id());
            if (link != null) {
                link.loaded = false;
                link.loadAt = null;
            }
            reconcile(lib, now());
        }
        for (EmulatedContext ctx : contexts.values()) {
            if (ctx.clusterId().equals(c.id()) && !ctx.destroyed) {
                ctx.status = ContextStatus.ERROR;
            }
        }
        for (EmulatedCommand cmd : commands.values()) {
            if (cmd.clusterId().equals(c.id()) && !cmd.status.isFinal()) {
                cmd.status = CommandStatus.ERROR;
                cmd.transitionAt = null;
                cmd.results = CommandResults.error(
                        "ClusterTerminatedException",
                        "Cluster " + c.id() + " was restarted or terminated while the command ran",
                        cmd.id());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ libraries

    synchronized EmulatedLibrary upload(
            String name, String folder, String libType, boolean attachAll, String sha256, long sizeBytes) {
        tick();
        for (EmulatedLibrary other : libraries.values()) {
            if (!other.deleted && other.folder().equals(folder) && other.name().equals(name)) {
                throw new ApiException(500, "NameConflictException", "Node named '" + name + "' already exists");
            }
        }
        String id = Long.toString(nextLibraryId++);
        String fileName = sha256.substring(0, 8) + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
        EmulatedLibrary lib = new EmulatedLibrary(this, id, name, folder, libType, fileName, sizeBytes, sha256);
        lib.attachAllClusters = attachAll;
        libraries.put(id, lib);
        reconcile(lib, now());
        return lib;
    }

    synchronized List<EmulatedLibrary> allLibraries() {
        tick();
        return List.copyOf(libraries.values());
    }

    synchronized List<EmulatedLibrary> visibleLibraries() {
        tick();
        return libraries.values().stream().filter(l -> !l.deleted).toList();
    }

    synchronized EmulatedLibrary inspectLibrary(String id) {
        tick();
        EmulatedLibrary lib = libraries.get(id);
        if (lib == null) {
            throw new IllegalArgumentException("no library with id " + id + " was ever uploaded to this emulator");
        }
        return lib;
    }

    /** The library as the API sees it: a deleted library's workspace node is gone. */
    synchronized EmulatedLibrary requireLibrary(String id) {
        tick();
        EmulatedLibrary lib = libraries.get(id);
        if (lib == null || lib.deleted) {
            throw ApiException.notFound("cannot find node with id " + id);
        }
        return lib;
    }

    synchronized boolean attach(String libraryId, String clusterId) {
        EmulatedLibrary lib = requireLibrary(libraryId);
        Map<String, LibraryClusterStatus> before = statusesOf(lib);
        boolean flagChanged = false;
        if (ALL_CLUSTERS.equals(clusterId)) {
            flagChanged = !lib.attachAllClusters;
            lib.attachAllClusters = true;
        } else {
            EmulatedCluster c = requireCluster(clusterId);
            EmulatedLibrary.Link link = lib.links.computeIfAbsent(c.id(), k -> new EmulatedLibrary.Link());
            flagChanged = !link.explicit;
            link.explicit = true;
        }
        reconcile(lib, now());
        tick();
        return flagChanged || !before.equals(statusesOf(lib));
    }

    synchronized boolean detach(String libraryId, String clusterId) {
        EmulatedLibrary lib = requireLibrary(libraryId);
        boolean changed;
        if (ALL_CLUSTERS.equals(clusterId)) {
            changed = lib.attachAllClusters;
            lib.attachAllClusters = false;
        } else {
            EmulatedCluster c = requireCluster(clusterId);
            EmulatedLibrary.Link link = lib.links.get(c.id());
            changed = link != null && link.explicit;
            if (link != null) {
                link.explicit = false;
            }
        }
        reconcile(lib, now());
        return changed;
    }

    synchronized void deleteLibrary(String libraryId) {
        EmulatedLibrary lib = requireLibrary(libraryId);
        lib.deleted = true;
        reconcile(lib, now());
    }

    /**
     * Brings a library's links in line with what is wanted: an unwanted link that is not loaded goes away; a wanted
     * one on a running cluster that is not loaded gets scheduled to load after {@link Settings#attachDelay()}.
     */
    private void reconcile(EmulatedLibrary lib, Instant at) {
        for (EmulatedCluster c : clusters.values()) {
            EmulatedLibrary.Link link = lib.links.get(c.id());
            boolean wanted = !lib.deleted && (lib.attachAllClusters || (link != null && link.explicit));
            if (!wanted) {
                if (link != null) {
                    link.loadAt = null;
                    if (!link.loaded) {
                        lib.links.remove(c.id());
                    }
                }
                continue;
            }
            if (link == null) {
                link = new EmulatedLibrary.Link();
                lib.links.put(c.id(), link);
            }
            if (isUp(c.status) && !link.loaded && link.loadAt == null) {
                link.loadAt = at.plus(settings.attachDelay());
            }
        }
    }

    synchronized LibraryClusterStatus statusOf(EmulatedLibrary lib, EmulatedCluster c) {
        EmulatedLibrary.Link link = lib.links.get(c.id());
        boolean wanted = !lib.deleted && (lib.attachAllClusters || (link != null && link.explicit));
        boolean loaded = link != null && link.loaded;
        if (isUp(c.status)) {
            if (wanted) {
                return loaded ? LibraryClusterStatus.ATTACHED : LibraryClusterStatus.INSTALLING;
            }
            if (loaded) {
                return lib.deleted ? LibraryClusterStatus.DELETED_PENDING_RESTART : LibraryClusterStatus.DETACH_PENDING;
            }
            return LibraryClusterStatus.DETACHED;
        }
        return wanted ? LibraryClusterStatus.PENDING : LibraryClusterStatus.DETACHED;
    }

    synchronized Map<String, LibraryClusterStatus> statusesOf(EmulatedLibrary lib) {
        Map<String, LibraryClusterStatus> out = new LinkedHashMap<>();
        for (EmulatedCluster c : clusters.values()) {
            out.put(c.id(), statusOf(lib, c));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ contexts

    synchronized EmulatedContext createContext(String clusterId, String language, String caller) {
        EmulatedCluster c = requireCluster(clusterId);
        requireLanguage(language);
        if (c.accessMode.isDedicated()
                && c.singleUserName != null
                && !c.singleUserName.equals(caller)
                && settings.dedicatedRejectsOtherUsers()) {
            throw new ApiException(
                    403,
                    "PERMISSION_DENIED",
                    "Single-user check failed: user '" + caller + "' attempted to run a command on single-user"
                            + " cluster " + clusterId + ", but the single user of this cluster is '"
                            + c.singleUserName + "'");
        }
        if (!isUp(c.status)) {
            throw new ApiException(
                    500,
                    "ClusterNotReadyException",
                    "Cluster " + clusterId + " is not running (state " + c.status.wire() + ")");
        }
        String id = Long.toString(nextContextId);
        nextContextId += 7_919;
        EmulatedContext ctx = new EmulatedContext(this, id, clusterId, language);
        ctx.readyAt = now().plus(settings.contextStartDuration());
        ctx.failsAtStart = settings.contextsFail();
        contexts.put(id, ctx);
        return ctx;
    }

    private static void requireLanguage(String language) {
        if (!LANGUAGES.contains(language)) {
            throw ApiException.badRequest("language must be one of scala, python, sql, r; was '" + language + "'");
        }
    }

    synchronized EmulatedContext requireContext(String clusterId, String contextId) {
        requireCluster(clusterId);
        EmulatedContext ctx = contexts.get(contextId);
        if (ctx == null || ctx.destroyed || !ctx.clusterId().equals(clusterId)) {
            throw ApiException.notFound("Context " + contextId + " does not exist on cluster " + clusterId);
        }
        return ctx;
    }

    synchronized void destroyContext(String clusterId, String contextId) {
        EmulatedContext ctx = requireContext(clusterId, contextId);
        ctx.destroyed = true;
        for (EmulatedCommand cmd : commands.values()) {
            if (cmd.contextId().equals(contextId) && !cmd.status.isFinal()) {
                cmd.status = CommandStatus.CANCELLED;
                cmd.transitionAt = null;
                cmd.results = null;
            }
        }
    }

    synchronized List<EmulatedContext> contexts() {
        tick();
        return List.copyOf(contexts.values());
    }

    // ------------------------------------------------------------------------------------------------ commands

    synchronized EmulatedCommand execute(String clusterId, String contextId, String language, String text) {
        EmulatedContext ctx = requireContext(clusterId, contextId);
        requireLanguage(language);
        if (ctx.status != ContextStatus.RUNNING) {
            throw new ApiException(
                    500,
                    "ContextNotReadyException",
                    "Context " + contextId + " is not running (state " + ctx.status.wire() + ")");
        }
        String id = UUID.nameUUIDFromBytes((contextId + "/" + commands.size()).getBytes(StandardCharsets.UTF_8))
                .toString();
        EmulatedCommand cmd =
                new EmulatedCommand(this, id, clusterId, contextId, language, text, CommandScript.parse(text));
        Duration queued = cmd.script.queued() != null ? cmd.script.queued() : settings.commandQueuedDuration();
        cmd.transitionAt = now().plus(queued);
        commands.put(id, cmd);
        tick();
        return cmd;
    }

    synchronized EmulatedCommand requireCommand(String clusterId, String contextId, String commandId) {
        requireContext(clusterId, contextId);
        EmulatedCommand cmd = commands.get(commandId);
        if (cmd == null || !cmd.contextId().equals(contextId)) {
            throw ApiException.notFound("Command " + commandId + " does not exist in context " + contextId);
        }
        return cmd;
    }

    synchronized boolean cancel(String clusterId, String contextId, String commandId) {
        EmulatedCommand cmd = requireCommand(clusterId, contextId, commandId);
        cmd.cancelRequested = true;
        if (cmd.status == CommandStatus.QUEUED || cmd.status == CommandStatus.RUNNING) {
            cmd.status = CommandStatus.CANCELLING;
            cmd.results = null;
            cmd.transitionAt = now().plus(settings.cancelDuration());
            tick();
            return true;
        }
        return false;
    }

    synchronized List<EmulatedCommand> commands() {
        tick();
        return List.copyOf(commands.values());
    }

    synchronized EmulatedCommand inspectCommand(String id) {
        tick();
        EmulatedCommand cmd = commands.get(id);
        if (cmd == null) {
            throw new IllegalArgumentException("no command with id " + id);
        }
        return cmd;
    }

    synchronized EmulatedContext inspectContext(String id) {
        tick();
        EmulatedContext ctx = contexts.get(id);
        if (ctx == null) {
            throw new IllegalArgumentException("no context with id " + id);
        }
        return ctx;
    }

    synchronized EmulatedCluster inspectCluster(String id) {
        tick();
        EmulatedCluster c = clusters.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no cluster with id " + id);
        }
        return c;
    }

    static String normalizeFolder(String folder) {
        String f = folder.trim();
        while (f.length() > 1 && f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }

    static String normalizeLibType(String libType) {
        String t = libType.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "java-jar", "scala" -> "java-jar";
            case "python-egg" -> "python-egg";
            default ->
                throw ApiException.badRequest(
                        "libType must be java-jar (or its alias scala) or python-egg; was '" + libType + "'");
        };
    }
}
