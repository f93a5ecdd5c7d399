package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The Pipeline step shows the deploy fields as its own flat parameters by forwarding to a
 * {@link DeployConfiguration}: the two sets of setters and getters must stay equal, or a field added to the
 * configuration would be missing from {@code databricksDeploy(...)} (or the other way round). Jenkins-free: the
 * step itself cannot be built without Jenkins (DeployStepJenkinsTest checks that each setter forwards), the
 * configuration can.
 */
class DeployStepParametersTest {

    @Test
    void theStepHasExactlyTheConfigurationsSetters() {
        assertThat(setters(DatabricksDeployStep.class)).isEqualTo(setters(DeployConfiguration.class));
        assertThat(setters(DeployConfiguration.class).keySet())
                .containsExactlyElementsOf(DeployConfiguration.fieldNames())
                .contains("workspace", "jar", "clusters", "smokeCommand", "rollback", "dryRun");
    }

    @Test
    void theStepHasAGetterForEachParameter() throws NoSuchMethodException {
        for (Map.Entry<String, Class<?>> setter :
                setters(DeployConfiguration.class).entrySet()) {
            String name = setter.getKey();
            String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            String getter = (setter.getValue() == boolean.class ? "is" : "get") + suffix;
            Method onStep = DatabricksDeployStep.class.getMethod(getter);
            Method onConfiguration = DeployConfiguration.class.getMethod(getter);
            assertThat(onStep.getReturnType()).as(getter).isEqualTo(onConfiguration.getReturnType());
        }
    }

    @Test
    void everyFieldOfTheConfigurationReachesTheRequest() throws Exception {
        DeployRequest defaults = new DeployConfiguration().toRequest();
        for (Map.Entry<String, Class<?>> setter :
                setters(DeployConfiguration.class).entrySet()) {
            DeployConfiguration configuration = new DeployConfiguration();
            Method set = DeployConfiguration.class.getMethod(setterName(setter.getKey()), setter.getValue());
            set.invoke(configuration, sample(setter.getValue(), defaults, setter.getKey()));
            assertThat(configuration.toRequest()).as(setter.getKey()).isNotEqualTo(defaults);
        }
    }

    @Test
    void blankTextReadsAsUnset() {
        DeployConfiguration configuration = new DeployConfiguration();
        configuration.setJar("  ");
        configuration.setClusters(" analytics ");
        assertThat(configuration.getJar()).isNull();
        assertThat(configuration.getClusters()).isEqualTo("analytics");
    }

    /** A value unlike the default: text, a number, or the boolean the default is not. */
    static Object sample(Class<?> type, DeployRequest defaults, String field) {
        if (type == String.class) {
            return "value-of-" + field;
        }
        if (type == Integer.class) {
            return 7;
        }
        return switch (field) {
            case "rollback" -> !defaults.rollback();
            case "dryRun" -> !defaults.dryRun();
            case "replaceOtherCopies" -> !defaults.replaceOtherCopies();
            default -> true;
        };
    }

    static String setterName(String field) {
        return "set" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    /** Parameter name to its type, for every {@code @DataBoundSetter}. */
    static Map<String, Class<?>> setters(Class<?> type) {
        Map<String, Class<?>> setters = new TreeMap<>();
        List<Method> methods = Arrays.stream(type.getMethods())
                .filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .toList();
        for (Method m : methods) {
            String name = m.getName().substring(3);
            setters.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), m.getParameterTypes()[0]);
        }
        return setters;
    }
}
