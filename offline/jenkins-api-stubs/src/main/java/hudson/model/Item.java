// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/Item.java (of its super-interfaces only AccessControlled is kept)
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    String getFullName();

    Permission CONFIGURE = unknown();

    Permission EXTENDED_READ = unknown();

    private static Permission unknown() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
