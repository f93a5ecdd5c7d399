package io.jenkins.plugins.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.deploy.Backend;
import io.jenkins.plugins.databricks.deploy.DeployAbortedException;
import io.jenkins.plugins.databricks.deploy.DeployException;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault the emulator can produce, on each backend, armed at a chosen step of a real deploy (Deployer → REST 1.2
 * or 2.x gateway → client → HTTP → emulator) that replaces version 1.0 of a jar with 2.0 on two running clusters. For each: the
 * outcome, the message, the last log lines, and each cluster's final library state. The invariant: every cluster
 * ends with a working library — the new one Attached after a success (or with rollback off), the old one Attached
 * after a rollback or an abort — and never both versions at once when the report says it rolled back.
 */
class FaultMatrixTest {

    /** Which version every target must run at the end. */
    enum Working {
        NEW,
        OLD
    }

    /** Something done to the rig before the deploy; usually arming a fault or a hook on a log line. */
    @FunctionalInterface
    interface Arm {
        void arm(Rig rig) throws Exception;
    }

    /** Extra checks on the rig after the deploy. */
    @FunctionalInterface
    interface Check {
        void check(Rig rig, Result result) throws Exception;
    }

    record Result(Outcome outcome, String message, DeployReport report, String newId, String oldId) {}

    record Scenario(
            String name,
            Arm arm,
            UnaryOperator<DeploySpec.Builder> spec,
            Duration responseTimeout,
            Outcome outcome,
            String message,
            String lastLines,
            Working working,
            Check check) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("onEachBackend")
    void everyClusterKeepsAWorkingLibrary(Backend backend, Scenario s) throws Exception {
        try (Rig rig = new Rig(tmp, backend)) {
            String oldId = rig.baseline("1.0");
            rig.jar("2.0");
            s.arm().arm(rig);
            DeployReport report = null;
            String message = null;
            try {
                report = rig.deployer(rig.backendGateway(Auth.bearer(rig.emulator.token()), s.responseTimeout()))
                        .deploy(s.spec().apply(rig.spec(Rig.ETL, Rig.ML)).build());
            } catch (DeployException e) {
                report = e.report().orElse(null);
                message = e.getMessage();
                if (e instanceof DeployAbortedException) {
                    assertThat(Thread.currentThread().isInterrupted())
                            .as("the interrupt flag stays set after an abort")
                            .isTrue();
                }
            } finally {
                Thread.interrupted();
                rig.onLine = line -> {};
                rig.emulator.faults().clear();
            }
            Outcome outcome = report == null ? null : report.outcome();
            assertThat(outcome).as("outcome; log:\n%s", rig.logText()).isEqualTo(s.outcome());
            if (s.message() == null) {
                assertThat(message).isNull();
            } else {
                assertThat(message).as("message").containsIgnoringCase(s.message());
            }
            assertThat(String.join("\n", rig.lastLines(12)))
                    .as("last log lines")
                    .contains(s.lastLines());
            String newId = newLibraryId(rig);
            for (String cluster : List.of(Rig.ETL, Rig.ML)) {
                String running = s.working() == Working.NEW ? newId : oldId;
                String other = s.working() == Working.NEW ? oldId : newId;
                assertThat(rig.settledPhase(running, cluster))
                        .as("%s version on %s; log:\n%s", s.working(), cluster, rig.logText())
                        .isEqualTo("INSTALLED");
                // Only an incomplete rollback (say, the token expired) may leave both; the report then says so.
                boolean complete = s.outcome() != Outcome.FAILED || s.working() == Working.NEW;
                if (complete && other != null) {
                    assertThat(rig.settledPhase(other, cluster))
                            .as("the other version on %s", cluster)
                            .isNotEqualTo("INSTALLED");
                }
            }
            s.check().check(rig, new Result(outcome, message, report, newId, oldId));
        }
    }

    /** The library the deploy under test stored (version 2.0), or null when it never got that far. */
    private static String newLibraryId(Rig rig) {
        if (rig.backend == Backend.REST_1_2) {
            return rig.emulator.libraries().stream()
                    .filter(l -> l.name().contains("2.0"))
                    .map(EmulatedLibrary::id)
                    .findFirst()
                    .orElse(null);
        }
        return rig.storedIds("2.0").stream().findFirst().orElse(null);
    }

    /** The ids of every stored version 2.0, whatever its name. */
    private static List<String> storedVersions(Rig rig) {
        return rig.storedIds("2.0");
    }

    // ------------------------------------------------------------------------------------------ scenarios

    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final UnaryOperator<DeploySpec.Builder> AS_IS = b -> b;
    private static final Check NOTHING_MORE = (rig, r) -> {};

    private static Scenario ok(String name, Arm arm, String lastLines) {
        return new Scenario(name, arm, AS_IS, QUICK, Outcome.DEPLOYED, null, lastLines, Working.NEW, NOTHING_MORE);
    }

    /** Interrupts the deploy when a log line containing {@code marker} appears; the old version must be back. */
    private static Scenario aborted(String name, String marker, UnaryOperator<DeploySpec.Builder> spec, Check check) {
        return new Scenario(
                name, abortWhen(marker), spec, QUICK, Outcome.ABORTED, "interrupted", "ABORTED", Working.OLD, check);
    }

    private static Scenario rolledBack(
            String name, Arm arm, UnaryOperator<DeploySpec.Builder> spec, String message, Check check) {
        return new Scenario(name, arm, spec, QUICK, Outcome.ROLLED_BACK, message, "rolled back", Working.OLD, check);
    }

    /** Acts once, on the thread that logs it (smoke lines come from the smoke threads), when {@code marker} appears. */
    private static Arm when(String marker, Consumer<Rig> action) {
        return rig -> {
            AtomicBoolean done = new AtomicBoolean();
            rig.onLine = line -> {
                if (line.contains(marker) && done.compareAndSet(false, true)) {
                    action.accept(rig);
                }
            };
        };
    }

    /** Interrupts the deploying thread (the test's own: it arms, then deploys), as a Jenkins abort does. */
    private static Arm abortWhen(String marker) {
        return rig -> {
            Thread deploying = Thread.currentThread();
            when(marker, r -> deploying.interrupt()).arm(rig);
        };
    }

    /** Blocks the deploy until the emulator has served {@code n} requests to {@code endpoint} (a slow server catching up). */
    private static void awaitServed(Rig rig, String endpoint, int n) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (rig.served(endpoint).size() < n && System.nanoTime() < until) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Scenarios whose expectations are REST 1.2's own behaviour (the engine, not the client, retries the upload). */
    private static final Set<String> ONLY_12 = ConcurrentHashMap.newKeySet();

    private static Scenario only12(Scenario s) {
        ONLY_12.add(s.name());
        return s;
    }

    /** Every scenario on each backend, except those only REST 1.2 behaves so in. */
    static Stream<Arguments> onEachBackend() {
        List<Scenario> all = scenarios().toList();
        return Stream.of(Backend.values())
                .flatMap(b -> all.stream()
                        .filter(s -> b == Backend.REST_1_2 || !ONLY_12.contains(s.name()))
                        .map(s -> Arguments.of(b, s)));
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                // -------------------------------------------------------------- transient: retried, deploy succeeds
                new Scenario(
                        "429 burst with Retry-After on the upload",
                        rig -> rig.faultsOn("libraries/upload").times(3).tooManyRequests(2),
                        AS_IS,
                        QUICK,
                        Outcome.DEPLOYED,
                        null,
                        "Deployed",
                        Working.NEW,
                        (rig, r) -> assertThat(rig.served("libraries/upload"))
                                .extracting(e -> e.status())
                                .containsExactly(429, 429, 429, rig.uploadedStatus())),
                ok(
                        "429 burst on every endpoint",
                        rig -> rig.emulator.faults().forAll().times(3).tooManyRequests(1),
                        "Deployed"),
                ok(
                        "503 gateway unavailable on attach",
                        rig -> rig.faultsOn("libraries/attach").times(2).gatewayUnavailable(),
                        "Deployed"),
                ok(
                        "503 on clusters/list while waiting for the restart",
                        when(
                                "Waiting up to",
                                rig -> rig.faultsOn("clusters/list").times(3).gatewayUnavailable()),
                        "Deployed"),
                ok(
                        "500 HTML page once on a read (retried)",
                        when(
                                "Waiting up to",
                                rig -> rig.faultsOn("libraries/status").times(1).internalErrorHtml()),
                        "Deployed"),
                new Scenario(
                        "answer slower than the response timeout on a read (retried)",
                        rig -> rig.faultsOn("clusters/list").times(1).latency(Duration.ofMillis(400)),
                        AS_IS,
                        Duration.ofMillis(150),
                        Outcome.DEPLOYED,
                        null,
                        "Deployed",
                        Working.NEW,
                        NOTHING_MORE),
                new Scenario(
                        "answer slower than the response timeout on attach (idempotent, retried)",
                        rig -> rig.faultsOn("libraries/attach").times(1).latency(Duration.ofMillis(400)),
                        AS_IS,
                        Duration.ofMillis(150),
                        Outcome.DEPLOYED,
                        null,
                        "Deployed",
                        Working.NEW,
                        NOTHING_MORE),
                ok(
                        "connection dropped on a detach (idempotent, retried)",
                        rig -> rig.faultsOn("libraries/detach").times(1).dropConnection(),
                        "Deployed"),
                ok(
                        "answer to an attach lost after it took effect (retried, no-op)",
                        rig -> rig.faultsOn("libraries/attach").times(1).loseResponseAfterSuccess(),
                        "Deployed"),

                // -------------------------------------------------------------- unanswered upload, {hash} name
                new Scenario(
                        "connection dropped mid-upload once ({hash} name: retried)",
                        rig -> rig.faultsOn("libraries/upload").times(1).dropDuringUpload(100),
                        AS_IS,
                        QUICK,
                        Outcome.DEPLOYED,
                        null,
                        "Deployed",
                        Working.NEW,
                        (rig, r) -> {
                            assertThat(rig.served("libraries/upload"))
                                    .extracting(e -> e.status())
                                    .containsExactly(0, rig.uploadedStatus());
                            assertThat(storedVersions(rig)).containsExactly(r.newId());
                            // 1.2: the engine tries again; 2.x: the client repeats the PUT (overwrite=false)
                            if (rig.backend == Backend.REST_1_2) {
                                assertThat(rig.logText()).contains("got no answer (attempt 1 of 3");
                            } else {
                                assertThat(rig.logText()).doesNotContain("got no answer");
                            }
                        }),
                new Scenario(
                        "answer to the upload lost ({hash} name: found by listing, not uploaded again)",
                        rig -> rig.faultsOn("libraries/upload").times(1).loseResponseAfterSuccess(),
                        AS_IS,
                        QUICK,
                        Outcome.DEPLOYED,
                        null,
                        "Deployed",
                        Working.NEW,
                        (rig, r) -> {
                            assertThat(rig.mutations())
                                    .filteredOn("upload"::equals)
                                    .hasSize(1);
                            // 1.2: the engine finds it by listing; 2.x: the client's repeat meets our own file
                            if (rig.backend == Backend.REST_1_2) {
                                assertThat(rig.logText())
                                        .contains("The upload landed although its answer was lost; reusing library "
                                                + r.newId());
                            } else {
                                assertThat(rig.served("libraries/upload"))
                                        .extracting(e -> e.status())
                                        .containsExactly(0, 409);
                            }
                        }),
                new Scenario(
                        "upload answers slower than the response timeout, then lands late ({hash} name)",
                        rig -> rig.faultsOn("libraries/upload").times(1).latency(Duration.ofMillis(400)),
                        AS_IS,
                        Duration.ofMillis(150),
                        Outcome.DEPLOYED,
                        null,
                        "Deployed",
                        Working.NEW,
                        (rig, r) -> {
                            awaitServed(rig, "libraries/upload", 2);
                            assertThat(storedVersions(rig))
                                    .as("the late first attempt meets the name already taken")
                                    .containsExactly(r.newId());
                        }),

                // -------------------------------------------------------------- failures before any cluster changed
                only12(new Scenario(
                        "connection dropped on every upload: fails after 3 attempts",
                        rig -> rig.faultsOn("libraries/upload").always().dropDuringUpload(100),
                        AS_IS,
                        QUICK,
                        Outcome.FAILED,
                        "failed 3 times without an answer",
                        "nothing was changed",
                        Working.OLD,
                        (rig, r) -> {
                            assertThat(rig.mutations()).as("no mutation").isEmpty();
                            assertThat(rig.served("libraries/upload")).hasSize(3);
                        })),
                only12(new Scenario(
                        "answer to the upload lost with a name without {hash}: not retried",
                        rig -> rig.faultsOn("libraries/upload").times(1).loseResponseAfterSuccess(),
                        b -> b.libraryName("{name}.jar"),
                        QUICK,
                        Outcome.FAILED,
                        "not retried, because the name template '{name}.jar' has no {hash}",
                        "nothing was changed",
                        Working.OLD,
                        (rig, r) -> assertThat(rig.mutations()).containsExactly("upload"))),
                new Scenario(
                        "V1 APIs disabled (400 HTML) at pre-flight",
                        rig -> rig.emulator.faults().forAll().always().v1ApisDisabled(),
                        AS_IS,
                        QUICK,
                        null,
                        "V1 APIs",
                        "",
                        Working.OLD,
                        (rig, r) -> assertThat(rig.mutations()).isEmpty()),
                new Scenario(
                        "token expires after pre-flight, before the upload",
                        when("Pre-flight", rig -> rig.emulator.expireToken()),
                        AS_IS,
                        QUICK,
                        Outcome.FAILED,
                        "nothing was changed on the clusters",
                        "nothing was changed",
                        Working.OLD,
                        (rig, r) -> assertThat(r.message()).contains("403")),

                // -------------------------------------------------------------- failures after a change: rollback
                new Scenario(
                        "500 HTML page on every attach",
                        rig -> rig.faultsOn("libraries/attach").always().internalErrorHtml(),
                        AS_IS,
                        QUICK,
                        Outcome.ROLLED_BACK,
                        "attach library",
                        "FAILED",
                        Working.OLD,
                        (rig, r) -> assertThat(r.message()).contains("500")),
                // The rollback's calls go through, but no status read does: it cannot be confirmed, so it is not
                // reported as rolled back; the emulator shows it did take effect.
                new Scenario(
                        "500 HTML page on every status read while waiting",
                        when(
                                "Waiting up to",
                                rig -> rig.faultsOn("libraries/status").always().internalErrorHtml()),
                        AS_IS,
                        QUICK,
                        Outcome.FAILED,
                        "Reading the cluster and library status failed",
                        "Rollback: restarting ml",
                        Working.OLD,
                        (rig, r) -> {
                            assertThat(r.message())
                                    .contains("rollback incomplete: Reading the cluster and library status failed");
                            assertThat(r.report().clusters())
                                    .allSatisfy(c -> assertThat(c.note()).startsWith("state unknown: "));
                            assertThat(rig.logText()).doesNotContain("Rollback confirmed");
                            for (String cluster : List.of(Rig.ETL, Rig.ML)) {
                                assertThat(rig.settledPhase(r.newId(), cluster))
                                        .as("new version on %s", cluster)
                                        .isNotEqualTo("INSTALLED");
                            }
                        }),
                new Scenario(
                        "attach answers too slowly every time, then lands late",
                        rig -> {
                            rig.faultsOn("libraries/attach").times(4).latency(Duration.ofMillis(300));
                            when("FAILED", r -> awaitServed(r, "libraries/attach", 4))
                                    .arm(rig);
                        },
                        AS_IS,
                        Duration.ofMillis(100),
                        Outcome.ROLLED_BACK,
                        "attach library",
                        "rolled back",
                        Working.OLD,
                        NOTHING_MORE),
                new Scenario(
                        "detach answers too slowly every time, then lands late",
                        rig -> {
                            rig.faultsOn("libraries/detach").times(4).latency(Duration.ofMillis(300));
                            when("FAILED", r -> awaitServed(r, "libraries/detach", 4))
                                    .arm(rig);
                        },
                        AS_IS,
                        Duration.ofMillis(100),
                        Outcome.ROLLED_BACK,
                        "detach library",
                        "rolled back",
                        Working.OLD,
                        NOTHING_MORE),
                new Scenario(
                        "answer to a restart lost after it took effect: not repeated, rolled back",
                        rig -> rig.faultsOn("clusters/restart").times(1).loseResponseAfterSuccess(),
                        AS_IS,
                        QUICK,
                        Outcome.ROLLED_BACK,
                        "Could not restart",
                        "rolled back to",
                        Working.OLD,
                        NOTHING_MORE),
                rolledBack(
                        "cluster terminated while we wait",
                        when(
                                "Waiting up to",
                                rig -> rig.emulator.cluster(Rig.ML).forceState(ClusterState.TERMINATED)),
                        AS_IS,
                        "is Terminated instead of coming up Running",
                        NOTHING_MORE),
                rolledBack(
                        "library stuck installing until waitTimeout",
                        rig -> {
                            rig.slowInstalls(Duration.ofDays(1));
                            when("FAILED", r -> r.slowInstalls(Duration.ZERO)).arm(rig);
                        },
                        b -> b.waitTimeoutSeconds(60),
                        "waitTimeout",
                        NOTHING_MORE),
                rolledBack(
                        "smoke command that never finishes",
                        rig -> {},
                        b -> b.smokeCommand("#emulator: hang").smokeTimeoutSeconds(30),
                        "TIMED_OUT",
                        (rig, r) -> {
                            assertThat(rig.emulator.commands())
                                    .allSatisfy(
                                            c -> assertThat(c.cancelRequested()).isTrue());
                            assertThat(rig.emulator.contexts())
                                    .allSatisfy(c -> assertThat(c.destroyed()).isTrue());
                        }),
                rolledBack(
                        "smoke command that fails",
                        rig -> {},
                        b -> b.smokeCommand("#emulator: error=java.lang.ClassNotFoundException: com.acme.Main"),
                        "ClassNotFoundException",
                        (rig, r) -> assertThat(rig.emulator.contexts())
                                .allSatisfy(c -> assertThat(c.destroyed()).isTrue())),
                new Scenario(
                        "smoke command fails with rollback off: the new version stays and the log says so",
                        rig -> {},
                        b -> b.smokeCommand("#emulator: error=java.lang.AssertionError: nope")
                                .rollback(false),
                        QUICK,
                        Outcome.FAILED,
                        "AssertionError",
                        "Rollback is off",
                        Working.NEW,
                        NOTHING_MORE),
                new Scenario(
                        "token expires mid-deploy, after the first attach",
                        when("Attached library", rig -> rig.emulator.expireToken()),
                        AS_IS,
                        QUICK,
                        Outcome.FAILED,
                        "rollback incomplete",
                        "FAILED",
                        Working.OLD,
                        NOTHING_MORE),
                new Scenario(
                        "re-attach of the old version fails during the rollback: the new one stays attached",
                        when(
                                "FAILED",
                                rig -> rig.faultsOn("libraries/attach").always().internalErrorHtml()),
                        b -> b.smokeCommand("#emulator: error=java.lang.AssertionError: nope"),
                        QUICK,
                        Outcome.FAILED,
                        "rollback incomplete",
                        "kept new library",
                        Working.NEW,
                        (rig, r) -> assertThat(r.report().clusters())
                                .allSatisfy(c -> assertThat(c.note())
                                        .startsWith(
                                                "rollback incomplete: could not re-attach old library " + r.oldId()))),

                // -------------------------------------------------------------- aborts at every step
                aborted(
                        "abort after pre-flight",
                        "Pre-flight",
                        AS_IS,
                        (rig, r) -> assertThat(rig.mutations()).isEmpty()),
                aborted(
                        "abort after the upload",
                        "Uploaded",
                        AS_IS,
                        (rig, r) -> assertThat(rig.mutations()).containsExactly("upload")),
                aborted("abort during the attach", "Attached library", AS_IS, NOTHING_MORE),
                aborted("abort during the wait", "Waiting up to", AS_IS, NOTHING_MORE),
                aborted(
                        "abort during the smoke command",
                        "Smoke command on",
                        b -> b.smokeCommand("#emulator: hang"),
                        (rig, r) -> {
                            assertThat(rig.emulator.commands())
                                    .isNotEmpty()
                                    .allSatisfy(
                                            c -> assertThat(c.cancelRequested()).isTrue());
                            assertThat(rig.emulator.contexts())
                                    .isNotEmpty()
                                    .allSatisfy(c -> assertThat(c.destroyed()).isTrue());
                            assertThat(rig.logText())
                                    .contains("Cancelled smoke command", "Destroyed execution context");
                        }));
    }
}
