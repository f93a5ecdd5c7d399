// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/Queue.java (extends ResourceController, implements Saveable left out; only the nested Task)
package hudson.model;

public class Queue {
    public interface Task {}
}
