package io.jenkins.plugins.databricks.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The classes a jar holds, read from its bytes as they stream past: what a JVM on the cluster could load from it, so
 * the runs API can fail a main class the jar does not contain as a real cluster would. Only names are kept (never
 * bytes), at most {@link #MAX_CLASSES} of them; bytes that are not a zip hold no classes.
 */
record JarClasses(Set<String> names, boolean isJar) {

    static final int MAX_CLASSES = 200_000;
    static final JarClasses NONE = new JarClasses(Set.of(), false);

    JarClasses {
        names = Set.copyOf(names);
    }

    /**
     * Reads the entries of {@code in} up to the end of the last one (the central directory that follows is left for
     * the caller to drain). Does not close {@code in}.
     */
    static JarClasses read(InputStream in) {
        Set<String> names = new LinkedHashSet<>();
        boolean anyEntry = false;
        ZipInputStream zip = new ZipInputStream(new NonClosing(in));
        try {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                anyEntry = true;
                String name = entry.getName();
                if (!entry.isDirectory()
                        && name.endsWith(".class")
                        && !name.startsWith("META-INF/")
                        && names.size() < MAX_CLASSES) {
                    names.add(
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException | RuntimeException notAZip) {
            // Bytes that only look like a zip (a truncated or garbled entry): what was read so far stands, and the
            // caller drains the rest (a failure of the upload stream itself shows again there).
        }
        return anyEntry ? new JarClasses(names, true) : NONE;
    }

    /** Whether a class loader would find {@code className} ({@code com.acme.Main}, {@code com.acme.Outer$Inner}). */
    boolean contains(String className) {
        return names.contains(className);
    }

    /** Keeps {@link ZipInputStream} from closing the upload stream under the digest. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
