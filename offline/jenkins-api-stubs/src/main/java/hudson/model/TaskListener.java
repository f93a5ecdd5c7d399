// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/TaskListener.java (extends SerializableOnlyOverRemoting left out)
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;

public interface TaskListener {
    @NonNull
    PrintStream getLogger();
}
