// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/Launcher.java
package hudson;

public abstract class Launcher {}
