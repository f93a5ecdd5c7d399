// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/ExtensionPoint.java
package hudson;

public interface ExtensionPoint {}
