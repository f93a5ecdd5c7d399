package io.jenkins.plugins.databricks;

import io.jenkins.plugins.databricks.deploy.DeployField;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.FieldError;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What makes a configured workspace valid: its name (referred to by the deploy steps, so unique and easy to type)
 * and its URL (judged by the engine's own rule, so the form and the deploy never disagree). Free of Jenkins.
 */
public final class WorkspaceRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private WorkspaceRules() {}

    /** @return why the name is not usable, or {@code null} */
    public static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Messages.WorkspaceRules_NameRequired();
        }
        if (!NAME.matcher(name.trim()).matches()) {
            return Messages.WorkspaceRules_NameInvalid(name.trim());
        }
        return null;
    }

    /** @return why the URL is not a workspace URL, or {@code null} */
    public static String urlProblem(String url) {
        return DeploySpec.builder().workspaceUrl(url).validate().stream()
                .filter(error -> error.field() == DeployField.WORKSPACE_URL)
                .map(FieldError::message)
                .findFirst()
                .map(Messages::WorkspaceRules_UrlInvalid)
                .orElse(null);
    }

    /**
     * Names used more than once, compared without case (a step's {@code workspace: 'Prod'} must not depend on
     * which of {@code prod} and {@code Prod} comes first).
     *
     * @return the duplicated names, sorted; empty when all are unique
     */
    public static Set<String> duplicateNames(Collection<String> names) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new TreeSet<>();
        for (String name : names) {
            if (!seen.add(name.trim().toLowerCase(Locale.ROOT))) {
                duplicates.add(name.trim());
            }
        }
        return duplicates;
    }

    /**
     * The folder paths an administrator allows a workspace for, one per line or separated by commas, e.g.
     * {@code team-a} or {@code team-b/prod}: trimmed, without leading or trailing {@code /}, duplicates and blanks left
     * out. Empty means every job may use the workspace.
     */
    public static List<String> folderList(String allowedFolders) {
        if (allowedFolders == null || allowedFolders.isBlank()) {
            return List.of();
        }
        Set<String> folders = new LinkedHashSet<>();
        for (String entry : allowedFolders.split("[,\\r\\n]+")) {
            String folder = entry.trim();
            while (folder.startsWith("/")) {
                folder = folder.substring(1);
            }
            while (folder.endsWith("/")) {
                folder = folder.substring(0, folder.length() - 1);
            }
            if (!folder.isEmpty()) {
                folders.add(folder);
            }
        }
        return List.copyOf(folders);
    }

    /**
     * Whether a job may use a workspace restricted to {@code folders}: the job's full name (e.g. {@code team-a/app}
     * or {@code team-a/sub/app}) must lie under one of them. Exact, case-sensitive, as Jenkins' item names are; a
     * job directly at the root is never under a folder.
     */
    public static boolean allowsJob(List<String> folders, String jobFullName) {
        if (folders.isEmpty()) {
            return true;
        }
        return folders.stream().anyMatch(folder -> jobFullName.startsWith(folder + "/"));
    }

    /** A timeout from a form field: blank or not a positive number means the default ({@code null}). */
    public static Integer parseSeconds(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(text.trim());
            return seconds > 0 ? seconds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
