package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.databricks.emulator.ManualClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private final ManualClock time = new ManualClock();
    private final RetryPolicy policy = ManualRetry.policy(time).build();

    private static RetryPolicy.Failure http(int status) {
        return RetryPolicy.Failure.http(status, "", null);
    }

    private static RetryPolicy.Failure http(int status, String text) {
        return RetryPolicy.Failure.http(status, text, null);
    }

    private static RetryPolicy.Failure io(IOException e) {
        return RetryPolicy.Failure.io(e);
    }

    @Test
    void rateLimitAndUnavailableAreRetriedForReadsAndWrites() {
        for (boolean safe : new boolean[] {true, false}) {
            assertThat(policy.isRetryable(http(429), safe)).isTrue();
            assertThat(policy.isRetryable(http(503), safe)).isTrue();
        }
    }

    @Test
    void otherServerErrorsAreRetriedOnlyWhenSafeToRepeat() {
        for (int status : new int[] {500, 502, 504}) {
            assertThat(policy.isRetryable(http(status), true))
                    .as("GET %s", status)
                    .isTrue();
            assertThat(policy.isRetryable(http(status), false))
                    .as("POST %s", status)
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 409, 413})
    void clientErrorsAreNeverRetried(int status) {
        assertThat(policy.isRetryable(http(status, "NotFoundException: nope"), true))
                .isFalse();
        assertThat(policy.isRetryable(http(status, "x"), false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ClusterNotReadyException: Cluster 1 is not ready",
                "UnknownWorkerEnvironmentException: x",
                "Cluster 1 does not have any associated worker environments",
                "There is no worker environment with id 7",
                "Unknown worker environment",
                "TEMPORARILY_UNAVAILABLE",
                "No webapps are available to handle your request. Please try again later."
            })
    void transientMessagesAreRetriedEvenForWrites(String text) {
        assertThat(policy.isRetryable(http(500, text), false)).isTrue();
        assertThat(policy.isRetryable(http(400, text), false)).isTrue();
    }

    @Test
    void connectionFailuresBeforeSendingAreRetriedForWrites() {
        for (IOException e : new IOException[] {
            new ConnectException("refused"),
            new ConnectTimeoutException("slow"),
            new UnknownHostException("x"),
            new NoRouteToHostException("x")
        }) {
            assertThat(policy.isRetryable(io(e), false)).as(e.toString()).isTrue();
        }
    }

    @Test
    void failuresAfterSendingAreRetriedOnlyWhenSafeToRepeat() {
        for (IOException e : new IOException[] {
            new SocketTimeoutException("Read timed out"),
            new NoHttpResponseException("The target server failed to respond"),
            new SocketException("Connection reset")
        }) {
            assertThat(policy.isRetryable(io(e), true)).as("GET %s", e).isTrue();
            assertThat(policy.isRetryable(io(e), false)).as("POST %s", e).isFalse();
        }
    }

    @Test
    void tlsFailuresAreNeverRetried() {
        assertThat(policy.isRetryable(io(new SSLHandshakeException("PKIX path building failed")), true))
                .isFalse();
    }

    @Test
    void backoffDoublesUpToTheCapAndAddsJitter() {
        RetryPolicy p = ManualRetry.policy(time)
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(1000))
                .jitter(Duration.ofMillis(50))
                .random(() -> 0.5)
                .build();
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(125));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(225));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(425));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofMillis(825));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofMillis(1025));
        assertThat(p.backoff(60)).isEqualTo(Duration.ofMillis(1025));
    }

    @Test
    void attemptsAreBounded() {
        RetryPolicy p = ManualRetry.policy(time).maxAttempts(3).build();
        Instant start = time.instant();
        assertThat(p.delayBeforeRetry(http(503), true, 1, start)).isPresent();
        assertThat(p.delayBeforeRetry(http(503), true, 2, start)).isPresent();
        assertThat(p.delayBeforeRetry(http(503), true, 3, start)).isEmpty();
    }

    @Test
    void totalTimeIsBounded() {
        RetryPolicy p = ManualRetry.policy(time)
                .maxAttempts(100)
                .initialBackoff(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(8))
                .maxTotalTime(Duration.ofSeconds(20))
                .build();
        Instant start = time.instant();
        int attempts = 1;
        while (true) {
            var delay = p.delayBeforeRetry(http(503), true, attempts, start);
            if (delay.isEmpty()) {
                break;
            }
            time.advance(delay.get());
            attempts++;
        }
        // waits 1, 2, 4, 8 (=15 s); the next 8 s would end past 20 s
        assertThat(attempts).isEqualTo(5);
        assertThat(Duration.between(start, time.instant())).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void retryAfterSecondsIsHonoured() {
        Instant start = time.instant();
        assertThat(policy.delayBeforeRetry(RetryPolicy.Failure.http(429, "", "7"), false, 1, start))
                .contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterBeyondTheTotalTimeGivesUp() {
        Instant start = time.instant();
        assertThat(policy.delayBeforeRetry(RetryPolicy.Failure.http(429, "", "3600"), false, 1, start))
                .isEmpty();
    }

    @Test
    void retryAfterParsesSecondsAndHttpDates() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertThat(RetryPolicy.parseRetryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter(" 0 ", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now))
                .contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("-5", now)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("", now)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, now)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("99999999999999999999999", now)).isEmpty();
    }

    @Test
    void noneMakesOneAttempt() {
        assertThat(RetryPolicy.none().delayBeforeRetry(http(503), true, 1, Instant.now()))
                .isEmpty();
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void defaultsAreDocumented() {
        RetryPolicy d = RetryPolicy.defaults();
        assertThat(d.maxAttempts()).isEqualTo(6);
        assertThat(d.maxTotalTime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.toString()).contains("maxAttempts=6");
    }

    @Test
    void badSettingsAreExplained() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
                .hasMessageContaining("maxAttempts must be at least 1");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(Duration.ofSeconds(-1)))
                .hasMessageContaining("jitter must not be negative");
        assertThatThrownBy(() -> RetryPolicy.builder()
                        .initialBackoff(Duration.ofSeconds(10))
                        .maxBackoff(Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("maxBackoff");
    }

    @Test
    void toBuilderKeepsValues() {
        RetryPolicy p =
                ManualRetry.policy(time).maxAttempts(9).build().toBuilder().build();
        assertThat(p.maxAttempts()).isEqualTo(9);
        assertThat(p.clock()).isSameAs(time);
    }
}
