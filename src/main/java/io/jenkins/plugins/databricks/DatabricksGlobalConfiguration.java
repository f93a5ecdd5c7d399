package io.jenkins.plugins.databricks;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The Databricks workspaces of this Jenkins (Manage Jenkins → System, and {@code unclassified: databricks:} in
 * Configuration as Code). Deploy steps refer to a workspace by its name.
 */
@Extension
@Symbol("databricks")
public final class DatabricksGlobalConfiguration extends GlobalConfiguration {

    private List<DatabricksWorkspace> workspaces = new ArrayList<>();

    @SuppressWarnings("this-escape") // the GlobalConfiguration idiom: load the saved state as soon as it exists
    public DatabricksGlobalConfiguration() {
        load();
    }

    public static DatabricksGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(DatabricksGlobalConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.DatabricksGlobalConfiguration_DisplayName();
    }

    public List<DatabricksWorkspace> getWorkspaces() {
        return List.copyOf(workspaces);
    }

    /**
     * Replaces the list (form, Configuration as Code) and saves it.
     *
     * @throws IllegalArgumentException when two workspaces share a name
     */
    @DataBoundSetter
    public void setWorkspaces(List<DatabricksWorkspace> workspaces) {
        List<DatabricksWorkspace> list = workspaces == null ? List.of() : List.copyOf(workspaces);
        Set<String> duplicates = WorkspaceRules.duplicateNames(
                list.stream().map(DatabricksWorkspace::getName).toList());
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException(
                    Messages.DatabricksGlobalConfiguration_DuplicateNames(String.join(", ", duplicates)));
        }
        this.workspaces = new ArrayList<>(list);
        save();
    }

    /** The workspace with this name (compared without case), or {@code null}. */
    @CheckForNull
    public DatabricksWorkspace findWorkspace(String name) {
        if (name == null) {
            return null;
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        return workspaces.stream()
                .filter(w -> w.getName().toLowerCase(Locale.ROOT).equals(key))
                .findFirst()
                .orElse(null);
    }

    /**
     * Binds the form's workspaces into a new list and assigns it once ({@link #setWorkspaces}): a build that reads the
     * list while an administrator saves sees the old list or the new one, never an empty one. A form without
     * workspaces (the last one deleted) binds to an empty list; data binding onto this object would skip the setter
     * then and keep the old list.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try {
            setWorkspaces(req.bindJSONToList(DatabricksWorkspace.class, json.get("workspaces")));
        } catch (RuntimeException e) {
            throw new FormException(deepestMessage(e), "workspaces");
        }
        return true;
    }

    /** Data binding wraps what our setter threw; the innermost message is the one that names the problem. */
    private static String deepestMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
