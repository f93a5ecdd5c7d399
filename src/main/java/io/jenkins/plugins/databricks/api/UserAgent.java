package io.jenkins.plugins.databricks.api;

/** The User-Agent the client sends: the plugin and its version, so workspace admins can tell who calls. */
final class UserAgent {

    static final String PRODUCT = "databricks-deploy-jenkins";

    static final String DEFAULT = PRODUCT + "/" + version();

    private UserAgent() {}

    /** The jar manifest's Implementation-Version, or {@code dev} when running from classes (tests, IDE). */
    static String version() {
        Package p = UserAgent.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v.strip();
    }
}
