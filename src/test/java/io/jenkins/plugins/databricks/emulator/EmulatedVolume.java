package io.jenkins.plugins.databricks.emulator;

/**
 * A Unity Catalog volume the emulator serves, with the caller's privileges on it. Writing needs {@code READ VOLUME}
 * and {@code WRITE VOLUME}; reading, listing and installing a library from it need {@code READ VOLUME}. The switches
 * apply to every caller (the emulator has one principal's view of the grants).
 */
public final class EmulatedVolume {

    private final String catalog;
    private final String schema;
    private final String name;
    private volatile boolean readable = true;
    private volatile boolean writable = true;

    EmulatedVolume(String catalog, String schema, String name) {
        this.catalog = catalog;
        this.schema = schema;
        this.name = name;
    }

    /** {@code catalog.schema.volume}. */
    public String fullName() {
        return catalog + "." + schema + "." + name;
    }

    /** {@code /Volumes/catalog/schema/volume}. */
    public String path() {
        return VolumePath.ROOT + catalog + "/" + schema + "/" + name;
    }

    public boolean readable() {
        return readable;
    }

    /** Grants or revokes {@code READ VOLUME}: without it every Files API call on the volume answers 403. */
    public EmulatedVolume readable(boolean value) {
        readable = value;
        return this;
    }

    public boolean writable() {
        return writable;
    }

    /** Grants or revokes {@code WRITE VOLUME}: without it uploads, mkdirs and deletes answer 403. */
    public EmulatedVolume writable(boolean value) {
        writable = value;
        return this;
    }

    @Override
    public String toString() {
        return "EmulatedVolume[" + fullName() + "]";
    }
}
