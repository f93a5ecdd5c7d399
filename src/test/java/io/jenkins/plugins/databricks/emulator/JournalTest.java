package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JournalTest {

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi().cluster("c1", "one", ClusterState.RUNNING);

    @Test
    void recordsCallsInOrderWithParamsStatusAndMutations() {
        api.http().get("clusters/list");
        String id = api.http()
                .postMultipart("libraries/upload", Jars.upload("app.jar", "java-jar", "/libs", Jars.bytes("12345")))
                .json()
                .get("id")
                .asText();
        api.http().postJson("libraries/attach", Map.of("libraryId", id, "clusterId", "c1"));
        api.http().postJson("libraries/attach", Map.of("libraryId", id, "clusterId", "c1"));
        api.http().get("libraries/status", "libraryId", id);

        assertThat(api.emulator().journal().calls())
                .containsExactly(
                        "GET clusters/list",
                        "POST libraries/upload",
                        "POST libraries/attach",
                        "POST libraries/attach",
                        "GET libraries/status");
        assertThat(api.emulator().journal().paths()).startsWith("clusters/list", "libraries/upload");
        assertThat(api.emulator().journal().mutationCalls())
                .as("a repeated attach changes nothing")
                .containsExactly("POST libraries/upload", "POST libraries/attach");
        JournalEntry attach =
                api.emulator().journal().forEndpoint("libraries/attach").get(0);
        assertThat(attach.params()).containsEntry("libraryId", id).containsEntry("clusterId", "c1");
        assertThat(attach.status()).isEqualTo(200);
        assertThat(attach.path()).isEqualTo("/api/1.2/libraries/attach");
        assertThat(api.emulator().journal().last().param("libraryId")).isEqualTo(id);
    }

    @Test
    void uploadsAreRecordedByPartNamesFileNameAndByteCountNeverBytes() {
        api.http()
                .postMultipart(
                        "libraries/upload", Jars.upload("app.jar", "java-jar", "/libs", Jars.bytes("SECRET-BYTES")));

        JournalEntry upload = api.emulator().journal().last();
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
        api.emulator().addUser("admin", "pa55word");
        api.http().get("clusters/list");
        api.http().basic("token", api.emulator().token()).get("clusters/list");
        api.http().basic("admin", "pa55word").postForm("clusters/restart", "clusterId", "c1", "password", "pa55word");
        api.http().authorization("Bearer wrong-token-value").get("clusters/list");

        String everything = api.emulator().journal().entries().toString();
        assertThat(everything)
                .doesNotContain(api.emulator().token())
                .doesNotContain("pa55word")
                .doesNotContain("wrong-token-value")
                .doesNotContain("Authorization")
                .doesNotContain("Basic ");
        assertThat(api.emulator().journal().size()).isEqualTo(4);
        assertThat(api.emulator().journal().entries())
                .extracting(JournalEntry::status)
                .containsExactly(200, 200, 200, 403);
    }

    @Test
    void clearEmptiesIt() {
        api.http().get("clusters/list");

        api.emulator().journal().clear();

        assertThat(api.emulator().journal().entries()).isEmpty();
    }
}
