package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.DeployReport.SmokeReport;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The smoke command on several clusters at once. Concurrency is proven with latches and barriers in the gateway (real
 * HTTP underneath), never with timing: a cluster that waits for another one to get somewhere only gets there when
 * both run at the same time; run one after the other, the wait fails after its (generous) safety limit. On each
 * backend: the smoke command is the same 1.2 command execution on both.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ParallelSmokeTest {

    @Parameter
    Backend backend;

    /** Only reached when the clusters do not run concurrently: the test then fails, it does not hang. */
    private static final long SAFETY_SECONDS = 20;

    @TempDir
    Path workspace;

    EmulatorHarness h;
    String v1;

    @BeforeEach
    void oldVersionOnBoth() throws Exception {
        h = new EmulatorHarness(workspace, backend);
        h.jar("1.0.0");
        v1 = h.deploy(h.spec("etl", "ml")).library().id();
        h.jar("1.1.0");
        h.emulator.journal().clear();
        h.log.clear();
    }

    @AfterEach
    void stop() {
        Thread.interrupted();
        h.close();
    }

    /** Runs {@code hook} before each call of the real gateway, with the method name and arguments. */
    @FunctionalInterface
    interface Hook {
        Object[] before(String method, Object[] args) throws Exception;
    }

    private DatabricksGateway hooked(Hook hook) {
        DatabricksGateway real = h.gateway;
        return (DatabricksGateway) Proxy.newProxyInstance(
                DatabricksGateway.class.getClassLoader(), new Class<?>[] {DatabricksGateway.class}, (p, m, args) -> {
                    Object[] actual = hook.before(m.getName(), args);
                    try {
                        return m.invoke(real, actual);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(SAFETY_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the clusters' smoke commands did not run at the same time");
        }
    }

    private static void assertNoSmokeThreadLeft() {
        assertThat(Thread.getAllStackTraces().keySet())
                .as("threads of the smoke step after the deploy")
                .noneMatch(t -> t.isAlive() && t.getName().startsWith(ParallelSmoke.THREAD_PREFIX));
    }

    @Test
    void theSmokeCommandRunsOnEveryRunningClusterAtOnce() throws Exception {
        CyclicBarrier bothExecuting = new CyclicBarrier(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        DatabricksGateway via = hooked((method, args) -> {
            if (method.equals("execute")) {
                threads.add(Thread.currentThread().getName());
                // Neither command is sent before both contexts run: impossible one cluster after the other.
                bothExecuting.await(SAFETY_SECONDS, TimeUnit.SECONDS);
            }
            return args;
        });

        DeployReport report = h.deployer(via)
                .deploy(h.spec("etl", "ml", "nightly")
                        .smokeCommand("// emulator: print=ok")
                        .build());

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.smoke())
                .extracting(SmokeReport::clusterId, SmokeReport::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RUNNING_1, "PASSED"),
                        org.assertj.core.groups.Tuple.tuple(RUNNING_2, "PASSED"));
        assertThat(h.mutations())
                .containsSubsequence(
                        "POST contexts/create",
                        "POST contexts/create",
                        "POST commands/execute",
                        "POST commands/execute");
        assertThat(h.emulator.contexts())
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.destroyed()).isTrue());
        assertThat(threads)
                .hasSize(2)
                .allSatisfy(name -> assertThat(name)
                        .startsWith(
                                ParallelSmoke.THREAD_PREFIX + report.library().name()))
                .anySatisfy(name -> assertThat(name).endsWith(" on etl (" + RUNNING_1 + ")"))
                .anySatisfy(name -> assertThat(name).endsWith(" on ml (" + RUNNING_2 + ")"));
        // Verdicts come in target order, whichever cluster finished first.
        List<String> verdicts = h.log.stream()
                .filter(l -> l.contains(" passed in ") || l.contains("Smoke command skipped"))
                .toList();
        assertThat(verdicts).hasSize(3);
        assertThat(verdicts.get(0)).contains("Smoke command on etl (" + RUNNING_1 + ") passed in ");
        assertThat(verdicts.get(1)).contains("Smoke command on ml (" + RUNNING_2 + ") passed in ");
        assertThat(verdicts.get(2)).contains("Smoke command skipped on nightly (");
        assertNoSmokeThreadLeft();
    }

    @Test
    void theFirstFailureCancelsTheOthersAndRollsBack() throws Exception {
        CountDownLatch etlRunning = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        DatabricksGateway via = hooked((method, args) -> {
            String cluster = args == null ? null : String.valueOf(args[0]);
            if (method.equals("execute") && RUNNING_2.equals(cluster)) {
                await(etlRunning); // ml fails only once etl's command runs
                Object[] failing = args.clone();
                failing[3] = "// emulator: error=java.lang.NoClassDefFoundError: com/acme/Job";
                return failing;
            }
            if (method.equals("commandStatus") && RUNNING_1.equals(cluster)) {
                etlRunning.countDown();
                await(never); // etl's command never ends by itself: only the cancel stops it
            }
            return args;
        });

        DeployException e = catchThrowableOfType(
                DeployException.class,
                () -> h.deployer(via)
                        .deploy(h.spec("etl", "ml")
                                .smokeCommand("// emulator: hang")
                                .build()));

        DeployReport report = e.report().orElseThrow();
        assertThat(report.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(e)
                .hasMessageStartingWith("Smoke command FAILED on ml (" + RUNNING_2 + "): the command failed:")
                .hasMessageEndingWith("— rolled back to the old version");
        assertThat(report.smoke()).extracting(SmokeReport::clusterId).containsExactly(RUNNING_1, RUNNING_2);
        SmokeReport etl = report.smoke().get(0);
        assertThat(etl.status()).isEqualTo("CANCELLED");
        assertThat(etl.message())
                .startsWith("stopped because the smoke command FAILED on ml (" + RUNNING_2 + "); command ")
                .endsWith(" cancelled");
        assertThat(report.smoke().get(1).status()).isEqualTo("FAILED");
        assertThat(h.emulator.commands())
                .filteredOn(c -> c.clusterId().equals(RUNNING_1))
                .singleElement()
                .satisfies(c -> assertThat(c.cancelRequested()).isTrue());
        assertThat(h.emulator.contexts())
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.destroyed()).isTrue());
        assertThat(h.mutations())
                .contains("POST commands/cancel")
                .containsSubsequence("POST contexts/destroy", "POST contexts/destroy", "install");
        assertThat(h.statusOn(v1, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(h.statusOn(v1, RUNNING_2)).isEqualTo("INSTALLED");
        assertThat(h.logText())
                .containsSubsequence(
                        "Smoke command on etl (" + RUNNING_1 + ") CANCELLED after ",
                        "Smoke command on ml (" + RUNNING_2 + ") FAILED after ",
                        "FAILED: Smoke command FAILED on ml");
        assertNoSmokeThreadLeft();
    }

    @Test
    void anAbortDuringTheSmokeCommandsCancelsEveryCommandAndDestroysEveryContext() {
        Thread deploying = Thread.currentThread();
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        Set<String> polled = ConcurrentHashMap.newKeySet();
        DatabricksGateway via = hooked((method, args) -> {
            if (method.equals("commandStatus")) {
                if (polled.add(String.valueOf(args[0]))) {
                    bothRunning.countDown();
                }
                if (bothRunning.getCount() == 0) {
                    deploying.interrupt(); // a Jenkins abort while both commands run
                }
                await(never);
            }
            return args;
        });

        DeployAbortedException e = catchThrowableOfType(
                DeployAbortedException.class,
                () -> h.deployer(via)
                        .deploy(h.spec("etl", "ml")
                                .smokeCommand("// emulator: hang")
                                .build()));

        assertThat(Thread.interrupted())
                .as("the interrupt flag stays set for the caller")
                .isTrue();
        DeployReport report = e.report().orElseThrow();
        assertThat(report.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(e).hasMessageStartingWith("interrupted");
        assertThat(report.smoke())
                .extracting(SmokeReport::clusterId, SmokeReport::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RUNNING_1, "ABORTED"),
                        org.assertj.core.groups.Tuple.tuple(RUNNING_2, "ABORTED"));
        assertThat(h.emulator.commands())
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.cancelRequested()).isTrue());
        assertThat(h.emulator.contexts())
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.destroyed()).isTrue());
        assertThat(h.statusOn(v1, RUNNING_1)).isNotEqualTo("ABSENT");
        assertNoSmokeThreadLeft();
    }

    @Test
    void atMostEightClustersRunAtOnceAndEveryOneIsReportedInTargetOrder() throws Exception {
        List<String> names = new ArrayList<>(List.of("etl", "ml"));
        List<String> ids = new ArrayList<>(List.of(RUNNING_1, RUNNING_2));
        for (int i = 3; i <= 10; i++) {
            String id = String.format("0101-000000-par%02d", i);
            h.emulator.addCluster(id, "par" + i, ClusterState.RUNNING);
            names.add("par" + i);
            ids.add(id);
        }
        CyclicBarrier firstEight = new CyclicBarrier(ParallelSmoke.MAX_PARALLEL);
        AtomicInteger executes = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        DatabricksGateway via = hooked((method, args) -> {
            switch (method) {
                case "createContext" -> peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                case "destroyContext" -> inFlight.decrementAndGet();
                case "execute" -> {
                    if (executes.incrementAndGet() <= ParallelSmoke.MAX_PARALLEL) {
                        firstEight.await(SAFETY_SECONDS, TimeUnit.SECONDS);
                    }
                }
                default -> {}
            }
            return args;
        });

        DeployReport report = h.deployer(via)
                .deploy(h.spec(names.toArray(String[]::new))
                        .smokeCommand("// emulator: print=ok")
                        .build());

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(peak.get()).isEqualTo(ParallelSmoke.MAX_PARALLEL);
        assertThat(report.smoke()).extracting(SmokeReport::clusterId).containsExactlyElementsOf(ids);
        assertThat(report.smoke()).allSatisfy(s -> assertThat(s.status()).isEqualTo("PASSED"));
        assertThat(h.emulator.contexts())
                .hasSize(10)
                .allSatisfy(c -> assertThat(c.destroyed()).isTrue());
        assertNoSmokeThreadLeft();
    }
}
