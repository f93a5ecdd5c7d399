// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/util/ListBoxModel.java (implements HttpResponse left out)
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    public static final class Option {
        public Option(@NonNull String name, @NonNull String value) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }

    public ListBoxModel() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
