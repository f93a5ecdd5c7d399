package io.jenkins.plugins.databricks;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
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
import io.jenkins.plugins.databricks.api.AuthFromCredential;
import io.jenkins.plugins.databricks.api.auth.IdTokenSupplier;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The one place that knows which Jenkins credentials reach Databricks and how they are found: Secret text is a
 * personal access token (Bearer); Username with password is Basic (user {@code token} plus a personal access token
 * works); a Databricks service principal is OAuth M2M (or Entra ID with its Azure tenant). For workload identity
 * federation a Secret text credential yields the OIDC id token instead (the OIDC provider plugin's "OpenID Connect id
 * token" is one): resolved with the build, so each build mints its own with its job as the subject, and read anew for
 * every token exchange. Inside a build every credential, a configured workspace's included, is resolved in the build's context
 * with {@code findCredentialById(id, type, run, requirements)}: Global scope and folder credentials work, System
 * scope (reserved for Jenkins itself) does not, and {@code ${PARAM}} credential parameters follow Jenkins' rules for
 * them. {@code ACL.SYSTEM2} at the root is for the administrators' global page alone. Every use in a build is
 * tracked. Form checks and lists only list ids ({@code listCredentials...}), so an external credential store is
 * never asked for a secret by a form.
 */
final class DatabricksCredentials {

    /** The credential types that can authenticate to Databricks. */
    static final CredentialsMatcher USABLE = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
            CredentialsMatchers.instanceOf(DatabricksServicePrincipalCredentials.class));

    /** Not System scope: builds resolve credentials in their own context, where System-scoped ones are invisible. */
    private static final CredentialsMatcher VISIBLE_TO_BUILDS =
            CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM));

    /** What a configured workspace may name: usable, and visible to the jobs that build with it. */
    static final CredentialsMatcher USABLE_BY_BUILDS = CredentialsMatchers.allOf(USABLE, VISIBLE_TO_BUILDS);

    /** What yields an OIDC id token for federation: the secret of a Secret text credential. */
    static final CredentialsMatcher ID_TOKENS = CredentialsMatchers.instanceOf(StringCredentials.class);

    static final CredentialsMatcher ID_TOKENS_BY_BUILDS = CredentialsMatchers.allOf(ID_TOKENS, VISIBLE_TO_BUILDS);

    private DatabricksCredentials() {}

    /**
     * Dropdown on the global configuration page: administrators only, nothing listed to anyone else. System-scoped
     * credentials are not offered: builds resolve the workspace's credentials in their own context, where those are
     * invisible.
     */
    static ListBoxModel fillGlobal(String url, String current) {
        return fillGlobal(url, current, USABLE_BY_BUILDS);
    }

    /** The id token dropdown of the global page: Secret text a build can see. */
    static ListBoxModel fillIdTokensGlobal(String url, String current) {
        return fillGlobal(url, current, ID_TOKENS_BY_BUILDS);
    }

    private static ListBoxModel fillGlobal(String url, String current, CredentialsMatcher usableByBuilds) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            model.includeCurrentValue(nullToEmpty(current));
            return model;
        }
        model.includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, requirements(url), usableByBuilds)
                .includeCurrentValue(nullToEmpty(current));
        return model;
    }

    /**
     * Dropdown in a job's form (or the Snippet Generator): those with extended read or "use item credentials" on the
     * job see the credentials the job can use, as the job's authentication sees them.
     */
    static ListBoxModel fillInItem(Item item, String url, String current) {
        return fillInItem(item, url, current, USABLE, USABLE_BY_BUILDS);
    }

    /** The id token dropdown in a job's form: Secret text the job can use. */
    static ListBoxModel fillIdTokensInItem(Item item, String url, String current) {
        return fillInItem(item, url, current, ID_TOKENS, ID_TOKENS_BY_BUILDS);
    }

    private static ListBoxModel fillInItem(
            Item item, String url, String current, CredentialsMatcher usable, CredentialsMatcher usableByBuilds) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (!mayUseJobForms(item)) {
            model.includeCurrentValue(nullToEmpty(current));
            return model;
        }
        if (item == null) {
            // the Snippet Generator at the root: a build will look the id up in its job, where System scope is
            // invisible
            model.includeEmptyValue()
                    .includeMatchingAs(
                            ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, requirements(url), usableByBuilds);
        } else {
            model.includeEmptyValue()
                    .includeMatchingAs(
                            authenticationOf(item), item, StandardCredentials.class, requirements(url), usable);
        }
        model.includeCurrentValue(nullToEmpty(current));
        return model;
    }

    /** Whether the credentials a workspace names exist, can authenticate, and can be used by builds. */
    static FormValidation checkGlobal(String url, String id) {
        if (DeployRequest.isBlank(id)) {
            return FormValidation.error(Messages.DatabricksCredentials_Required());
        }
        return checkGlobal(url, id.trim(), USABLE, Messages.DatabricksCredentials_WrongType(id.trim()));
    }

    /** Whether the id token credential a workspace names exists, is Secret text, and can be used by builds. */
    static FormValidation checkIdTokenGlobal(String url, String id) {
        if (DeployRequest.isBlank(id)) {
            return FormValidation.ok();
        }
        return checkGlobal(url, id.trim(), ID_TOKENS, Messages.DatabricksCredentials_NotAnIdToken(id.trim()));
    }

    private static FormValidation checkGlobal(String url, String trimmed, CredentialsMatcher usable, String wrongType) {
        if (listedAtRoot(url, CredentialsMatchers.withId(trimmed))) {
            if (!listedAtRoot(url, CredentialsMatchers.allOf(CredentialsMatchers.withId(trimmed), usable))) {
                return FormValidation.error(wrongType);
            }
            if (isSystemScoped(url, trimmed)) {
                return FormValidation.error(Messages.DatabricksCredentials_SystemScope(trimmed));
            }
            return FormValidation.ok();
        }
        return FormValidation.error(Messages.DatabricksCredentials_NotFound(trimmed));
    }

    /**
     * The same check in a job's context, as the credentials plugin's consumer guide writes it: says nothing to those
     * without extended read or "use item credentials", cannot judge a {@code ${PARAM}} expression, and only lists.
     */
    static FormValidation checkInItem(Item item, String url, String id) {
        if (!mayUseJobForms(item) || DeployRequest.isBlank(id)) {
            return FormValidation.ok();
        }
        return checkInItem(item, url, id.trim(), USABLE, Messages.DatabricksCredentials_WrongType(id.trim()));
    }

    /** The same check for the id token credential of federation: Secret text the job can use. */
    static FormValidation checkIdTokenInItem(Item item, String url, String id) {
        if (!mayUseJobForms(item) || DeployRequest.isBlank(id)) {
            return FormValidation.ok();
        }
        return checkInItem(item, url, id.trim(), ID_TOKENS, Messages.DatabricksCredentials_NotAnIdToken(id.trim()));
    }

    private static FormValidation checkInItem(
            Item item, String url, String trimmed, CredentialsMatcher usable, String wrongType) {
        if (isExpression(trimmed)) {
            return FormValidation.warning(Messages.DatabricksCredentials_Expression(trimmed));
        }
        Authentication auth = item == null ? ACL.SYSTEM2 : authenticationOf(item);
        if (CredentialsProvider.listCredentialsInItem(
                        StandardCredentials.class, item, auth, requirements(url), CredentialsMatchers.withId(trimmed))
                .isEmpty()) {
            return FormValidation.error(Messages.DatabricksCredentials_NotFound(trimmed));
        }
        if (CredentialsProvider.listCredentialsInItem(
                        StandardCredentials.class,
                        item,
                        auth,
                        requirements(url),
                        CredentialsMatchers.allOf(CredentialsMatchers.withId(trimmed), usable))
                .isEmpty()) {
            return FormValidation.error(wrongType);
        }
        if (item == null && isSystemScoped(url, trimmed)) {
            return FormValidation.error(Messages.DatabricksCredentials_SystemScope(trimmed));
        }
        return FormValidation.ok();
    }

    /**
     * Resolves the credentials of a configured workspace for a build, in the build's context, and records their use.
     * A credential that exists but is not visible to the build is almost always System-scoped: the message says so.
     */
    static WorkspaceAuth forWorkspace(Run<?, ?> run, DatabricksWorkspace workspace) throws AbortException {
        boolean federation = workspace.usesFederation();
        String id = federation ? workspace.getIdTokenCredentialsId() : workspace.getCredentialsId();
        StandardCredentials found = CredentialsProvider.findCredentialById(
                id, StandardCredentials.class, run, requirements(workspace.getUrl()));
        if (found == null) {
            if (listedAtRoot(workspace.getUrl(), CredentialsMatchers.withId(id))) {
                throw new AbortException(
                        Messages.DatabricksCredentials_WorkspaceCredentialsNotForJobs(id, workspace.getName()));
            }
            throw new AbortException(
                    Messages.DatabricksCredentials_WorkspaceCredentialsMissing(id, workspace.getName()));
        }
        CredentialsProvider.track(run, found);
        return federation ? federation(found, workspace.getClientId()) : toAuth(found);
    }

    /**
     * Workload identity federation that a step sets up itself ({@code idTokenCredentialsId} with its
     * {@code workspaceUrl}): the id token credential resolved with the build, its use recorded. Not expanded, like
     * {@code credentialsId}.
     */
    static WorkspaceAuth federationForRun(Run<?, ?> run, String url, String idTokenId, String clientId)
            throws AbortException {
        StandardCredentials found =
                CredentialsProvider.findCredentialById(idTokenId, StandardCredentials.class, run, requirements(url));
        if (found == null) {
            throw new AbortException(Messages.DatabricksCredentials_NotFound(idTokenId.trim()));
        }
        CredentialsProvider.track(run, found);
        return federation(found, clientId);
    }

    /**
     * The client's federation: every token exchange reads the credential's secret again, so an "OpenID Connect id
     * token" credential (bound to the build by {@code findCredentialById}) mints a fresh id token each time.
     */
    private static WorkspaceAuth federation(StandardCredentials credentials, String clientId) throws AbortException {
        if (!(credentials instanceof StringCredentials idToken)) {
            throw new AbortException(Messages.DatabricksCredentials_NotAnIdToken(credentials.getId()));
        }
        IdTokenSupplier idTokens = () -> idToken.getSecret().getPlainText();
        return WorkspaceAuth.of(
                AuthFromCredential.federation(idTokens, DeployRequest.isBlank(clientId) ? null : clientId.trim()));
    }

    /**
     * Resolves credentials a step names itself, in the job's context, and records their use. The id is passed as
     * given: {@code findCredentialById} evaluates a {@code ${PARAM}} credentials parameter itself, with the rights of
     * the user who triggered the build, which expanding it beforehand would bypass.
     */
    static WorkspaceAuth forRun(Run<?, ?> run, String url, String id) throws AbortException {
        StandardCredentials found =
                CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, requirements(url));
        if (found == null) {
            throw new AbortException(Messages.DatabricksCredentials_NotFound(id.trim()));
        }
        CredentialsProvider.track(run, found);
        return toAuth(found);
    }

    /**
     * Credentials for the Test Connection button (administrators, global page); not a build, so nothing to track.
     * Refuses what builds could not use, so the button never says "works" for a workspace whose deploys would fail.
     */
    static WorkspaceAuth forTest(DatabricksWorkspace workspace) throws AbortException {
        if (!workspace.usesFederation()) {
            return forTest(workspace.getUrl(), workspace.getCredentialsId());
        }
        String trimmed = workspace.getIdTokenCredentialsId();
        if (isSystemScoped(workspace.getUrl(), trimmed)) {
            throw new AbortException(Messages.DatabricksCredentials_SystemScope(trimmed));
        }
        StandardCredentials found = CredentialsProvider.findCredentialByIdInItemGroup(
                trimmed, StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements(workspace.getUrl()));
        if (found == null) {
            throw new AbortException(Messages.DatabricksCredentials_NotFound(trimmed));
        }
        return federation(found, workspace.getClientId());
    }

    private static WorkspaceAuth forTest(String url, String id) throws AbortException {
        String trimmed = id.trim();
        if (isSystemScoped(url, trimmed)) {
            throw new AbortException(Messages.DatabricksCredentials_SystemScope(trimmed));
        }
        StandardCredentials found = CredentialsProvider.findCredentialByIdInItemGroup(
                trimmed, StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements(url));
        if (found == null) {
            throw new AbortException(Messages.DatabricksCredentials_NotFound(trimmed));
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
        if (credentials instanceof DatabricksServicePrincipalCredentials servicePrincipal) {
            try {
                // the public cloud's Entra login host; sovereign clouds are not offered in Jenkins yet
                return WorkspaceAuth.of(servicePrincipal.toAuth(null));
            } catch (IllegalArgumentException e) {
                // a blank client id or secret: the message names the field, and holds no secret
                throw new AbortException(credentials.getId() + ": " + e.getMessage());
            }
        }
        throw new AbortException(Messages.DatabricksCredentials_WrongType(credentials.getId()));
    }

    /** Lists (never reads) the credentials an administrator sees at the root. */
    private static boolean listedAtRoot(String url, CredentialsMatcher matcher) {
        return !CredentialsProvider.listCredentialsInItemGroup(
                        StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements(url), matcher)
                .isEmpty();
    }

    private static boolean isSystemScoped(String url, String id) {
        return listedAtRoot(
                url,
                CredentialsMatchers.allOf(
                        CredentialsMatchers.withId(id), CredentialsMatchers.withScope(CredentialsScope.SYSTEM)));
    }

    static boolean isExpression(String id) {
        return id.startsWith("${") && id.endsWith("}");
    }

    /**
     * Extended read (implied by configure) or "use item credentials" on the job; administer without one — the
     * consumer guide's gate for credential lists and checks. Form checks answer "ok" to anyone else, as the
     * credentials plugin's do: a check must reveal nothing, and an error in every field of a page the user may only
     * read would be noise.
     */
    static boolean mayUseJobForms(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
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
