package io.jenkins.plugins.databricks;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The one place that knows which Jenkins credentials reach Databricks and how they are found: Secret text is a
 * personal access token (Bearer); Username with password is Basic (user {@code token} plus a personal access token
 * works). A configured workspace's credentials are looked up at the Jenkins level (the administrator chose them, so
 * System scope works); credentials a step names itself are looked up in the job's context (folder credentials work,
 * System scope does not). Every use in a build is tracked.
 */
final class DatabricksCredentials {

    /** The credential types that can authenticate to Databricks. */
    static final CredentialsMatcher USABLE = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

    private DatabricksCredentials() {}

    /** Dropdown on the global configuration page: administrators only, nothing listed to anyone else. */
    static ListBoxModel fillGlobal(String url, String current) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            model.includeCurrentValue(nullToEmpty(current));
            return model;
        }
        model.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, requirements(url), USABLE)
                .includeCurrentValue(nullToEmpty(current));
        return model;
    }

    /** Dropdown in a job's form (or the Snippet Generator): those who may configure the job see the job's credentials. */
    static ListBoxModel fillInItem(Item item, String url, String current) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (!mayConfigure(item)) {
            model.includeCurrentValue(nullToEmpty(current));
            return model;
        }
        if (item == null) {
            model.includeEmptyValue()
                    .includeMatchingAs(
                            ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, requirements(url), USABLE);
        } else {
            model.includeEmptyValue()
                    .includeMatchingAs(
                            authenticationOf(item), item, StandardCredentials.class, requirements(url), USABLE);
        }
        model.includeCurrentValue(nullToEmpty(current));
        return model;
    }

    /** Whether the credentials a workspace names exist and can authenticate (global configuration). */
    static FormValidation checkGlobal(String url, String id) {
        if (DeployRequest.isBlank(id)) {
            return FormValidation.error(Messages.DatabricksCredentials_Required());
        }
        StandardCredentials found = CredentialsProvider.findCredentialByIdInItemGroup(
                id.trim(), StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements(url));
        return judge(id.trim(), found);
    }

    /** The same check in a job's context; says nothing to those who may not configure the job. */
    static FormValidation checkInItem(Item item, String url, String id) {
        if (!mayConfigure(item) || DeployRequest.isBlank(id)) {
            return FormValidation.ok();
        }
        if (item == null) {
            return checkGlobal(url, id);
        }
        StandardCredentials found = CredentialsProvider.findCredentialByIdInItem(
                id.trim(), StandardCredentials.class, item, authenticationOf(item), requirements(url));
        return judge(id.trim(), found);
    }

    /** Resolves the credentials of a configured workspace for a build, and records their use. */
    static WorkspaceAuth forWorkspace(Run<?, ?> run, DatabricksWorkspace workspace) throws AbortException {
        StandardCredentials found = CredentialsProvider.findCredentialByIdInItemGroup(
                workspace.getCredentialsId(),
                StandardCredentials.class,
                Jenkins.get(),
                ACL.SYSTEM2,
                requirements(workspace.getUrl()));
        if (found == null) {
            throw new AbortException(Messages.DatabricksCredentials_WorkspaceCredentialsMissing(
                    workspace.getCredentialsId(), workspace.getName()));
        }
        CredentialsProvider.track(run, found);
        return toAuth(found);
    }

    /** Resolves credentials a step names itself, in the job's context, and records their use. */
    static WorkspaceAuth forRun(Run<?, ?> run, String url, String id) throws AbortException {
        StandardCredentials found =
                CredentialsProvider.findCredentialById(id.trim(), StandardCredentials.class, run, requirements(url));
        if (found == null) {
            throw new AbortException(Messages.DatabricksCredentials_NotFound(id.trim()));
        }
        CredentialsProvider.track(run, found);
        return toAuth(found);
    }

    /** Credentials for the Test Connection button; not a build, so nothing to track. */
    static WorkspaceAuth forTest(String url, String id) throws AbortException {
        StandardCredentials found = CredentialsProvider.findCredentialByIdInItemGroup(
                id.trim(), StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements(url));
        if (found == null) {
            throw new AbortException(Messages.DatabricksCredentials_NotFound(id.trim()));
        }
        return toAuth(found);
    }

    /** The secret leaves its {@code Secret} here, just before the client is built. */
    private static WorkspaceAuth toAuth(StandardCredentials credentials) throws AbortException {
        if (credentials instanceof StringCredentials token) {
            return WorkspaceAuth.bearer(token.getSecret().getPlainText());
        }
        if (credentials instanceof StandardUsernamePasswordCredentials user) {
            return WorkspaceAuth.basic(user.getUsername(), user.getPassword().getPlainText());
        }
        throw new AbortException(Messages.DatabricksCredentials_WrongType(credentials.getId()));
    }

    private static FormValidation judge(String id, StandardCredentials found) {
        if (found == null) {
            return FormValidation.error(Messages.DatabricksCredentials_NotFound(id));
        }
        if (!USABLE.matches(found)) {
            return FormValidation.error(Messages.DatabricksCredentials_WrongType(id));
        }
        return FormValidation.ok();
    }

    /**
     * Configure (or, where enabled, extended read) on the job; administer without one. Form checks answer "ok" to
     * anyone else, as the credentials plugin's do: a check must reveal nothing, and an error in every field of a
     * page the user may only read would be noise.
     */
    static boolean mayConfigure(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(Item.CONFIGURE);
    }

    private static Authentication authenticationOf(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    private static List<DomainRequirement> requirements(String url) {
        return URIRequirementBuilder.fromUri(DeployRequest.isBlank(url) ? null : url.trim())
                .build();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
