package io.jenkins.plugins.databricks.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A file stored in an emulated volume. Its bytes live in a file on disk (never in memory), so a later reader can
 * check what was uploaded: {@link #bytes()} for small files, {@link #classNames()} for the classes a jar holds.
 * Immutable: an overwrite replaces the whole object.
 */
public final class EmulatedFile {

    private final String path;
    private final long sizeBytes;
    private final String sha256;
    private final Instant lastModified;
    private final Path blob;

    EmulatedFile(String path, long sizeBytes, String sha256, Instant lastModified, Path blob) {
        this.path = path;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.lastModified = lastModified;
        this.blob = blob;
    }

    /** The full path, {@code /Volumes/c/s/v/...}. */
    public String path() {
        return path;
    }

    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** Lower-case hex SHA-256 of the bytes received. */
    public String sha256() {
        return sha256;
    }

    public Instant lastModified() {
        return lastModified;
    }

    Path blob() {
        return blob;
    }

    /** The whole content; meant for small files in tests. */
    public byte[] bytes() {
        try {
            return Files.readAllBytes(blob);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the stored bytes of " + path, e);
        }
    }

    /** Every entry name, when the file is a zip (a jar); empty otherwise. */
    public List<String> entryNames() {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(blob.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
        } catch (ZipException notAZip) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the stored bytes of " + path, e);
        }
        return names;
    }

    /** The binary names of the classes in this jar ({@code com.example.App}); empty when it is not a jar. */
    public List<String> classNames() {
        return entryNames().stream()
                .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .toList();
    }

    @Override
    public String toString() {
        return "EmulatedFile[" + path + " " + sizeBytes + " bytes]";
    }
}
