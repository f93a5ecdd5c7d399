package io.jenkins.plugins.databricks.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The User-Agent the client sends: the plugin and its version, so workspace admins can tell who calls. */
final class UserAgent {

    static final String PRODUCT = "databricks-deploy-jenkins";

    /** Written into the plugin's jar by Maven; read when the manifest carries no version. */
    private static final String POM_PROPERTIES = "/META-INF/maven/io.jenkins.plugins/databricks-deploy/pom.properties";

    static final String DEFAULT = PRODUCT + "/" + version();

    private UserAgent() {}

    /** The jar manifest's Implementation-Version, else the Maven descriptor's, else {@code dev} (tests, IDE). */
    static String version() {
        Package p = UserAgent.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        if (v == null || v.isBlank()) {
            v = fromPomProperties();
        }
        return v == null || v.isBlank() ? "dev" : v.strip();
    }

    private static String fromPomProperties() {
        try (InputStream in = UserAgent.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
