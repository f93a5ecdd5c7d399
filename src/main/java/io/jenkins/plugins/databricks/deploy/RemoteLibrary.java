package io.jenkins.plugins.databricks.deploy;

/** A stored library version: id, display name, workspace folder (without a trailing slash). */
public record RemoteLibrary(String id, String name, String folder) {

    /** Library ids are workspace node ids, which grow over time; a non-numeric id sorts first. */
    long order() {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
