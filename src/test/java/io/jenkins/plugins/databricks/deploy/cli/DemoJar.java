package io.jenkins.plugins.databricks.deploy.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a small real jar: a manifest, one resource whose text makes each version's bytes differ, and the entry of
 * {@link #SMOKE_CLASS}, the main class a jar smoke test runs ({@code --smoke-main-class demo.Smoke}). The emulator
 * reads only the class names of a jar, so the entry holds no real bytecode.
 */
public final class DemoJar {

    /** The main class every demo jar holds. */
    public static final String SMOKE_CLASS = "demo.Smoke";

    private DemoJar() {}

    /** Writes {@code file} (creating its directory) with {@code version} in the manifest and resource. */
    public static Path write(Path file, String version) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out)) {
            // Fixed entry times: the same version gives the same bytes, so re-deploying it is seen as unchanged.
            JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setTime(0);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            JarEntry entry = new JarEntry("demo/version.txt");
            entry.setTime(0);
            jar.putNextEntry(entry);
            jar.write(("demo app " + version + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            JarEntry smoke = new JarEntry(SMOKE_CLASS.replace('.', '/') + ".class");
            smoke.setTime(0);
            jar.putNextEntry(smoke);
            jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            jar.closeEntry();
        }
        return file;
    }
}
