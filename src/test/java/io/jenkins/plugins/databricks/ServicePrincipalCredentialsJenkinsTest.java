package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.security.ACL;
import hudson.util.FormValidation;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The "Databricks service principal" credential: JCasC import and export, its name, its form checks, its auth. */
@WithJenkinsConfiguredWithCode
class ServicePrincipalCredentialsJenkinsTest {

    private static final String SP_SECRET = "doseCascSecret-0123456789abcdef";
    private static final String AZ_SECRET = "Az~CascSecret.0123456789";

    @BeforeAll
    static void secrets() {
        System.setProperty("DATABRICKS_SP_SECRET", SP_SECRET);
        System.setProperty("ARM_CLIENT_SECRET", AZ_SECRET);
    }

    @AfterAll
    static void clearSecrets() {
        System.clearProperty("DATABRICKS_SP_SECRET");
        System.clearProperty("ARM_CLIENT_SECRET");
    }

    private static List<DatabricksServicePrincipalCredentials> stored() {
        return CredentialsProvider.lookupCredentialsInItemGroup(
                DatabricksServicePrincipalCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
    }

    @Test
    @ConfiguredWithCode("service-principal-casc.yml")
    void importsFromConfigurationAsCodeAndExportsWithoutTheSecret(JenkinsConfiguredWithCodeRule r) throws Exception {
        List<DatabricksServicePrincipalCredentials> all = stored();
        assertThat(all)
                .extracting(DatabricksServicePrincipalCredentials::getId)
                .containsExactly("databricks-prod-sp", "databricks-azure-sp");
        DatabricksServicePrincipalCredentials m2m = all.get(0);
        assertThat(m2m.getClientId()).isEqualTo("6a9c8f0e-5d1b-4e6a-9b2f-3c4d5e6f7a8b");
        assertThat(m2m.getClientSecret().getPlainText()).isEqualTo(SP_SECRET);
        assertThat(m2m.getAzureTenant()).isNull();
        assertThat(m2m.toAuth(null).method())
                .isEqualTo("OAuth M2M as service principal 6a9c8f0e-5d1b-4e6a-9b2f-3c4d5e6f7a8b");
        assertThat(CredentialsNameProvider.name(m2m))
                .isEqualTo("6a9c8f0e-5d1b-4e6a-9b2f-3c4d5e6f7a8b (Deploys to prod (OAuth M2M))");

        DatabricksServicePrincipalCredentials azure = all.get(1);
        assertThat(azure.getAzureTenant()).isEqualTo("72f988bf-86f1-41af-91ab-2d7cd011db47");
        assertThat(azure.toAuth("login.microsoftonline.us").method())
                .isEqualTo("Azure Entra ID service principal 11112222-3333-4444-5555-666677778888 (tenant"
                        + " 72f988bf-86f1-41af-91ab-2d7cd011db47)");

        ByteArrayOutputStream export = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(export);
        assertThat(export.toString(StandardCharsets.UTF_8))
                .contains("databricksServicePrincipal", "databricks-prod-sp", "azureTenant")
                .doesNotContain(SP_SECRET)
                .doesNotContain(AZ_SECRET);
    }

    @Test
    @ConfiguredWithCode("service-principal-casc.yml")
    void formChecksNameTheFieldAndTheFix(JenkinsConfiguredWithCodeRule r) {
        DatabricksServicePrincipalCredentials.DescriptorImpl d =
                r.jenkins.getDescriptorByType(DatabricksServicePrincipalCredentials.DescriptorImpl.class);
        assertThat(d.getDisplayName()).isEqualTo("Databricks service principal");
        assertThat(d.getIconClassName()).startsWith("symbol-databricks-service-principal");
        assertThat(d.doCheckClientId("").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckClientId("a b").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckClientId("6a9c8f0e").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckAzureTenant("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckAzureTenant("not a tenant/").kind).isEqualTo(FormValidation.Kind.ERROR);
    }
}
