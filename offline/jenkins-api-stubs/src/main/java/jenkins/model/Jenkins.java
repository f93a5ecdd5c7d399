// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/jenkins/model/Jenkins.java (of its supertypes only ItemGroup<TopLevelItem> and AccessControlled are kept)
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ProxyConfiguration;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public class Jenkins implements ItemGroup<TopLevelItem>, AccessControlled {
    public static final Permission ADMINISTER = unknown();

    protected Jenkins() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean isTerminating() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @CheckForNull Item getItemByFullName(String fullName) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public ProxyConfiguration getProxy() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    private static Permission unknown() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
