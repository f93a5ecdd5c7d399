package io.jenkins.plugins.databricks.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Real jar bytes for tests: a manifest and one entry per class (the runs API reads only the names). */
public final class JarBytes {

    private JarBytes() {}

    /** A jar holding {@code classNames} ({@code com.acme.Smoke}, {@code com.acme.Outer$Inner}). */
    public static byte[] withClasses(String... classNames) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setTime(0);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            for (String name : classNames) {
                JarEntry entry = new JarEntry(name.replace('.', '/') + ".class");
                entry.setTime(0);
                jar.putNextEntry(entry);
                // The class file magic and a version: enough to look like a class, never loaded.
                jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61});
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
