package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Clusters2ApiTest {

    private static final String API = "/api/2.1/clusters/";
    private static final String STANDARD = "0101-000000-std";
    private static final String DEDICATED = "0101-000000-ded";
    private static final String OFF = "0101-000000-off";
    private static final String JOB = "0101-000000-job";
    private static final String LEGACY = "0101-000000-none";

    private final ManualClock clock = new ManualClock();

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi().settings(s -> s.clock(clock)).with(e -> {
        e.addCluster(STANDARD, "standard", ClusterState.RUNNING).sparkVersion("16.4.x-scala2.12");
        e.addCluster(DEDICATED, "dedicated", ClusterState.RUNNING).singleUser("alice@example.com");
        e.addCluster(OFF, "idle", ClusterState.TERMINATED);
        e.addCluster(JOB, "job-run-1", ClusterState.RUNNING).source(ClusterSource.JOB);
        e.addCluster(LEGACY, "legacy", ClusterState.RUNNING)
                .accessMode(AccessMode.NONE)
                .source(ClusterSource.API);
    });

    private JsonNode get(String id) {
        EmulatorHttp.Response r = api.http().get2(API + "get", "cluster_id", id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String state(String id) {
        return get(id).get("state").asText();
    }

    @Test
    void getReportsTheFieldsADeployNeeds() {
        JsonNode std = get(STANDARD);
        JsonNode ded = get(DEDICATED);
        JsonNode off = get(OFF);

        assertThat(std.get("cluster_id").asText()).isEqualTo(STANDARD);
        assertThat(std.get("cluster_name").asText()).isEqualTo("standard");
        assertThat(std.get("state").asText()).isEqualTo("RUNNING");
        assertThat(std.get("spark_version").asText()).isEqualTo("16.4.x-scala2.12");
        assertThat(std.get("data_security_mode").asText()).isEqualTo("USER_ISOLATION");
        assertThat(std.has("single_user_name")).isFalse();
        assertThat(std.get("cluster_source").asText()).isEqualTo("UI");
        assertThat(ded.get("data_security_mode").asText()).isEqualTo("SINGLE_USER");
        assertThat(ded.get("single_user_name").asText()).isEqualTo("alice@example.com");
        assertThat(off.get("state").asText()).isEqualTo("TERMINATED");
        assertThat(off.get("state_message").asText()).isNotBlank();
        assertThat(get(LEGACY).get("data_security_mode").asText()).isEqualTo("NONE");
        assertThat(get(JOB).get("cluster_source").asText()).isEqualTo("JOB");
    }

    @Test
    void anUnknownClusterIs400InvalidParameterValue() {
        EmulatorHttp.Response r = api.http().get2(API + "get", "cluster_id", "nope");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(r.json().get("message").asText()).isEqualTo("Cluster nope does not exist");
    }

    @Test
    void restartGoesRestartingThenRunningAndTheOneFaceSeesIt() {
        EmulatorHttp.Response r = api.http().post2(API + "restart", Map.of("cluster_id", STANDARD));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isEmpty()).isTrue();
        assertThat(state(STANDARD)).isEqualTo("RESTARTING");
        assertThat(api.http()
                        .get("clusters/status", "clusterId", STANDARD)
                        .json()
                        .get("status")
                        .asText())
                .as("the 1.2 face shows the same cluster restarting")
                .isEqualTo("Pending");
        clock.advance(api.emulator().settings().restartDuration());
        assertThat(state(STANDARD)).isEqualTo("RUNNING");
        assertThat(get(STANDARD).has("last_restarted_time")).isTrue();
        assertThat(api.emulator().cluster(STANDARD).restartCount()).isEqualTo(1);
    }

    @Test
    void restartOfANonRunningClusterIsInvalidState() {
        EmulatorHttp.Response r = api.http().post2(API + "restart", Map.of("cluster_id", OFF));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_code").asText()).isEqualTo("INVALID_STATE");
        assertThat(r.json().get("message").asText())
                .isEqualTo("Cluster " + OFF + " is in unexpected state Terminated.");
        assertThat(state(OFF)).isEqualTo("TERMINATED");
        api.http().post2(API + "restart", Map.of("cluster_id", STANDARD));
        EmulatorHttp.Response twice = api.http().post2(API + "restart", Map.of("cluster_id", STANDARD));
        assertThat(twice.json().get("message").asText()).endsWith("unexpected state Restarting.");
    }

    @Test
    void startGoesPendingThenRunningAndStartOfARunningOneIsInvalidState() {
        EmulatorHttp.Response start = api.http().post2("/api/2.0/clusters/start", Map.of("cluster_id", OFF));
        EmulatorHttp.Response running = api.http().post2(API + "start", Map.of("cluster_id", STANDARD));

        assertThat(start.status()).as("2.0 paths are accepted too").isEqualTo(200);
        assertThat(state(OFF)).isEqualTo("PENDING");
        clock.advance(api.emulator().settings().startDuration());
        assertThat(state(OFF)).isEqualTo("RUNNING");
        assertThat(running.status()).isEqualTo(400);
        assertThat(running.json().get("error_code").asText()).isEqualTo("INVALID_STATE");
        assertThat(api.emulator().journal().mutationCalls()).containsExactly("POST /api/2.0/clusters/start");
    }

    @Test
    void wrongStateCallsCanBeNoOpsAsTheReferenceSays() {
        api.emulator().settings().wrongStateCall(Settings.WrongStateCall.NO_OP);

        EmulatorHttp.Response r = api.http().post2(API + "restart", Map.of("cluster_id", OFF));

        assertThat(r.status()).isEqualTo(200);
        assertThat(state(OFF)).isEqualTo("TERMINATED");
        assertThat(api.emulator().journal().mutations()).isEmpty();
    }

    @Test
    void jobClustersCannotBeStartedOrRestarted() {
        api.emulator().cluster(JOB).forceState(ClusterState.TERMINATED);

        EmulatorHttp.Response start = api.http().post2(API + "start", Map.of("cluster_id", JOB));

        assertThat(start.status()).isEqualTo(400);
        assertThat(start.json().get("message").asText()).contains("job cluster");
        assertThat(state(JOB)).isEqualTo("TERMINATED");
    }

    @Test
    void listIsPagedToTheLastPageAndCoversTheSameClustersAsThe12Face() {
        List<String> ids = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            EmulatorHttp.Response r = token == null
                    ? api.http().get2(API + "list", "page_size", "100")
                    : api.http().get2(API + "list", "page_size", "100", "page_token", token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("clusters").size()).isLessThanOrEqualTo(2);
            page.get("clusters").forEach(c -> ids.add(c.get("cluster_id").asText()));
            assertThat(page.has("prev_page_token")).isEqualTo(pages > 0);
            token = page.has("next_page_token") ? page.get("next_page_token").asText() : null;
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(ids).containsExactly(STANDARD, DEDICATED, OFF, JOB, LEGACY);
        assertThat(api.http().get("clusters/list").json()).hasSize(5);
        JsonNode all = api.http().get2("/api/2.0/clusters/list").json();
        assertThat(all.get("clusters")).as("the 2.0 list is not paged").hasSize(5);
        assertThat(all.has("next_page_token")).isFalse();
    }

    @Test
    void listFiltersByStateAndSourceAndRefusesATokenOfAnotherListing() {
        JsonNode running = api.http()
                .get2(
                        API + "list",
                        "filter_by.cluster_states",
                        "RUNNING",
                        "filter_by.cluster_sources",
                        "UI",
                        "filter_by.cluster_sources",
                        "API")
                .json();
        JsonNode terminated = api.http()
                .get2(API + "list", "filter_by.cluster_states", "TERMINATED")
                .json();
        EmulatorHttp.Response byName = api.http().get2(API + "list", "sort_by.field", "CLUSTER_NAME");
        String token = byName.json().get("next_page_token").asText();
        EmulatorHttp.Response foreign = api.http().get2(API + "list", "page_token", token);
        EmulatorHttp.Response badState = api.http().get2(API + "list", "filter_by.cluster_states", "SLEEPING");

        List<String> runningIds = new ArrayList<>();
        running.get("clusters").forEach(c -> runningIds.add(c.get("cluster_id").asText()));
        assertThat(runningIds).containsExactly(STANDARD, DEDICATED);
        assertThat(running.get("next_page_token").asText()).isNotBlank();
        assertThat(terminated.get("clusters")).hasSize(1);
        assertThat(terminated.get("clusters").get(0).get("cluster_id").asText()).isEqualTo(OFF);
        assertThat(byName.json().get("clusters").get(0).get("cluster_name").asText())
                .isEqualTo("dedicated");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(badState.status()).isEqualTo(400);
    }
}
