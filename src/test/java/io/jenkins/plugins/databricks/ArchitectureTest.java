package io.jenkins.plugins.databricks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The engine and the client must run without Jenkins: the front ends depend on them, never the reverse. */
class ArchitectureTest {

    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.databricks");

    @Test
    void apiAndDeployImportNothingFromJenkins() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage("..databricks.api..", "..databricks.deploy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke.stapler..", "com.cloudbees..")
                .allowEmptyShould(false);
        rule.check(PLUGIN);
    }

    @Test
    void clientDoesNotDependOnTheEngine() {
        noClasses()
                .that()
                .resideInAPackage("..databricks.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..databricks.deploy..")
                .allowEmptyShould(false)
                .check(PLUGIN);
    }

    @Test
    void transportKnowsNoApiVersionAndTheVersionsKnowNotEachOther() {
        noClasses()
                .that()
                .resideInAPackage("..databricks.api")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..databricks.api.rest12..", "..databricks.api.rest2..", "..databricks.api.jobs..")
                .allowEmptyShould(false)
                .check(PLUGIN);
        noClasses()
                .that()
                .resideInAPackage("..databricks.api.rest12..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..databricks.api.rest2..")
                .allowEmptyShould(false)
                .check(PLUGIN);
    }

    @Test
    void theJobsClientStandsBesideBothApiVersions() {
        noClasses()
                .that()
                .resideInAPackage("..databricks.api.jobs..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..databricks.api.rest12..", "..databricks.api.rest2..")
                .allowEmptyShould(false)
                .check(PLUGIN);
    }
}
