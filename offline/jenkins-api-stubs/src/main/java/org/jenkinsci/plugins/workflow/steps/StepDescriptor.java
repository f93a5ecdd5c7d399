// Read from jenkinsci/workflow-step-api-plugin @ 0773c3c68734 : src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    protected StepDescriptor() {}

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();
}
