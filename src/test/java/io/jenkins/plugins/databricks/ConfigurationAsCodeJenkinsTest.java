package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.security.ACL;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.casc.model.Sequence;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The YAML shown in docs/configuration.md (the same file: {@code UserDocsTest} keeps the two equal)
 * imports into the global configuration and exports back without secrets.
 */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeJenkinsTest {

    private static final String PROD_TOKEN = "dapi-casc-prod-0123456789";
    private static final String STAGING_TOKEN = "dapi-casc-staging-9876543210";
    private static final String SP_SECRET = "doseCascAnalytics-0123456789abcdef";

    /** Configuration as Code resolves ${...} from system properties and the environment. */
    @BeforeAll
    static void secrets() {
        System.setProperty("DATABRICKS_PROD_TOKEN", PROD_TOKEN);
        System.setProperty("DATABRICKS_STAGING_TOKEN", STAGING_TOKEN);
        System.setProperty("DATABRICKS_SP_SECRET", SP_SECRET);
    }

    @AfterAll
    static void clearSecrets() {
        System.clearProperty("DATABRICKS_PROD_TOKEN");
        System.clearProperty("DATABRICKS_STAGING_TOKEN");
        System.clearProperty("DATABRICKS_SP_SECRET");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsTheWorkspacesAndTheirCredentials(JenkinsConfiguredWithCodeRule r) throws Exception {
        List<DatabricksWorkspace> workspaces =
                DatabricksGlobalConfiguration.get().getWorkspaces();

        assertThat(workspaces).extracting(DatabricksWorkspace::getName).containsExactly("prod", "staging", "analytics");
        DatabricksWorkspace prod = workspaces.get(0);
        assertThat(prod.getUrl()).isEqualTo("https://adb-1234567890123456.7.azuredatabricks.net");
        assertThat(prod.getCredentialsId()).isEqualTo("databricks-prod-token");
        assertThat(prod.getConnectTimeoutSeconds()).isNull();
        assertThat(prod.getFolder()).isEqualTo("/Volumes/main/default/libs/jars");
        assertThat(prod.getApi()).as("automatic: by the folder").isNull();
        DatabricksWorkspace analytics = workspaces.get(2);
        assertThat(analytics.getCredentialsId()).isEqualTo("databricks-analytics-sp");
        assertThat(analytics.getApi()).isEqualTo("2.x");
        assertThat(analytics.usesFederation()).isFalse();
        DatabricksWorkspace staging = workspaces.get(1);
        assertThat(staging.getCredentialsId()).isEqualTo("databricks-staging-user");
        assertThat(staging.getConnectTimeoutSeconds()).isEqualTo(10);
        assertThat(staging.getReadTimeoutSeconds()).isEqualTo(120);
        assertThat(staging.allowedFolderList()).containsExactly("team-a", "team-b/prod");
        assertThat(prod.allowedFolderList()).isEmpty();
        assertThat(DatabricksGlobalConfiguration.get().findWorkspace("PROD")).isSameAs(prod);
        for (DatabricksWorkspace w : workspaces) {
            StandardCredentials credentials = CredentialsProvider.findCredentialByIdInItemGroup(
                    w.getCredentialsId(), StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
            assertThat(credentials).as(w.getCredentialsId()).isNotNull();
            assertThat(DatabricksCredentials.USABLE.matches(credentials)).isTrue();
        }
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsTheWorkspacesWithoutSecrets(JenkinsConfiguredWithCodeRule r) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode databricks = Util.getUnclassifiedRoot(context).get("databricks");
        // before the checks below: getScalarValue removes what it reads from the mapping
        String yaml = Util.toYamlString(databricks);

        Sequence workspaces = databricks.asMapping().get("workspaces").asSequence();
        assertThat(workspaces).hasSize(3);
        Mapping staging = workspaces.get(1).asMapping();
        assertThat(staging.getScalarValue("name")).isEqualTo("staging");
        assertThat(staging.getScalarValue("url")).isEqualTo("https://adb-6543210987654321.1.azuredatabricks.net");
        assertThat(staging.getScalarValue("credentialsId")).isEqualTo("databricks-staging-user");
        assertThat(staging.getScalarValue("connectTimeoutSeconds")).isEqualTo("10");
        assertThat(staging.getScalarValue("readTimeoutSeconds")).isEqualTo("120");
        assertThat(staging.getScalarValue("allowedFolders")).isEqualTo("team-a\nteam-b/prod");
        assertThat(yaml)
                .contains("prod", "databricks-prod-token", "/Volumes/main/default/libs/jars", "databricks-analytics-sp")
                .doesNotContain(PROD_TOKEN, STAGING_TOKEN, SP_SECRET);
        assertThat(r.exportToString(false)).doesNotContain(PROD_TOKEN, STAGING_TOKEN, SP_SECRET);
    }
}
