package io.jenkins.plugins.databricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.databricks.emulator.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollerTest {

    private final ManualClock time = new ManualClock();

    private Poller poller() {
        return new Poller(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), time, time::sleep);
    }

    @Test
    void backsOffMultiplicativelyUpToTheCap() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        int answer = poller().until("seven", Duration.ofMinutes(1), probes::incrementAndGet, n -> n == 7);
        assertThat(answer).isEqualTo(7);
        assertThat(time.sleeps())
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
    }

    @Test
    void timesOutWithWhatWasSeenLast() {
        assertThatThrownBy(() -> poller().until("cluster up", Duration.ofSeconds(10), () -> "Pending", s -> false))
                .isInstanceOf(PollTimeoutException.class)
                .hasMessage("timed out after 10.0 s waiting for cluster up; last seen: Pending");
        // never sleeps past the deadline
        assertThat(time.sleeps().stream().mapToLong(Duration::toMillis).sum()).isEqualTo(10_000);
    }

    @Test
    void anInterruptStopsTheWait() {
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> poller().until(
                                "forever",
                                Duration.ofHours(1),
                                () -> {
                                    seen.add("probe");
                                    Thread.currentThread().interrupt();
                                    return "Pending";
                                },
                                s -> false))
                .isInstanceOf(InterruptedException.class);
        assertThat(seen).hasSize(1);
        assertThat(Thread.interrupted()).isFalse(); // the exception consumed the flag, as Thread.sleep does
    }

    @Test
    void probeExceptionsPassThrough() {
        assertThatThrownBy(() -> poller().until(
                                "x",
                                Duration.ofSeconds(1),
                                () -> {
                                    throw new GatewayException("HTTP 503");
                                },
                                s -> true))
                .isInstanceOf(GatewayException.class)
                .hasMessage("HTTP 503");
    }
}
