// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/security/AccessControlled.java
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;

public interface AccessControlled {
    default void checkPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
