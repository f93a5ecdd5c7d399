// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/queue/Tasks.java
package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue.Task;
import org.springframework.security.core.Authentication;

public class Tasks {
    public static @NonNull Authentication getAuthenticationOf2(@NonNull Task t) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
