package io.jenkins.plugins.databricks.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Waits until clusters run with the libraries they should have: after the swap (the new version on every awaited
 * target) and after a rollback (the old versions back on every restarted cluster). Each round is two reads whatever
 * the number of clusters: the cluster list, and the statuses of the libraries waited for (one call on REST 2.x).
 * A cluster that goes down, or a library that FAILED there, ends the wait at once with what the server said.
 */
final class ClusterWait {

    /**
     * One cluster to wait for.
     *
     * @param planned the cluster as pre-flight saw it (one that was up then and is Terminated now went down)
     * @param libraries what must be installed there
     */
    record Awaited(RemoteCluster planned, List<RemoteLibrary> libraries) {
        Awaited {
            libraries = List.copyOf(libraries);
        }
    }

    /** One poll: the clusters and the statuses of every library waited for. */
    record Snapshot(List<RemoteCluster> clusters, List<LibraryState> libraries) {
        /** What a timeout reports: each cluster's state and each awaited library's status there. */
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            for (RemoteCluster c : clusters) {
                parts.add(c.name() + " " + c.state()
                        + libraries.stream()
                                .map(l -> "/" + l.statusOn(c.id()).word())
                                .collect(Collectors.joining()));
            }
            return String.join(", ", parts);
        }

        RemoteCluster cluster(String id) {
            return clusters.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        }

        LibraryState state(RemoteLibrary library) {
            return libraries.stream()
                    .filter(s -> s.library().id().equals(library.id()))
                    .findFirst()
                    .orElseGet(() -> LibraryState.absentEverywhere(library));
        }
    }

    private final DatabricksGateway gateway;
    private final Poller poller;
    private final StepLog log;

    ClusterWait(DatabricksGateway gateway, Poller poller, StepLog log) {
        this.gateway = gateway;
        this.poller = poller;
        this.log = log;
    }

    /**
     * Polls until every awaited cluster is Running with its libraries installed; logs each cluster once as it gets
     * there, with {@code ready} as the line's start, e.g. "Rollback confirmed: ".
     *
     * @return the last snapshot, in which every awaited cluster is ready
     * @throws StepFailedException the timeout passed (the message says what was seen last), a cluster went down, a
     *     library failed to install, or the reads failed
     */
    Snapshot until(String what, Duration timeout, List<Awaited> awaited, String ready)
            throws StepFailedException, InterruptedException {
        return until(what, timeout, awaited, ready, new LinkedHashSet<>());
    }

    /** As {@link #until(String, Duration, List, String)}; {@code seen} collects the ids of the clusters that got there. */
    Snapshot until(String what, Duration timeout, List<Awaited> awaited, String ready, Set<String> seen)
            throws StepFailedException, InterruptedException {
        Instant start = poller.clock().instant();
        List<RemoteLibrary> libraries = awaited.stream()
                .flatMap(a -> a.libraries().stream())
                .filter(distinctById())
                .toList();
        try {
            return poller.until(what, timeout, () -> read(libraries), s -> {
                boolean all = true;
                for (Awaited a : awaited) {
                    String id = a.planned().id();
                    RemoteCluster now = s.cluster(id);
                    if (now != null && wentDown(a.planned(), now)) {
                        throw new ClusterDownException(a.planned(), now.state());
                    }
                    for (RemoteLibrary lib : a.libraries()) {
                        InstallStatus status = s.state(lib).statusOn(id);
                        if (status.phase() == InstallStatus.Phase.FAILED) {
                            throw new LibraryFailedException(lib, a.planned(), status);
                        }
                    }
                    boolean up = now != null
                            && now.isRunning()
                            && a.libraries().stream().allMatch(l -> s.state(l).installedOn(id));
                    if (up && seen.add(id)) {
                        log.line(ready + now.label() + " is Running"
                                + (a.libraries().isEmpty() ? "" : " with " + describe(a, s))
                                + " ("
                                + LogFormat.duration(
                                        Duration.between(start, poller.clock().instant())) + ")");
                    }
                    all &= up;
                }
                return all;
            });
        } catch (ClusterDownException | LibraryFailedException e) {
            throw new StepFailedException(e.getMessage());
        } catch (GatewayException e) {
            throw new StepFailedException("Reading the cluster and library status failed: " + e.getMessage());
        } catch (PollTimeoutException e) {
            throw new StepFailedException("waitTimeout: " + e.getMessage());
        }
    }

    private Snapshot read(List<RemoteLibrary> libraries) throws GatewayException, InterruptedException {
        GatewayCalls.stopIfInterrupted("list clusters");
        List<RemoteCluster> clusters = gateway.clusters();
        List<LibraryState> states = libraries.isEmpty() ? List.of() : gateway.statuses(libraries);
        return new Snapshot(clusters, states);
    }

    private static String describe(Awaited a, Snapshot s) {
        return a.libraries().stream()
                .map(l -> "library " + l.id() + " "
                        + s.state(l).statusOn(a.planned().id()).word())
                .collect(Collectors.joining(", "));
    }

    /**
     * Waiting longer is pointless: the cluster is in Error, or it was up when planned and is now Terminated. One being
     * started may still show Terminated for a moment.
     */
    private static boolean wentDown(RemoteCluster planned, RemoteCluster now) {
        return now.isFailed() || ("Terminated".equalsIgnoreCase(now.state()) && !planned.isTerminated());
    }

    private static java.util.function.Predicate<RemoteLibrary> distinctById() {
        Set<String> ids = new LinkedHashSet<>();
        return l -> ids.add(l.id());
    }

    /** Thrown from inside a poll when a library failed to install on an awaited cluster. */
    private static final class LibraryFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LibraryFailedException(RemoteLibrary library, RemoteCluster cluster, InstallStatus status) {
            super("Library " + library.where() + " failed to install on " + cluster.label() + ": " + status);
        }
    }
}
