package io.jenkins.plugins.databricks;

import io.jenkins.plugins.databricks.deploy.DeployField;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.FieldError;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import java.io.Serializable;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The deploy fields exactly as a front end holds them (Pipeline arguments or form values), free of Jenkins so that
 * turning them into a {@link DeploySpec} is tested without a running Jenkins. {@link DeployConfiguration} is the one
 * place that declares these fields for the UI; it hands them over as a {@code DeployRequest}.
 *
 * @param workspace the name of a workspace configured under Manage Jenkins → System, or blank
 * @param workspaceUrl a workspace URL given directly (with {@code credentialsId}), or blank
 * @param credentialsId the id of Jenkins credentials for {@code workspaceUrl}, or blank
 * @param replaceOtherCopies detach copies of the same artifact stored outside the folder that a target has
 * @param waitTimeoutSeconds {@code null} for the engine's default
 * @param keepVersions {@code null} keeps every old version
 * @param smokeMainClass a main class of the deployed jar to run as the smoke test (instead of a command), or blank
 * @param smokeParameters the main class's arguments, one per line, or blank
 * @param smokeTimeoutSeconds {@code null} for the engine's default
 * @param api {@code auto} (or blank: a {@code /Volumes/} folder means REST 2.x), {@code 1.2} or {@code 2.x}
 * @param idTokenCredentialsId workload identity federation with {@code workspaceUrl}: the id of a Secret text
 *     credential that yields an OIDC id token (instead of {@code credentialsId}), or blank
 * @param clientId the service principal whose federation policy trusts that id token; blank for an account-wide
 *     policy
 */
public record DeployRequest(
        String workspace,
        String workspaceUrl,
        String credentialsId,
        String jar,
        String libraryName,
        String folder,
        String replaces,
        boolean replaceOtherCopies,
        String clusters,
        String restart,
        Integer waitTimeoutSeconds,
        Integer keepVersions,
        String smokeCommand,
        String smokeCommandFile,
        String smokeMainClass,
        String smokeParameters,
        String smokeLanguage,
        String smokeExpect,
        Integer smokeTimeoutSeconds,
        boolean rollback,
        boolean dryRun,
        String api,
        String idTokenCredentialsId,
        String clientId)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Whether the request names a configured workspace (rather than a URL plus credentials). */
    public boolean namesWorkspace() {
        return !isBlank(workspace);
    }

    /** Whether the step authenticates by workload identity federation (an id token credential) itself. */
    public boolean usesFederation() {
        return !isBlank(idTokenCredentialsId);
    }

    /**
     * A copy in which a blank {@code folder} and {@code api} take a configured workspace's defaults, so jobs need
     * not repeat {@code /Volumes/...}. What the step gives wins; with neither, the engine's defaults apply.
     */
    public DeployRequest withWorkspaceDefaults(String defaultFolder, String defaultApi) {
        return new DeployRequest(
                workspace,
                workspaceUrl,
                credentialsId,
                jar,
                libraryName,
                isBlank(folder) ? defaultFolder : folder,
                replaces,
                replaceOtherCopies,
                clusters,
                restart,
                waitTimeoutSeconds,
                keepVersions,
                smokeCommand,
                smokeCommandFile,
                smokeMainClass,
                smokeParameters,
                smokeLanguage,
                smokeExpect,
                smokeTimeoutSeconds,
                rollback,
                dryRun,
                isBlank(api) ? defaultApi : api,
                idTokenCredentialsId,
                clientId);
    }

    /**
     * Which way of reaching Databricks the request uses, or why it is ambiguous or missing: exactly one of
     * {@code workspace} and {@code workspaceUrl} must be given, and {@code credentialsId} goes with the URL.
     *
     * @return a message for the user, or {@code null} when the request is clear
     */
    public String connectionProblem() {
        boolean named = namesWorkspace();
        boolean direct = !isBlank(workspaceUrl);
        if (named && direct) {
            return Messages.DeployRequest_WorkspaceAndUrl();
        }
        if (!named && !direct) {
            return Messages.DeployRequest_NoWorkspace();
        }
        if (named && (usesFederation() || !isBlank(clientId))) {
            // a configured workspace brings its own credentials; ignoring these would deploy as someone else
            return Messages.DeployRequest_WorkspaceWithFederation();
        }
        if (direct && isBlank(credentialsId) && !usesFederation()) {
            return Messages.DeployRequest_UrlWithoutCredentials();
        }
        if (direct && !isBlank(credentialsId) && usesFederation()) {
            return Messages.DeployRequest_TwoCredentials();
        }
        if (!isBlank(clientId) && !usesFederation()) {
            return Messages.DeployRequest_ClientIdWithoutIdToken();
        }
        return null;
    }

    /**
     * A copy with the text fields passed through {@code expand}, e.g. a freestyle build's {@code EnvVars::expand} so
     * that {@code ${BUILD_NUMBER}} works in forms. Pipeline interpolates itself. Never expanded: {@code credentialsId}
     * (Jenkins resolves a {@code ${PARAM}} credentials parameter itself, with the rights of the user who started the
     * build; expanding it first would let any build variable pick any credential the job can see) and
     * {@code workspace} (an administrator's workspace, and the folders it is allowed for, are chosen by name), nor
     * {@code idTokenCredentialsId} (a credential, like {@code credentialsId}) and {@code clientId} (which service
     * principal the build becomes).
     */
    public DeployRequest expand(UnaryOperator<String> expand) {
        UnaryOperator<String> e = s -> s == null ? null : expand.apply(s);
        return new DeployRequest(
                workspace,
                e.apply(workspaceUrl),
                credentialsId,
                e.apply(jar),
                e.apply(libraryName),
                e.apply(folder),
                e.apply(replaces),
                replaceOtherCopies,
                e.apply(clusters),
                e.apply(restart),
                waitTimeoutSeconds,
                keepVersions,
                smokeCommand,
                e.apply(smokeCommandFile),
                e.apply(smokeMainClass),
                e.apply(smokeParameters),
                e.apply(smokeLanguage),
                smokeExpect,
                smokeTimeoutSeconds,
                rollback,
                dryRun,
                e.apply(api),
                idTokenCredentialsId,
                clientId);
    }

    /**
     * The engine's builder filled from these fields plus what the front end resolved.
     *
     * @param url the workspace URL (from the configured workspace or {@code workspaceUrl})
     * @param auth from the credentials; {@code null} for form validation, where none is resolved
     * @param buildId the value of {@code {build}} in the library name, e.g. the build number
     */
    public DeploySpec.Builder toSpec(String url, WorkspaceAuth auth, String buildId) {
        return DeploySpec.builder()
                .workspaceUrl(url)
                .auth(auth)
                .jar(jar)
                .libraryName(libraryName)
                .folder(folder)
                .replaces(replaces)
                .replaceOtherCopies(replaceOtherCopies)
                .clusters(clusters)
                .restart(restart)
                .waitTimeoutSeconds(waitTimeoutSeconds)
                .keepVersions(keepVersions)
                .smokeCommand(smokeCommand)
                .smokeCommandFile(smokeCommandFile)
                .smokeMainClass(smokeMainClass)
                .smokeParameters(smokeParameters)
                .smokeLanguage(smokeLanguage)
                .smokeExpect(smokeExpect)
                .smokeTimeoutSeconds(smokeTimeoutSeconds)
                .rollback(rollback)
                .dryRun(dryRun)
                .api(api)
                .buildId(buildId);
    }

    /**
     * The engine's complaints about the given parameters, for a form's field check. Fields that depend on others
     * (e.g. {@code smokeExpect} without a command) are judged with the others as given.
     */
    public List<String> problemsWith(String... parameters) {
        List<String> wanted = List.of(parameters);
        // A placeholder URL: the form checks the fields one by one, and the URL has its own check.
        return toSpec("https://workspace.invalid", null, "1").validate().stream()
                .filter(error -> wanted.contains(parameterName(error.field())))
                .map(FieldError::message)
                .toList();
    }

    /**
     * The parameter of the Step and the forms that a {@link DeployField} stands for: the engine counts
     * timeouts in durations, our parameters in seconds, and credentials by id.
     */
    public static String parameterName(DeployField field) {
        return switch (field) {
            case CREDENTIALS -> "credentialsId";
            case WAIT_TIMEOUT -> "waitTimeoutSeconds";
            case SMOKE_TIMEOUT -> "smokeTimeoutSeconds";
            default -> field.fieldName();
        };
    }

    /** The engine's complaints, one per line, each starting with the parameter's name as the user writes it. */
    public static String describe(List<FieldError> errors) {
        return errors.stream()
                .map(error -> parameterName(error.field()) + ": " + error.message())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
