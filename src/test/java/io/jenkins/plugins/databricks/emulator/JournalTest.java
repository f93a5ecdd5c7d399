package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JournalTest {

    private DatabricksEmulator emulator;
    private EmulatorHttp http;

    @BeforeEach
    void start() {
        emulator = DatabricksEmulator.start();
        emulator.addCluster("c1", "one", ClusterState.RUNNING);
        http = new EmulatorHttp(emulator);
    }

    @AfterEach
    void stop() {
        http.close();
        emulator.close();
    }

    @Test
    void recordsCallsInOrderWithParamsStatusAndMutations() {
        http.get("clusters/list");
        String id = http.postMultipart(
                        "libraries/upload", Jars.upload("app.jar", "java-jar", "/libs", Jars.bytes("12345")))
                .json()
                .get("id")
                .asText();
        http.postJson("libraries/attach", Map.of("libraryId", id, "clusterId", "c1"));
        http.postJson("libraries/attach", Map.of("libraryId", id, "clusterId", "c1"));
        http.get("libraries/status", "libraryId", id);

        assertThat(emulator.journal().calls())
                .containsExactly(
                        "GET clusters/list",
                        "POST libraries/upload",
                        "POST libraries/attach",
                        "POST libraries/attach",
                        "GET libraries/status");
        assertThat(emulator.journal().paths()).startsWith("clusters/list", "libraries/upload");
        assertThat(emulator.journal().mutationCalls())
                .as("a repeated attach changes nothing")
                .containsExactly("POST libraries/upload", "POST libraries/attach");
        JournalEntry attach = emulator.journal().forEndpoint("libraries/attach").get(0);
        assertThat(attach.params()).containsEntry("libraryId", id).containsEntry("clusterId", "c1");
        assertThat(attach.status()).isEqualTo(200);
        assertThat(attach.path()).isEqualTo("/api/1.2/libraries/attach");
        assertThat(emulator.journal().last().param("libraryId")).isEqualTo(id);
    }

    @Test
    void uploadsAreRecordedByPartNamesFileNameAndByteCountNeverBytes() {
        http.postMultipart("libraries/upload", Jars.upload("app.jar", "java-jar", "/libs", Jars.bytes("SECRET-BYTES")));

        JournalEntry upload = emulator.journal().last();
        assertThat(upload.parts())
                .containsExactly(
                        new JournalEntry.Part("name", null, 7),
                        new JournalEntry.Part("libType", null, 8),
                        new JournalEntry.Part("folder", null, 5),
                        new JournalEntry.Part("uri", "app.jar.jar", 12));
        assertThat(upload.params()).doesNotContainKey("uri");
        assertThat(upload.toString()).doesNotContain("SECRET-BYTES");
    }

    @Test
    void neverRecordsCredentials() {
        emulator.addUser("admin", "pa55word");
        http.get("clusters/list");
        http.basic("token", emulator.token()).get("clusters/list");
        http.basic("admin", "pa55word").postForm("clusters/restart", "clusterId", "c1", "password", "pa55word");
        http.authorization("Bearer wrong-token-value").get("clusters/list");

        String everything = emulator.journal().entries().toString();
        assertThat(everything)
                .doesNotContain(emulator.token())
                .doesNotContain("pa55word")
                .doesNotContain("wrong-token-value")
                .doesNotContain("Authorization")
                .doesNotContain("Basic ");
        assertThat(emulator.journal().size()).isEqualTo(4);
        assertThat(emulator.journal().entries())
                .extracting(JournalEntry::status)
                .containsExactly(200, 200, 200, 403);
    }

    @Test
    void clearEmptiesIt() {
        http.get("clusters/list");

        emulator.journal().clear();

        assertThat(emulator.journal().entries()).isEmpty();
    }
}
