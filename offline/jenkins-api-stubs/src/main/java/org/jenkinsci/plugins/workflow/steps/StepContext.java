// Read from jenkinsci/workflow-step-api-plugin @ 0773c3c68734 : src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java (implements FutureCallback<Object> left out)
package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    // From com.google.common.util.concurrent.FutureCallback<Object>, which the real class implements.
    public abstract void onSuccess(Object result);

    public abstract void onFailure(Throwable t);
}
