// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/AbstractBuild.java (its interfaces left out)
package hudson.model;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {}
