package io.jenkins.plugins.databricks.api.rest2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.ErrorKind;
import io.jenkins.plugins.databricks.api.GeneratedUploadSource;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.ManualRetry;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedFile;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Files API calls through real HTTP against the emulator's volumes; the journal shows the calls made. */
class Rest2FilesTest {

    private static final String VOLUME = "/Volumes/main/ci/libs";

    private DatabricksEmulator emulator;
    private ManualClock time;
    private Rest2Client client;

    @BeforeEach
    void start() {
        emulator = DatabricksEmulator.start();
        time = new ManualClock();
        emulator.settings().clock(time);
        emulator.addVolume("main", "ci", "libs");
        client = clientWith(RetryPolicy.none());
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private Rest2Client clientWith(RetryPolicy retries) {
        return HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(retries)
                .build(Rest2Client::new);
    }

    private static UploadSource bytes(String name, String text) {
        return UploadSource.of(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void uploadsWithoutOverwriteAndReadsTheMetadataBack() throws Exception {
        String path = VOLUME + "/app-1.0.jar";
        client.uploadFile(path, bytes("app-1.0.jar", "version one"));

        EmulatedFile stored = emulator.file(path);
        assertThat(new String(stored.bytes(), StandardCharsets.UTF_8)).isEqualTo("version one");
        JournalEntry put = emulator.journal().last();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/api/2.0/fs/files" + path);
        assertThat(put.param("overwrite")).isEqualTo("false");
        assertThat(put.status()).isEqualTo(204);

        FileMetadata meta = client.fileMetadata(path);
        assertThat(meta.path()).isEqualTo(path);
        assertThat(meta.size()).isEqualTo(11);
        assertThat(meta.lastModified()).isEqualTo(stored.lastModified().with(ChronoField.NANO_OF_SECOND, 0));
        assertThat(emulator.journal().last().method()).isEqualTo("HEAD");
        assertThat(client.findFile(path)).contains(meta);
        assertThat(client.findFile(VOLUME + "/other.jar")).isEmpty();
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        String path = VOLUME + "/app-1.0.jar";
        client.uploadFile(path, bytes("app-1.0.jar", "version one"));
        DatabricksApiException e = catchThrowableOfType(
                DatabricksApiException.class, () -> client.uploadFile(path, bytes("app-1.0.jar", "version two!")));
        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(e.kind().is(ErrorKind.RESOURCE_CONFLICT)).isTrue();
        assertThat(e.errorCode()).isEqualTo("ALREADY_EXISTS");
        assertThat(e.hint()).contains("new name");
        assertThat(e.getMessage()).contains("PUT /api/2.0/fs/files" + path).doesNotContain("overwrite");
        assertThat(new String(emulator.file(path).bytes(), StandardCharsets.UTF_8))
                .isEqualTo("version one");
    }

    @Test
    void anUnknownVolumeIsNotFoundWithAHintAtThePath() {
        DatabricksApiException e = catchThrowableOfType(
                DatabricksApiException.class,
                () -> client.uploadFile("/Volumes/main/ci/nope/app.jar", bytes("app.jar", "x")));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.kind().is(ErrorKind.NOT_FOUND)).isTrue();
        assertThat(e.serverMessage()).contains("nope");
        assertThat(e.hint()).contains("/Volumes/<catalog>/<schema>/<volume>");
        assertThat(e.requestId()).isNotBlank();
        assertThat(e.getMessage()).contains("request id " + e.requestId());
    }

    @Test
    void anUploadIntoAMissingDirectoryIsNotFoundUntilTheDirectoryIsCreated() throws Exception {
        String path = VOLUME + "/releases/1.0/app.jar";
        DatabricksApiException e = catchThrowableOfType(
                DatabricksApiException.class, () -> client.uploadFile(path, bytes("app.jar", "x")));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.serverMessage()).contains(VOLUME + "/releases/1.0");
        client.createDirectory(VOLUME + "/releases/1.0");
        client.uploadFile(path, bytes("app.jar", "x"));
        assertThat(client.fileMetadata(path).size()).isEqualTo(1);
        // The other reading (the server creates parents) needs nothing more from the client.
        emulator.settings().uploadCreatesParents(true);
        client.uploadFile(VOLUME + "/other/deep/app.jar", bytes("app.jar", "y"));
        assertThat(client.directoryExists(VOLUME + "/other/deep")).isTrue();
    }

    @Test
    void namesThatNeedEncodingArriveAsThemselves() throws Exception {
        client.createDirectory(VOLUME + "/release candidates");
        String path = VOLUME + "/release candidates/app #1?v=2%.jar";
        client.uploadFile(path, bytes("x.jar", "odd"));
        assertThat(emulator.file(path).bytes()).isEqualTo("odd".getBytes(StandardCharsets.UTF_8));
        assertThat(client.fileMetadata(path).size()).isEqualTo(3);
        assertThat(client.listDirectory(VOLUME + "/release candidates"))
                .extracting(DirectoryEntry::name)
                .containsExactly("app #1?v=2%.jar");
        client.deleteFile(path);
        assertThat(client.findFile(path)).isEmpty();
    }

    @Test
    void listingFollowsEveryPageToTheEnd() throws Exception {
        emulator.settings().listPageSize(2);
        client.createDirectory(VOLUME + "/many/sub");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "app-" + i + ".jar";
            client.uploadFile(VOLUME + "/many/" + name, bytes(name, "v" + i));
            expected.add(name);
        }
        emulator.journal().clear();

        List<DirectoryEntry> entries = client.listDirectory(VOLUME + "/many");

        assertThat(entries)
                .extracting(DirectoryEntry::name)
                .containsAll(expected)
                .contains("sub")
                .hasSize(8);
        DirectoryEntry sub =
                entries.stream().filter(DirectoryEntry::directory).findFirst().orElseThrow();
        assertThat(sub.path()).isEqualTo(VOLUME + "/many/sub");
        DirectoryEntry one = entries.stream()
                .filter(e -> e.name().equals("app-3.jar"))
                .findFirst()
                .orElseThrow();
        assertThat(one.fileSize()).isEqualTo(2);
        assertThat(one.lastModified()).isNotNull();
        List<JournalEntry> pages = emulator.journal().entries();
        assertThat(pages).hasSize(4).allMatch(p -> p.method().equals("GET") && p.status() == 200);
        // (The journal keeps no parameter named like a token; the eight entries show the tokens were followed.)
        // The client's own page size is passed on; the server may still hand out fewer.
        emulator.journal().clear();
        assertThat(client.listDirectory(VOLUME + "/many", 3)).hasSize(8);
        assertThat(emulator.journal().entries()).hasSize(4).allMatch(p -> "3".equals(p.param("page_size")));
    }

    @Test
    void anEmptyDirectoryListsAsNothing() throws Exception {
        client.createDirectory(VOLUME + "/empty");
        assertThat(client.listDirectory(VOLUME + "/empty")).isEmpty();
        assertThatThrownBy(() -> client.listDirectory(VOLUME + "/missing"))
                .isInstanceOfSatisfying(
                        DatabricksApiException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void directoriesAreCreatedWithParentsAndProbed() throws Exception {
        assertThat(client.directoryExists(VOLUME)).isTrue();
        assertThat(client.directoryExists(VOLUME + "/a/b/c")).isFalse();
        assertThat(client.directoryExists("/Volumes/main/ci/nope")).isFalse();
        client.createDirectory(VOLUME + "/a/b/c");
        client.createDirectory(VOLUME + "/a/b/c");
        assertThat(client.directoryExists(VOLUME + "/a/b")).isTrue();
        assertThat(client.directoryExists(VOLUME + "/a/b/c/")).isTrue();
        assertThat(emulator.journal().calls()).contains("PUT /api/2.0/fs/directories" + VOLUME + "/a/b/c");
    }

    @Test
    void deletesAFileAndAMissingOneIsNotFound() throws Exception {
        String path = VOLUME + "/old.jar";
        client.uploadFile(path, bytes("old.jar", "old"));
        client.deleteFile(path);
        assertThat(emulator.file(path)).isNull();
        DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, () -> client.deleteFile(path));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.kind().is(ErrorKind.NOT_FOUND)).isTrue();
    }

    @Test
    void onlyAnEmptyDirectoryIsDeleted() throws Exception {
        client.createDirectory(VOLUME + "/full");
        client.uploadFile(VOLUME + "/full/a.jar", bytes("a.jar", "a"));
        DatabricksApiException e =
                catchThrowableOfType(DatabricksApiException.class, () -> client.deleteDirectory(VOLUME + "/full"));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.reason()).isEqualTo("FILES_API_DIRECTORY_IS_NOT_EMPTY");
        assertThat(e.hint()).contains("empty");
        assertThat(e.getMessage()).contains("FILES_API_DIRECTORY_IS_NOT_EMPTY");
        assertThat(client.directoryExists(VOLUME + "/full")).isTrue();

        client.deleteFile(VOLUME + "/full/a.jar");
        client.deleteDirectory(VOLUME + "/full");
        assertThat(client.directoryExists(VOLUME + "/full")).isFalse();
    }

    @Test
    void anUploadRetriedAfterADroppedConnectionReopensTheSource() throws Exception {
        time = new ManualClock();
        try (Rest2Client retrying = clientWith(ManualRetry.policy(time).build())) {
            emulator.faults().forPathPrefix("/api/2.0/fs/files/").dropDuringUpload(1000);
            GeneratedUploadSource source = new GeneratedUploadSource("big.jar", 256 * 1024);
            retrying.uploadFile(VOLUME + "/big.jar", source);
            assertThat(source.opens()).isEqualTo(2);
            EmulatedFile stored = emulator.file(VOLUME + "/big.jar");
            assertThat(stored.sizeBytes()).isEqualTo(256 * 1024);
            assertThat(stored.sha256()).isEqualTo(source.sentSha256());
        }
    }

    @Test
    void aRepeatThatFindsOurOwnFileCountsAsDone() throws Exception {
        time = new ManualClock();
        try (Rest2Client retrying = clientWith(ManualRetry.policy(time).build())) {
            emulator.faults().forPathPrefix("/api/2.0/fs/files/").loseResponseAfterSuccess();
            retrying.uploadFile(VOLUME + "/app.jar", bytes("app.jar", "payload"));
            assertThat(emulator.file(VOLUME + "/app.jar").sizeBytes()).isEqualTo(7);
            assertThat(emulator.journal().calls())
                    .containsSubsequence(
                            "PUT /api/2.0/fs/files" + VOLUME + "/app.jar",
                            "PUT /api/2.0/fs/files" + VOLUME + "/app.jar",
                            "HEAD /api/2.0/fs/files" + VOLUME + "/app.jar");
        }
    }

    @Test
    void aRepeatThatFindsAnotherFileStillFails() throws Exception {
        time = new ManualClock();
        client.uploadFile(VOLUME + "/app.jar", bytes("app.jar", "someone else's, longer"));
        try (Rest2Client retrying = clientWith(ManualRetry.policy(time).build())) {
            emulator.faults().forPathPrefix("/api/2.0/fs/files/").dropConnection();
            DatabricksApiException e = catchThrowableOfType(
                    DatabricksApiException.class,
                    () -> retrying.uploadFile(VOLUME + "/app.jar", bytes("app.jar", "ours")));
            assertThat(e.statusCode()).isEqualTo(409);
            assertThat(e.attempts()).isEqualTo(2);
        }
        assertThat(new String(emulator.file(VOLUME + "/app.jar").bytes(), StandardCharsets.UTF_8))
                .isEqualTo("someone else's, longer");
    }

    @Test
    void aRepeatedDeleteThatFindsNothingLeftCountsAsDone() throws Exception {
        time = new ManualClock();
        client.uploadFile(VOLUME + "/old.jar", bytes("old.jar", "old"));
        try (Rest2Client retrying = clientWith(ManualRetry.policy(time).build())) {
            emulator.faults().forPathPrefix("/api/2.0/fs/files/").loseResponseAfterSuccess();
            retrying.deleteFile(VOLUME + "/old.jar");
        }
        assertThat(emulator.file(VOLUME + "/old.jar")).isNull();
    }

    @Test
    void theFilesApiConcurrencyLimitIsRiddenOut() throws Exception {
        emulator.limits().filesApi(1, 0);
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long big = 32L << 20;
        // More than the socket buffers can hold has left the source only once the server is reading the body.
        UploadSource gated = new GatedSource(new GeneratedUploadSource("a.jar", big), 16L << 20, inFlight, release);
        CompletableFuture<Void> first = CompletableFuture.runAsync(
                () -> {
                    try {
                        client.uploadFile(VOLUME + "/a.jar", gated);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                runnable -> {
                    // A thread of its own: the common pool has one thread on two cores, which another test may hold.
                    Thread t = new Thread(runnable, "gated-upload");
                    t.setDaemon(true);
                    t.start();
                });
        assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
        RetryPolicy waitForTheFirst = RetryPolicy.builder()
                .jitter(Duration.ZERO)
                .sleeper(d -> {
                    release.countDown();
                    first.join();
                })
                .build();
        try (Rest2Client second = clientWith(waitForTheFirst)) {
            second.uploadFile(VOLUME + "/b.jar", bytes("b.jar", "small"));
        }
        first.get(30, TimeUnit.SECONDS);
        // The first upload holds its slot until its answer is written, so the immediate retry may meet it once more.
        List<Integer> statuses = emulator.journal().forEndpoint("/api/2.0/fs/files" + VOLUME + "/b.jar").stream()
                .map(JournalEntry::status)
                .toList();
        assertThat(statuses).first().isEqualTo(429);
        assertThat(statuses).last().isEqualTo(204);
        assertThat(statuses.subList(0, statuses.size() - 1)).containsOnly(429);
        assertThat(emulator.file(VOLUME + "/a.jar").sizeBytes()).isEqualTo(big);
        assertThat(emulator.file(VOLUME + "/b.jar").sizeBytes()).isEqualTo(5);
    }

    /** Yields its source's bytes, but after {@code gateAt} of them says so and waits to be released. */
    private record GatedSource(UploadSource source, long gateAt, CountDownLatch reached, CountDownLatch release)
            implements UploadSource {

        @Override
        public String fileName() {
            return source.fileName();
        }

        @Override
        public long length() throws IOException {
            return source.length();
        }

        @Override
        public InputStream open() throws IOException {
            return new FilterInputStream(source.open()) {
                private long read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (read >= gateAt && release.getCount() > 0) {
                        reached.countDown();
                        try {
                            if (!release.await(30, TimeUnit.SECONDS)) {
                                throw new IOException("never released");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException();
                        }
                    }
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        read += n;
                    }
                    return n;
                }
            };
        }
    }

    @Test
    void theUploadSendsItsLengthNotChunks() throws Exception {
        client.uploadFile(VOLUME + "/sized.jar", new GeneratedUploadSource("sized.jar", 100_000));
        JournalEntry put = emulator.journal().last();
        assertThat(put.status()).isEqualTo(204);
        assertThat(put.parts())
                .singleElement()
                .satisfies(p -> assertThat(p.bytes()).isEqualTo(100_000));
    }

    @Test
    void badPathsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> client.uploadFile("Volumes/main/ci/libs/a.jar", bytes("a.jar", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file path");
        assertThatThrownBy(() -> client.deleteDirectory(VOLUME + "/../other"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("directory path");
        assertThat(emulator.journal().size()).isZero();
    }
}
