// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/security/Permission.java
package hudson.security;

public final class Permission {
    private Permission() {}
}
