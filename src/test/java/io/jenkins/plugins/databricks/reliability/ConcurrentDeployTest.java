package io.jenkins.plugins.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.databricks.deploy.ClusterLocks;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds of one Jenkins deploy to the same cluster at the same time. The second plans while the first is half
 * way (its jar uploaded, not yet attached), waits for the per-cluster lock, plans again, and replaces the first's
 * library; their changes on Databricks never interleave.
 */
class ConcurrentDeployTest {

    @TempDir
    Path tmp;

    private final ExecutorService builds = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        builds.shutdownNow();
    }

    @Test
    void twoDeploysToOneClusterRunOneAfterTheOtherAndBothSucceed() throws Exception {
        try (Rig rig = new Rig(tmp.resolve("rig"))) {
            Path first = buildWorkspace("first", "1.0");
            Path second = buildWorkspace("second", "2.0");
            List<String> firstLog = new CopyOnWriteArrayList<>();
            List<String> secondLog = new CopyOnWriteArrayList<>();
            CountDownLatch firstUploaded = new CountDownLatch(1);
            CountDownLatch secondWaits = new CountDownLatch(1);

            Deployer a = rig.deployer(first, recordAnd(firstLog, line -> {
                if (line.contains("Uploaded")) {
                    firstUploaded.countDown();
                    // Hold the first deploy half way until the second is queued behind it.
                    await(secondWaits);
                }
            }));
            Deployer b = rig.deployer(second, recordAnd(secondLog, line -> {
                if (line.contains("Waiting for another deploy")) {
                    secondWaits.countDown();
                }
            }));

            Future<DeployReport> one =
                    builds.submit(() -> a.deploy(rig.spec(Rig.ETL).buildId("7").build()));
            assertThat(firstUploaded.await(10, TimeUnit.SECONDS)).isTrue();
            Future<DeployReport> two =
                    builds.submit(() -> b.deploy(rig.spec(Rig.ETL).buildId("8").build()));

            DeployReport r1 = one.get(30, TimeUnit.SECONDS);
            DeployReport r2 = two.get(30, TimeUnit.SECONDS);

            assertThat(r1.outcome()).isEqualTo(Outcome.DEPLOYED);
            assertThat(r2.outcome()).isEqualTo(Outcome.DEPLOYED);
            String firstId = r1.library().id();
            String secondId = r2.library().id();
            assertThat(String.join("\n", secondLog))
                    .contains("Waiting for another deploy to cluster " + Rig.ETL + " to finish: deploy of "
                            + r1.library().name() + " (build 7)")
                    .contains("Planning again: another deploy to these clusters finished since the pre-flight")
                    .contains("Detached old library " + firstId);

            // The mutation windows do not overlap: every change of the first precedes every change of the second.
            List<JournalEntry> mutations = rig.emulator.journal().mutations();
            List<Integer> ofFirst = indexes(mutations, e -> isFirst(e, firstId));
            List<Integer> ofSecond = indexes(mutations, e -> !isFirst(e, firstId));
            assertThat(ofFirst).isNotEmpty();
            assertThat(ofSecond).isNotEmpty();
            assertThat(ofFirst.get(ofFirst.size() - 1))
                    .as("last change of the first before the first change of the second: %s", mutations)
                    .isLessThan(ofSecond.get(0));

            // The second replaced the first.
            assertThat(rig.settledStatus(secondId, Rig.ETL)).isEqualTo(LibraryClusterStatus.ATTACHED);
            assertThat(rig.settledStatus(firstId, Rig.ETL)).isNotEqualTo(LibraryClusterStatus.ATTACHED);
            assertThat(ClusterLocks.jvmWide().idle()).isTrue();
        }
    }

    @Test
    void anAbortWhileWaitingForTheClusterChangesNothing() throws Exception {
        try (Rig rig = new Rig(tmp.resolve("rig"))) {
            Path first = buildWorkspace("first", "1.0");
            Path second = buildWorkspace("second", "2.0");
            CountDownLatch firstUploaded = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch secondWaits = new CountDownLatch(1);
            Deployer a = rig.deployer(first, line -> {
                if (line.contains("Uploaded")) {
                    firstUploaded.countDown();
                    await(release);
                }
            });
            Deployer b = rig.deployer(second, line -> {
                if (line.contains("Waiting for another deploy")) {
                    secondWaits.countDown();
                }
            });
            Future<DeployReport> one =
                    builds.submit(() -> a.deploy(rig.spec(Rig.ETL).build()));
            assertThat(firstUploaded.await(10, TimeUnit.SECONDS)).isTrue();
            Thread[] secondThread = new Thread[1];
            Future<DeployReport> two = builds.submit(() -> {
                secondThread[0] = Thread.currentThread();
                return b.deploy(rig.spec(Rig.ETL).build());
            });
            assertThat(secondWaits.await(10, TimeUnit.SECONDS)).isTrue();
            secondThread[0].interrupt();
            assertThatThrownBy(() -> two.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
            release.countDown();
            assertThat(one.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.DEPLOYED);
            assertThat(rig.emulator.journal().mutations())
                    .as("the aborted second deploy uploaded nothing")
                    .noneMatch(e -> e.endpoint().equals("libraries/upload")
                            && e.param("name").contains("2.0"));
            assertThat(ClusterLocks.jvmWide().idle()).isTrue();
        }
    }

    private Path buildWorkspace(String name, String version) throws Exception {
        Path ws = Files.createDirectories(tmp.resolve(name));
        Rig.jar(ws, version);
        return ws;
    }

    /** The first deploy's changes: its upload and its attach; everything else (detach, restart) is the second's. */
    private static boolean isFirst(JournalEntry e, String firstId) {
        if (e.endpoint().equals("libraries/upload")) {
            return e.param("name").contains("1.0");
        }
        return e.endpoint().equals("libraries/attach") && firstId.equals(e.param("libraryId"));
    }

    private static List<Integer> indexes(List<JournalEntry> entries, java.util.function.Predicate<JournalEntry> p) {
        return java.util.stream.IntStream.range(0, entries.size())
                .filter(i -> p.test(entries.get(i)))
                .boxed()
                .toList();
    }

    private static io.jenkins.plugins.databricks.deploy.DeployListener recordAnd(
            List<String> log, Consumer<String> then) {
        return line -> {
            log.add(line);
            then.accept(line);
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the other deploy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
