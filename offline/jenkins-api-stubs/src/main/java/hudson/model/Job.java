// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/Job.java (its interfaces left out)
package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {}
