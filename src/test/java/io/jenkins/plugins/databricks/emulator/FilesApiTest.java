package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FilesApiTest {

    private static final String FILES = "/api/2.0/fs/files";
    private static final String DIRS = "/api/2.0/fs/directories";
    private static final String VOL = "/Volumes/main/default/libs";

    private final ManualClock clock = new ManualClock();

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi().settings(s -> s.clock(clock)).volume("main", "default", "libs");

    private EmulatorHttp http() {
        return api.http();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] jar(String... classNames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("META-INF/MANIFEST.MF"));
            jar.write(bytes("Manifest-Version: 1.0\n"));
            for (String c : classNames) {
                jar.putNextEntry(new JarEntry(c.replace('.', '/') + ".class"));
                jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            }
        }
        return out.toByteArray();
    }

    private void mkdirs(String path) {
        assertThat(http().send(http().request2(DIRS + path)
                                .PUT(HttpRequest.BodyPublishers.noBody())
                                .build())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void uploadThenHeadGetAndDeleteAFile() throws IOException {
        mkdirs(VOL + "/app");
        byte[] jar = jar("com.example.App", "com.example.Util");

        EmulatorHttp.Response put = http().put2(FILES + VOL + "/app/app-1.0.jar?overwrite=false", jar);

        assertThat(put.status()).as(put.body()).isEqualTo(204);
        assertThat(put.body()).isEmpty();
        EmulatorHttp.Response head = http().head2(FILES + VOL + "/app/app-1.0.jar");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(jar.length));
        assertThat(head.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(head.header("Last-Modified")).isEqualTo("Mon, 01 Jan 2024 00:00:00 GMT");
        assertThat(head.body()).isEmpty();
        assertThat(http().download(FILES + VOL + "/app/app-1.0.jar")).isEqualTo(jar);
        EmulatedFile stored = api.emulator().file(VOL + "/app/app-1.0.jar");
        assertThat(stored.bytes()).isEqualTo(jar);
        assertThat(stored.classNames()).containsExactly("com.example.App", "com.example.Util");
        assertThat(api.emulator().journal().last().call()).isEqualTo("GET " + FILES + VOL + "/app/app-1.0.jar");

        assertThat(http().delete2(FILES + VOL + "/app/app-1.0.jar").status()).isEqualTo(204);
        assertThat(http().head2(FILES + VOL + "/app/app-1.0.jar").status()).isEqualTo(404);
        EmulatorHttp.Response again = http().delete2(FILES + VOL + "/app/app-1.0.jar");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("error_code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aRangeGetAnswers206WithThatSliceAndAnUnsatisfiableOne416() {
        http().put2(FILES + VOL + "/r.bin", bytes("0123456789"));

        EmulatorHttp.Response middle = http().send(http().request2(FILES + VOL + "/r.bin")
                .header("Range", "bytes=2-5")
                .GET()
                .build());
        EmulatorHttp.Response tail = http().send(http().request2(FILES + VOL + "/r.bin")
                .header("Range", "bytes=-3")
                .GET()
                .build());
        EmulatorHttp.Response beyond = http().send(http().request2(FILES + VOL + "/r.bin")
                .header("Range", "bytes=10-")
                .GET()
                .build());

        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo("2345");
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 2-5/10");
        assertThat(tail.body()).isEqualTo("789");
        assertThat(beyond.status()).isEqualTo(416);
    }

    @Test
    void overwriteDefaultsToTrueAndFalseGives409() {
        http().put2(FILES + VOL + "/a.jar", bytes("one"));
        clock.advance(Duration.ofMinutes(1));

        EmulatorHttp.Response replaced = http().put2(FILES + VOL + "/a.jar", bytes("two!"));
        EmulatorHttp.Response refused = http().put2(FILES + VOL + "/a.jar?overwrite=false", bytes("three"));

        assertThat(replaced.status()).isEqualTo(204);
        assertThat(refused.status()).isEqualTo(409);
        JsonNode error = refused.json();
        assertThat(error.get("error_code").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(error.get("details").get(0).get("@type").asText())
                .isEqualTo("type.googleapis.com/google.rpc.RequestInfo");
        assertThat(error.get("details").get(0).get("request_id").asText()).isNotBlank();
        assertThat(api.emulator().file(VOL + "/a.jar").bytes()).isEqualTo(bytes("two!"));
        assertThat(api.emulator().file(VOL + "/a.jar").lastModified()).isEqualTo(clock.instant());
        assertThat(api.emulator().journal().mutations()).hasSize(2);
    }

    @Test
    void unknownVolumeIs404AndAPathOutsideVolumesIs400() {
        EmulatorHttp.Response put = http().put2(FILES + "/Volumes/main/default/nope/a.jar", bytes("x"));
        EmulatorHttp.Response head = http().head2(DIRS + "/Volumes/main/default/nope");
        EmulatorHttp.Response outside = http().put2(FILES + "/tmp/a.jar", bytes("x"));

        assertThat(put.status()).isEqualTo(404);
        assertThat(put.json().get("message").asText()).contains("main.default.nope");
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void uploadIntoAMissingDirectoryIs404UnlessParentsAreCreated() {
        EmulatorHttp.Response refused = http().put2(FILES + VOL + "/missing/a.jar", bytes("x"));
        api.emulator().settings().uploadCreatesParents(true);
        EmulatorHttp.Response created = http().put2(FILES + VOL + "/made/deep/a.jar", bytes("x"));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("message").asText()).contains(VOL + "/missing");
        assertThat(created.status()).isEqualTo(204);
        assertThat(http().head2(DIRS + VOL + "/made/deep").status()).isEqualTo(200);
    }

    @Test
    void percentEncodedSegmentsAreDecoded() {
        mkdirs(VOL + "/with%20space");

        EmulatorHttp.Response put = http().put2(FILES + VOL + "/with%20space/a%2Bb%23c.jar", bytes("x"));

        assertThat(put.status()).as(put.body()).isEqualTo(204);
        assertThat(api.emulator().file(VOL + "/with space/a+b#c.jar")).isNotNull();
        JsonNode list = http().get2(DIRS + VOL + "/with%20space").json();
        assertThat(list.get("contents").get(0).get("name").asText()).isEqualTo("a+b#c.jar");
        assertThat(list.get("contents").get(0).get("path").asText()).isEqualTo(VOL + "/with space/a+b#c.jar");
    }

    @Test
    void chunkedUploadIsRefusedWith411UnlessAllowed() {
        HttpRequest chunked = http().request2(FILES + VOL + "/c.jar")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes("abc"))))
                .build();

        EmulatorHttp.Response refused = http().send(chunked);
        api.emulator().settings().chunkedUploads(true);
        EmulatorHttp.Response accepted = http().send(chunked);

        assertThat(refused.status()).isEqualTo(411);
        assertThat(refused.json().get("message").asText()).contains("Content-Length");
        assertThat(accepted.status()).isEqualTo(204);
        assertThat(api.emulator().file(VOL + "/c.jar").sizeBytes()).isEqualTo(3);
    }

    @Test
    void tooLargeAnUploadIs413() {
        api.emulator().settings().maxUploadBytes(10);

        EmulatorHttp.Response r = http().put2(FILES + VOL + "/big.jar", new byte[11]);

        assertThat(r.status()).isEqualTo(413);
        assertThat(api.emulator().file(VOL + "/big.jar")).isNull();
    }

    @Test
    void mkdirIsIdempotentAndCreatesParents() {
        mkdirs(VOL + "/a/b/c");
        mkdirs(VOL + "/a/b/c");

        assertThat(http().head2(DIRS + VOL + "/a").status()).isEqualTo(200);
        assertThat(http().head2(DIRS + VOL + "/a/b/c").status()).isEqualTo(200);
        assertThat(http().head2(DIRS + VOL).status()).as("the volume root").isEqualTo(200);
        assertThat(api.emulator().journal().mutations()).hasSize(1);
        http().put2(FILES + VOL + "/a/file", bytes("x"));
        EmulatorHttp.Response overFile = http().send(http().request2(DIRS + VOL + "/a/file/sub")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(overFile.status()).isEqualTo(409);
    }

    @Test
    void listingIsPagedToTheLastPageWithTheSmallDefaultPageSize() {
        mkdirs(VOL + "/d/sub");
        for (String name : List.of("e.jar", "a.jar", "c.jar", "b.jar")) {
            http().put2(FILES + VOL + "/d/" + name, bytes(name));
        }
        http().put2(FILES + VOL + "/d/sub/deep.jar", bytes("not listed"));

        List<String> names = new ArrayList<>();
        List<Boolean> dirs = new ArrayList<>();
        int pages = 0;
        String token = null;
        do {
            EmulatorHttp.Response r = token == null
                    ? http().get2(DIRS + VOL + "/d", "page_size", "1000")
                    : http().get2(DIRS + VOL + "/d", "page_size", "1000", "page_token", token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("contents").size()).isLessThanOrEqualTo(2);
            for (JsonNode e : page.get("contents")) {
                names.add(e.get("name").asText());
                dirs.add(e.get("is_directory").asBoolean());
                if (!e.get("is_directory").asBoolean()) {
                    assertThat(e.get("file_size").asLong()).isEqualTo(5);
                    assertThat(e.get("last_modified").asLong()).isEqualTo(clock.millis());
                }
            }
            token = page.has("next_page_token") ? page.get("next_page_token").asText() : null;
            pages++;
        } while (token != null);

        assertThat(names).containsExactly("a.jar", "b.jar", "c.jar", "e.jar", "sub");
        assertThat(dirs).containsExactly(false, false, false, false, true);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aSmallerAskedPageSizeIsHonouredAndABadTokenIs400() {
        http().put2(FILES + VOL + "/a", bytes("x"));
        http().put2(FILES + VOL + "/b", bytes("x"));

        JsonNode first = http().get2(DIRS + VOL, "page_size", "1").json();
        EmulatorHttp.Response bad = http().get2(DIRS + VOL, "page_token", "not-a-token");

        assertThat(first.get("contents")).hasSize(1);
        assertThat(first.has("next_page_token")).isTrue();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void anEmptyDirectoryListsWithoutContentsAndAMissingOneIs404() {
        mkdirs(VOL + "/empty");

        EmulatorHttp.Response empty = http().get2(DIRS + VOL + "/empty");
        EmulatorHttp.Response missing = http().get2(DIRS + VOL + "/missing");

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().has("contents")).isFalse();
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void deletingANonEmptyDirectoryIsRefusedWithTheRealReason() {
        mkdirs(VOL + "/full");
        http().put2(FILES + VOL + "/full/a.jar", bytes("x"));

        EmulatorHttp.Response refused = http().delete2(DIRS + VOL + "/full");

        assertThat(refused.status()).isEqualTo(400);
        JsonNode info = refused.json().get("details").get(0);
        assertThat(info.get("@type").asText()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
        assertThat(info.get("reason").asText()).isEqualTo("FILES_API_DIRECTORY_IS_NOT_EMPTY");
        assertThat(refused.json().get("details").get(1).get("request_id").asText())
                .isNotBlank();
        http().delete2(FILES + VOL + "/full/a.jar");
        assertThat(http().delete2(DIRS + VOL + "/full").status()).isEqualTo(204);
        assertThat(http().head2(DIRS + VOL + "/full").status()).isEqualTo(404);
    }

    @Test
    void withoutWriteVolumeUploadsAre403AndReadsStillWork() {
        http().put2(FILES + VOL + "/a.jar", bytes("x"));
        api.emulator().volume("main.default.libs").writable(false);

        EmulatorHttp.Response put = http().put2(FILES + VOL + "/b.jar", bytes("x"));
        EmulatorHttp.Response mkdir = http().send(http().request2(DIRS + VOL + "/d")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(put.status()).isEqualTo(403);
        assertThat(put.json().get("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(put.json().get("message").asText())
                .isEqualTo("User does not have WRITE VOLUME on Volume 'main.default.libs'.");
        assertThat(mkdir.status()).isEqualTo(403);
        assertThat(http().head2(FILES + VOL + "/a.jar").status()).isEqualTo(200);
        assertThat(api.emulator().file(VOL + "/b.jar")).isNull();
    }

    @Test
    void withoutReadVolumeEverythingIs403() {
        http().put2(FILES + VOL + "/a.jar", bytes("x"));
        api.emulator().volume("main.default.libs").readable(false);

        EmulatorHttp.Response get = http().get2(FILES + VOL + "/a.jar");
        EmulatorHttp.Response list = http().get2(DIRS + VOL);
        EmulatorHttp.Response put = http().put2(FILES + VOL + "/b.jar", bytes("x"));

        assertThat(get.status()).isEqualTo(403);
        assertThat(get.json().get("message").asText()).contains("READ VOLUME");
        assertThat(list.status()).isEqualTo(403);
        assertThat(put.status()).isEqualTo(403);
    }

    @Test
    void theJournalRecordsTheUploadByteCountNeverTheBytesNorTheToken() {
        http().put2(FILES + VOL + "/a.jar?overwrite=true", bytes("secret-ish content"));

        JournalEntry e = api.emulator().journal().last();
        assertThat(e.method()).isEqualTo("PUT");
        assertThat(e.path()).isEqualTo(FILES + VOL + "/a.jar");
        assertThat(e.param("overwrite")).isEqualTo("true");
        assertThat(e.parts()).containsExactly(new JournalEntry.Part("body", "a.jar", 18));
        assertThat(e.mutation()).isTrue();
        assertThat(e.toString()).doesNotContain(api.emulator().token()).doesNotContain("secret-ish");
    }
}
