package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServiceLimitsTest {

    private final ManualClock clock = new ManualClock();

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi().settings(s -> s.clock(clock)).cluster("c1", "one", ClusterState.RUNNING);

    private int list() {
        return api.http().get("clusters/list").status();
    }

    private HttpRequest filesApi(String file) {
        return HttpRequest.newBuilder(
                        URI.create(api.emulator().url() + "/api/2.0/fs/files/Volumes/main/libs/jars/" + file))
                .header("Authorization", "Bearer " + api.emulator().token())
                .GET()
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private int files(String file) {
        return api.http().send(filesApi(file)).status();
    }

    @Test
    void ratesAreOffByDefault() {
        assertThat(IntStream.range(0, 150).map(i -> list())).doesNotContain(429);
        assertThat(IntStream.range(0, 150).map(i -> files("a.jar"))).doesNotContain(429);
        assertThat(api.emulator().limits().rejected()).isZero();
    }

    @Test
    void otherEndpointsGetTheirRatePerSecondThen429WithRetryAfterAndNoEffect() {
        api.emulator().limits().otherEndpoints(5);

        assertThat(IntStream.range(0, 5).map(i -> list())).containsOnly(200);
        EmulatorHttp.Response limited = api.http().get("clusters/list");
        EmulatorHttp.Response restart = api.http().postForm("clusters/restart", "clusterId", "c1");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.json().get("error_code").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(restart.status()).isEqualTo(429);
        assertThat(api.emulator().cluster("c1").state())
                .as("a rejected request takes no effect")
                .isEqualTo(ClusterState.RUNNING);
        assertThat(api.emulator().journal().last().fault()).isEqualTo(ServiceLimits.RATE_LIMITED);
        assertThat(api.emulator().journal().last().status()).isEqualTo(429);

        clock.advance(Duration.ofMillis(200));
        assertThat(list()).as("one token refilled after 1/5 s").isEqualTo(200);
        assertThat(list()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(10));
        assertThat(IntStream.range(0, 6).map(i -> list()))
                .as("the bucket holds one second's worth, however long it waited")
                .containsExactly(200, 200, 200, 200, 200, 429);
        assertThat(api.emulator().limits().rejected()).isEqualTo(4);
        assertThat(files("a.jar")).as("the Files API has limits of its own").isNotEqualTo(429);
    }

    @Test
    void filesApiTakesItsDocumentedHundredPerSecondWhileOtherEndpointsAreUnaffected() {
        api.emulator().limits().documentedFilesApi();

        assertThat(IntStream.range(0, 100).map(i -> files("a.jar"))).doesNotContain(429);
        assertThat(files("a.jar")).isEqualTo(429);
        assertThat(list()).isEqualTo(200);
        clock.advance(Duration.ofMillis(10));
        assertThat(files("a.jar")).isNotEqualTo(429);
        assertThat(files("a.jar")).isEqualTo(429);

        api.emulator().limits().off();
        assertThat(files("a.jar")).isNotEqualTo(429);
    }

    @Test
    void filesApiTakesAtMostTheConcurrentLimitAtOnceAndFreesASlotWhenARequestEnds() throws Exception {
        // Three requests held 1.5 s each (latency fault, inside the limit) while two more arrive.
        api.emulator().limits().filesApi(3, 0);
        api.emulator()
                .faults()
                .forPath("/api/2.0/fs/files/Volumes/main/libs/jars/slow.jar")
                .times(3)
                .latency(Duration.ofMillis(1500));
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<Void>>> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slow.add(client.sendAsync(filesApi("slow.jar"), HttpResponse.BodyHandlers.discarding()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (api.emulator().faults().armed() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(api.emulator().faults().armed())
                .as("all three are in the emulator")
                .isZero();

        HttpResponse<Void> fourth = client.send(filesApi("fast.jar"), HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> fifth = client.send(filesApi("fast.jar"), HttpResponse.BodyHandlers.discarding());
        assertThat(list()).as("the concurrency limit is the Files API's only").isEqualTo(200);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(fifth.statusCode()).isEqualTo(429);
        for (CompletableFuture<HttpResponse<Void>> f : slow) {
            assertThat(f.get().statusCode()).isNotEqualTo(429);
        }
        assertThat(files("fast.jar")).as("the slots are free again").isNotEqualTo(429);
        assertThat(api.emulator().journal().matching(e -> e.status() == 429))
                .extracting(JournalEntry::fault)
                .containsExactly(ServiceLimits.CONCURRENCY_LIMITED, ServiceLimits.CONCURRENCY_LIMITED);
    }
}
