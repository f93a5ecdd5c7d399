package io.jenkins.plugins.databricks.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Unity Catalog side of the workspace: the volumes configured at start, their directory trees and files (bytes
 * in a temporary directory on disk, deleted on {@link #close()}), and the artifact allowlists. One lock (this object)
 * guards the tree; an upload streams to disk outside it and is committed under it, so a slow 1 GiB PUT blocks
 * nobody. The {@link Workspace} consults it (never the other way round) when a library is installed.
 */
final class UnityCatalog implements AutoCloseable {

    /** One entry of a directory listing. */
    record Entry(String path, String name, boolean directory, long sizeBytes, Instant lastModified) {}

    /** One page of a listing and the path to continue after, null on the last page. */
    record Page(List<Entry> entries, String continueAfter) {}

    private final Settings settings;
    private final ArtifactAllowlists allowlists;
    private final Map<String, EmulatedVolume> volumes = new LinkedHashMap<>();
    /** Every directory below a volume root (roots are implicit) → the instant it was created. */
    private final NavigableMap<String, Instant> directories = new TreeMap<>();

    private final NavigableMap<String, EmulatedFile> files = new TreeMap<>();
    private final Path storage;
    private long nextBlob;

    UnityCatalog(Settings settings) {
        this.settings = settings;
        this.allowlists = new ArtifactAllowlists(settings);
        try {
            storage = Files.createTempDirectory("databricks-emulator-volumes-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the emulator's volume storage", e);
        }
    }

    ArtifactAllowlists allowlists() {
        return allowlists;
    }

    synchronized EmulatedVolume addVolume(String catalog, String schema, String name) {
        VolumePath p = VolumePath.parse(VolumePath.ROOT + catalog + "/" + schema + "/" + name);
        if (volumes.containsKey(p.volumeName())) {
            throw new IllegalArgumentException("volume " + p.volumeName() + " already exists in the emulator");
        }
        EmulatedVolume v = new EmulatedVolume(catalog, schema, name);
        volumes.put(p.volumeName(), v);
        return v;
    }

    synchronized List<EmulatedVolume> volumes() {
        return List.copyOf(volumes.values());
    }

    synchronized EmulatedVolume inspectVolume(String fullName) {
        EmulatedVolume v = volumes.get(fullName);
        if (v == null) {
            throw new IllegalArgumentException("no volume " + fullName + " in the emulator");
        }
        return v;
    }

    /** The stored file at {@code path}, or null (inspection; no privilege check). */
    synchronized EmulatedFile file(String path) {
        return files.get(VolumePath.parse(path).full());
    }

    synchronized List<EmulatedFile> files() {
        return List.copyOf(files.values());
    }

    // ------------------------------------------------------------------------------------------------ checks

    private EmulatedVolume volume(VolumePath p) {
        EmulatedVolume v = volumes.get(p.volumeName());
        if (v == null) {
            throw RestError.notFound("Volume '" + p.volumeName() + "' does not exist.");
        }
        return v;
    }

    private EmulatedVolume readable(VolumePath p) {
        EmulatedVolume v = volume(p);
        if (!v.readable()) {
            throw denied("READ VOLUME", v);
        }
        return v;
    }

    private void writable(VolumePath p) {
        EmulatedVolume v = readable(p);
        if (!v.writable()) {
            throw denied("WRITE VOLUME", v);
        }
    }

    private static RestError denied(String privilege, EmulatedVolume v) {
        return RestError.permissionDenied("User does not have " + privilege + " on Volume '" + v.fullName() + "'.");
    }

    private boolean isDirectory(VolumePath p) {
        return p.isVolumeRoot() || directories.containsKey(p.full());
    }

    private void requireParent(VolumePath p) {
        if (!isDirectory(p.parent())) {
            throw RestError.notFound("The parent directory " + p.parent().full() + " does not exist.");
        }
    }

    /** Whether a library install could read {@code path} now: the volume exists, is readable, the file is there. */
    synchronized String unreadableReason(String path) {
        VolumePath p;
        try {
            p = VolumePath.parse(path);
        } catch (RestError e) {
            return "java.io.FileNotFoundException: " + path + " (No such file or directory)";
        }
        EmulatedVolume v = volumes.get(p.volumeName());
        if (v == null || !files.containsKey(p.full())) {
            return "java.io.FileNotFoundException: " + path + " (No such file or directory)";
        }
        if (!v.readable()) {
            return "com.databricks.sql.managedcatalog.acl.UnauthorizedAccessException: PERMISSION_DENIED: User does"
                    + " not have READ VOLUME on Volume '" + v.fullName() + "'.";
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ files

    /**
     * Stores {@code body} at {@code path}: checks first (volume, privileges, parent, conflict), streams to a blob
     * outside the lock, then checks again and commits. Returns the stored file. Nothing is stored when the body
     * breaks off.
     */
    EmulatedFile upload(String path, boolean overwrite, InputStream body) throws IOException {
        VolumePath p = VolumePath.parse(path);
        checkUpload(p, overwrite);
        Path blob;
        synchronized (this) {
            blob = storage.resolve("blob-" + nextBlob++);
        }
        Path part = Files.createTempFile(storage, "upload-", ".part");
        long size;
        String sha256;
        try {
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
                size = body.transferTo(out);
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
            synchronized (this) {
                checkUpload(p, overwrite);
                Files.move(part, blob, StandardCopyOption.ATOMIC_MOVE);
                if (settings.uploadCreatesParents()) {
                    createDirectories(p.parent());
                }
                EmulatedFile file = new EmulatedFile(
                        p.full(), size, sha256, settings.clock().instant(), blob);
                EmulatedFile previous = files.put(p.full(), file);
                if (previous != null) {
                    Files.deleteIfExists(previous.blob());
                }
                return file;
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private synchronized void checkUpload(VolumePath p, boolean overwrite) {
        writable(p);
        if (p.isVolumeRoot() || directories.containsKey(p.full())) {
            throw new RestError(409, "ALREADY_EXISTS", "A directory already exists at " + p.full() + ".");
        }
        if (!settings.uploadCreatesParents()) {
            requireParent(p);
        } else {
            for (VolumePath a = p.parent(); !a.isVolumeRoot(); a = a.parent()) {
                if (files.containsKey(a.full())) {
                    throw new RestError(409, "ALREADY_EXISTS", "A file already exists at " + a.full() + ".");
                }
            }
        }
        if (!overwrite && files.containsKey(p.full())) {
            throw new RestError(409, "ALREADY_EXISTS", "The file being created already exists.");
        }
    }

    synchronized EmulatedFile readFile(String path) {
        VolumePath p = VolumePath.parse(path);
        readable(p);
        EmulatedFile f = files.get(p.full());
        if (f == null) {
            throw RestError.notFound("The file being accessed is not found.");
        }
        return f;
    }

    synchronized void deleteFile(String path) throws IOException {
        VolumePath p = VolumePath.parse(path);
        writable(p);
        EmulatedFile f = files.remove(p.full());
        if (f == null) {
            throw RestError.notFound("The file being accessed is not found.");
        }
        Files.deleteIfExists(f.blob());
    }

    // ------------------------------------------------------------------------------------------------ directories

    /** mkdir -p; idempotent. */
    synchronized boolean createDirectories(String path) {
        VolumePath p = VolumePath.parse(path);
        writable(p);
        return createDirectories(p);
    }

    private boolean createDirectories(VolumePath p) {
        List<VolumePath> missing = new ArrayList<>();
        for (VolumePath a = p; !a.isVolumeRoot(); a = a.parent()) {
            if (files.containsKey(a.full())) {
                throw new RestError(409, "ALREADY_EXISTS", "A file already exists at " + a.full() + ".");
            }
            if (!directories.containsKey(a.full())) {
                missing.add(a);
            }
        }
        Instant now = settings.clock().instant();
        missing.forEach(a -> directories.put(a.full(), now));
        return !missing.isEmpty();
    }

    synchronized void requireDirectory(String path) {
        VolumePath p = VolumePath.parse(path);
        readable(p);
        if (!isDirectory(p)) {
            throw RestError.notFound("The directory being accessed is not found.");
        }
    }

    /** Direct children of a directory, by path, starting after {@code after} (null: from the start). */
    synchronized Page list(String path, String after, int pageSize) {
        VolumePath p = VolumePath.parse(path);
        readable(p);
        if (!isDirectory(p)) {
            throw RestError.notFound("The directory being accessed is not found.");
        }
        String prefix = p.full() + "/";
        if (after != null && !after.startsWith(prefix)) {
            throw RestError.invalidParameter("Invalid page_token: it does not belong to a listing of " + p.full());
        }
        List<Entry> children = Stream.concat(
                        directories.subMap(prefix, false, p.full() + "0", false).entrySet().stream()
                                .map(e -> new Entry(e.getKey(), nameOf(e.getKey()), true, 0, e.getValue())),
                        files.subMap(prefix, false, p.full() + "0", false).values().stream()
                                .map(f -> new Entry(f.path(), f.name(), false, f.sizeBytes(), f.lastModified())))
                .filter(e -> e.path().indexOf('/', prefix.length()) < 0)
                .filter(e -> after == null || e.path().compareTo(after) > 0)
                .sorted(Comparator.comparing(Entry::path))
                .toList();
        if (children.size() <= pageSize) {
            return new Page(children, null);
        }
        List<Entry> page = children.subList(0, pageSize);
        return new Page(page, page.get(page.size() - 1).path());
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    synchronized void deleteDirectory(String path) {
        VolumePath p = VolumePath.parse(path);
        writable(p);
        if (p.isVolumeRoot()) {
            throw RestError.invalidParameter("The volume root " + p.full() + " cannot be deleted with the Files API.");
        }
        if (!directories.containsKey(p.full())) {
            throw RestError.notFound("The directory being accessed is not found.");
        }
        String prefix = p.full() + "/";
        boolean empty = directories.subMap(prefix, false, p.full() + "0", false).isEmpty()
                && files.subMap(prefix, false, p.full() + "0", false).isEmpty();
        if (!empty) {
            throw new RestError(
                    400,
                    "BAD_REQUEST",
                    "The directory being deleted is not empty.",
                    "FILES_API_DIRECTORY_IS_NOT_EMPTY",
                    "filesystem.databricks.com");
        }
        directories.remove(p.full());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public synchronized void close() {
        try (Stream<Path> blobs = Files.list(storage)) {
            for (Path b : (Iterable<Path>) blobs::iterator) {
                Files.deleteIfExists(b);
            }
            Files.deleteIfExists(storage);
        } catch (IOException e) {
            // best effort: a leftover temp directory is not worth failing a test over
        }
    }

    @Override
    public String toString() {
        return "UnityCatalog[" + volumes.keySet() + "]";
    }
}
