package io.jenkins.plugins.databricks;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.AuthFromCredential;
import java.util.regex.Pattern;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "Databricks service principal": a client id and an OAuth secret, authenticating by OAuth M2M at the workspace's
 * own token endpoint; with an Azure tenant, an Entra ID application's client id and secret instead, authenticating
 * at that tenant. Listed by its client id; the secret is a {@link Secret}, never shown.
 */
@NameWith(DatabricksServicePrincipalCredentials.NameProvider.class)
public final class DatabricksServicePrincipalCredentials extends BaseStandardCredentials {

    private static final long serialVersionUID = 1L;

    /** Directory (tenant) ids are GUIDs; a verified domain ({@code contoso.onmicrosoft.com}) works too. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");

    private final @NonNull String clientId;
    private final @NonNull Secret clientSecret;
    private final @CheckForNull String azureTenant;

    @DataBoundConstructor
    public DatabricksServicePrincipalCredentials(
            @CheckForNull CredentialsScope scope,
            @CheckForNull String id,
            @CheckForNull String description,
            @NonNull String clientId,
            @NonNull Secret clientSecret,
            @CheckForNull String azureTenant) {
        super(scope, id, description);
        this.clientId = clientId == null ? "" : clientId.strip();
        this.clientSecret = clientSecret;
        this.azureTenant = azureTenant == null || azureTenant.isBlank() ? null : azureTenant.strip();
    }

    /** The service principal's application (client) id. Not a secret. */
    @NonNull
    public String getClientId() {
        return clientId;
    }

    @NonNull
    public Secret getClientSecret() {
        return clientSecret;
    }

    /** The Entra ID directory (tenant) id; {@code null} for a Databricks-managed service principal (OAuth M2M). */
    @CheckForNull
    public String getAzureTenant() {
        return azureTenant;
    }

    /**
     * The client's authentication for this service principal: call where the request is made (the secret is read
     * then, on the controller).
     *
     * @param azureLoginHost the Entra ID login host of a sovereign cloud, {@code null} for the public cloud
     */
    public Auth toAuth(@CheckForNull String azureLoginHost) {
        return AuthFromCredential.servicePrincipal(clientId, clientSecret.getPlainText(), azureTenant, azureLoginHost);
    }

    /** Names the credential in drop-downs by its client id (and tenant), as Jenkins does for user names. */
    public static final class NameProvider extends CredentialsNameProvider<DatabricksServicePrincipalCredentials> {
        @NonNull
        @Override
        public String getName(@NonNull DatabricksServicePrincipalCredentials c) {
            String name = c.getClientId() + (c.getAzureTenant() == null ? "" : " (Azure " + c.getAzureTenant() + ")");
            String description = c.getDescription();
            return description.isBlank() ? name : name + " (" + description + ")";
        }
    }

    @Extension
    @Symbol("databricksServicePrincipal")
    public static final class DescriptorImpl extends BaseStandardCredentialsDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DatabricksServicePrincipalCredentials_DisplayName();
        }

        @Override
        public String getDescription() {
            return Messages.DatabricksServicePrincipalCredentials_Description();
        }

        @Override
        public String getIconClassName() {
            return "symbol-databricks-service-principal plugin-databricks-deploy";
        }

        /** Syntax only (no lookup, nothing revealed), so it needs no permission beyond reaching the form. */
        @POST
        public FormValidation doCheckClientId(@QueryParameter String value) {
            return checkClientId(value);
        }

        @POST
        public FormValidation doCheckAzureTenant(@QueryParameter String value) {
            return checkAzureTenant(value);
        }

        static FormValidation checkClientId(String value) {
            if (value == null || value.isBlank()) {
                return FormValidation.error(Messages.DatabricksServicePrincipalCredentials_ClientIdEmpty());
            }
            if (value.strip().chars().anyMatch(Character::isWhitespace)) {
                return FormValidation.error(Messages.DatabricksServicePrincipalCredentials_ClientIdSpaces());
            }
            return FormValidation.ok();
        }

        static FormValidation checkAzureTenant(String value) {
            if (value == null || value.isBlank()) {
                return FormValidation.ok(Messages.DatabricksServicePrincipalCredentials_NoTenant());
            }
            if (!TENANT.matcher(value.strip()).matches()) {
                return FormValidation.error(Messages.DatabricksServicePrincipalCredentials_BadTenant(value.strip()));
            }
            return FormValidation.ok();
        }
    }
}
