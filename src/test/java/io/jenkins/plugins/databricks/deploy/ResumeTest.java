package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A deploy whose JVM dies after each of its checkpoints in turn (no rollback runs: the gateway answers nothing more
 * after the crash, as a dead controller sends nothing), then resumed from the last saved checkpoint by a fresh engine
 * over a fresh client, on each backend. Whatever the moment, every target ends with a working library — the new one (deployed) or the
 * old one (rolled back) — no smoke context stays open, every smoke run a checkpoint named is cancelled, and the report
 * says it was resumed.
 */
class ResumeTest {

    /** A gateway over a transport of its own: what a JVM that starts afresh builds. */
    private static DatabricksGateway connect(Backend backend, EmulatorHarness h) {
        HttpTransport transport = HttpTransport.builder(h.emulator.url())
                .auth(Auth.bearer(h.emulator.token()))
                .retryPolicy(RetryPolicy.builder()
                        .clock(h.clock)
                        .sleeper(h.clock::sleep)
                        .jitter(Duration.ZERO)
                        .build())
                .build();
        return backend.gateway(transport, h.poller());
    }

    /**
     * A deploy whose smoke command passes (resumes end deployed from the restarts on), and one whose fails; the same
     * with the jar's main class as the smoke test (a job run, which outlives the JVM that submitted it).
     */
    enum Scenario {
        SMOKE_PASSES("println(1)", null, Outcome.DEPLOYED),
        SMOKE_FAILS("// emulator: error=boom", null, Outcome.ROLLED_BACK),
        JAR_SMOKE_PASSES(null, "emulator:duration=3s", Outcome.DEPLOYED),
        JAR_SMOKE_FAILS(null, "emulator:throw=java.lang.IllegalStateException: boom", Outcome.ROLLED_BACK);

        final String smokeCommand;
        final String mainClassParameter;
        final Outcome uninterrupted;

        Scenario(String smokeCommand, String mainClassParameter, Outcome uninterrupted) {
            this.smokeCommand = smokeCommand;
            this.mainClassParameter = mainClassParameter;
            this.uninterrupted = uninterrupted;
        }
    }

    /** What a JVM that dies mid-call looks like from outside: it throws out of everything and sends nothing. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated JVM death", null, false, false);
        }
    }

    @TestFactory
    Stream<DynamicTest> aDeployCutShortAfterAnyCheckpointIsFinishedOrRolledBack() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            for (Scenario scenario : Scenario.values()) {
                int checkpoints = countCheckpoints(backend, scenario);
                assertThat(checkpoints).as("a whole deploy saves checkpoints").isGreaterThan(10);
                IntStream.rangeClosed(1, checkpoints)
                        .forEach(k -> tests.add(DynamicTest.dynamicTest(
                                backend + ", " + scenario + ": crash at checkpoint " + k + " of " + checkpoints,
                                () -> crashAtAndResume(backend, scenario, k))));
            }
        }
        return tests.stream();
    }

    private DeploySpec.Builder spec(EmulatorHarness h, Scenario scenario) {
        DeploySpec.Builder spec = h.spec("etl", "ml").keepVersions(0);
        return scenario.smokeCommand != null
                ? spec.smokeCommand(scenario.smokeCommand)
                : spec.smokeMainClass(io.jenkins.plugins.databricks.deploy.cli.DemoJar.SMOKE_CLASS)
                        .smokeParameters(List.of(scenario.mainClassParameter));
    }

    /** Both running targets have 1.0.0; 1.1.0 is the jar to deploy. Returns 1.0.0's id. */
    private String oldVersionOnBoth(EmulatorHarness h, DatabricksGateway gateway) throws Exception {
        h.jar("1.0.0");
        String v1 = h.deployer(gateway)
                .deploy(h.spec("etl", "ml").build())
                .library()
                .id();
        h.jar("1.1.0");
        h.log.clear();
        return v1;
    }

    private int countCheckpoints(Backend backend, Scenario scenario) throws Exception {
        Path dir = Files.createTempDirectory("resume-count");
        try (EmulatorHarness h = new EmulatorHarness(dir, backend)) {
            DatabricksGateway gateway = connect(backend, h);
            oldVersionOnBoth(h, gateway);
            AtomicInteger saved = new AtomicInteger();
            Deployer deployer = h.deployer(gateway).checkpointsTo(cp -> saved.incrementAndGet());
            DeployReport report;
            try {
                report = deployer.deploy(spec(h, scenario).build());
            } catch (DeployException e) {
                report = e.report().orElseThrow(() -> e);
            }
            assertThat(report.outcome()).isEqualTo(scenario.uninterrupted);
            return saved.get();
        } finally {
            deleteQuietly(dir);
        }
    }

    private void crashAtAndResume(Backend backend, Scenario scenario, int k) throws Exception {
        Path dir = Files.createTempDirectory("resume-" + k);
        try (EmulatorHarness h = new EmulatorHarness(dir, backend)) {
            String v1 = oldVersionOnBoth(h, connect(backend, h));
            AtomicBoolean dead = new AtomicBoolean();
            AtomicInteger saves = new AtomicInteger();
            AtomicReference<DeployCheckpoint> stored = new AtomicReference<>();
            Checkpoints sink = cp -> {
                if (dead.get()) {
                    throw new Crash();
                }
                // what the build stores: the JSON form, read back by the next JVM
                stored.set(DeployCheckpoint.fromJson(cp.toJson()));
                if (saves.incrementAndGet() == k) {
                    dead.set(true);
                    throw new Crash();
                }
            };
            DatabricksGateway dying = dyingWith(connect(backend, h), dead);
            Crash crash = null;
            try {
                DeployReport whole = h.deployer(dying)
                        .checkpointsTo(sink)
                        .deploy(spec(h, scenario).build());
                assertThat(whole.outcome()).isEqualTo(scenario.uninterrupted);
            } catch (Crash e) {
                crash = e;
            } catch (DeployException e) {
                assertThat(e.report().orElseThrow().outcome()).isEqualTo(scenario.uninterrupted);
            }
            if (crash == null) {
                // the smoke threads race: this run saved fewer checkpoints than the counted one, and ended first
                assertThat(saves.get()).as("checkpoints of this run").isLessThan(k);
                return;
            }
            DeployCheckpoint last = stored.get();
            assertThat(last).isNotNull();
            assertThat(last.toJson()).doesNotContain(h.emulator.token());
            h.log.clear();

            DeployReport report = resume(h, backend, scenario, last);

            String where = "crash at checkpoint " + k + " (" + last.phase() + "); log:\n" + h.logText();
            System.out.println(backend + ", " + scenario + ": crash at checkpoint " + k + " (" + last.phase() + ", "
                    + last.openContexts().size() + " context(s), "
                    + last.openRuns().size()
                    + " run(s) open) -> resumed: " + report.outcome());
            assertThat(h.logText()).as(where).contains("Resuming the deploy of ");
            assertThat(report.notes()).as(where).anyMatch(n -> n.startsWith("resumed after the JVM"));
            // Every context a checkpoint named is destroyed. A context whose creation was answered in the instant
            // the JVM died cannot be named by any checkpoint (its id comes with the answer): at most one per cluster,
            // and only when the crash hit the smoke threads.
            for (String open : last.openContexts()) {
                String id = open.substring(open.indexOf('/') + 1);
                assertThat(h.emulator.context(id).destroyed()).as(where).isTrue();
            }
            List<String> leftOpen = h.emulator.contexts().stream()
                    .filter(c -> !c.destroyed())
                    .map(Object::toString)
                    .toList();
            if (last.phase() != DeployCheckpoint.Phase.SMOKE) {
                assertThat(leftOpen).as(where).isEmpty();
            }
            assertThat(leftOpen.size()).as(where).isLessThanOrEqualTo(1);
            // Every smoke run a checkpoint named was cancelled (or had ended): none goes on running on a cluster.
            for (String open : last.openRuns()) {
                long id = Long.parseLong(open.substring(open.indexOf('/') + 1));
                assertThat(h.logText()).as(where).contains("Cancelled smoke run " + id + " that the stopped JVM left");
                assertThat(h.emulator.jobs().runs())
                        .as(where)
                        .filteredOn(r -> r.runId() == id)
                        .singleElement()
                        .satisfies(r -> assertThat(r.lifecycle()).as(where).isIn("TERMINATING", "TERMINATED"));
            }
            if (last.phase() != DeployCheckpoint.Phase.SMOKE) {
                assertThat(h.emulator.jobs().runs())
                        .as(where)
                        .allSatisfy(r -> assertThat(r.lifecycle()).isIn("TERMINATING", "TERMINATED"));
            }
            String newId = report.library().id();
            for (String cluster : List.of(RUNNING_1, RUNNING_2)) {
                String old = h.statusOn(v1, cluster);
                String now = newId == null ? "ABSENT" : h.statusOn(newId, cluster);
                switch (report.outcome()) {
                    case DEPLOYED -> {
                        assertThat(now).as(where).isEqualTo("INSTALLED");
                        assertThat(old).as(where).isIn(GONE);
                    }
                    case ROLLED_BACK, FAILED -> {
                        assertThat(old).as(where).isEqualTo("INSTALLED");
                        assertThat(now).as(where).isIn(GONE);
                    }
                    default -> throw new AssertionError("unexpected outcome " + report.outcome() + ": " + where);
                }
            }
            if (report.outcome() == Outcome.FAILED) {
                assertThat(last.phase()).as(where).isEqualTo(DeployCheckpoint.Phase.UPLOADING);
            }
            if (last.phase().compareTo(DeployCheckpoint.Phase.RESTARTING) >= 0) {
                // the swap was complete: the resume finished the deploy, which ends as it would have
                assertThat(report.outcome()).as(where).isEqualTo(scenario.uninterrupted);
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Not installed any more, or leaving at the next restart, in the engine's words. */
    private static final Set<String> GONE = Set.of("ABSENT", "REMOVED_AT_RESTART");

    /** A fresh engine, a fresh client, the spec built again: what the restarted controller does. */
    private DeployReport resume(EmulatorHarness h, Backend backend, Scenario scenario, DeployCheckpoint last)
            throws Exception {
        Deployer fresh = h.deployer(connect(backend, h));
        try {
            return fresh.resume(spec(h, scenario).build(), last);
        } catch (DeployException e) {
            return e.report().orElseThrow(() -> e);
        }
    }

    private static DatabricksGateway dyingWith(DatabricksGateway real, AtomicBoolean dead) {
        return (DatabricksGateway) Proxy.newProxyInstance(
                DatabricksGateway.class.getClassLoader(), new Class<?>[] {DatabricksGateway.class}, (p, m, args) -> {
                    if (dead.get() && m.getDeclaringClass() == DatabricksGateway.class) {
                        throw new Crash();
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory
        }
    }
}
