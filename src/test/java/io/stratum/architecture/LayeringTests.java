package io.stratum.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering of DESIGN.md as failing checks: business layers never see the engine, nobody depends on governance. */
class LayeringTests {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stratum");
    }

    @Test
    void onlyOrchestrationAndGovernanceUseTheEngine() {
        noClasses().that().resideOutsideOfPackages("io.stratum.orchestration..", "io.stratum.governance..")
                .and().doNotHaveFullyQualifiedName("io.stratum.StratumApplication")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(classes);
    }

    @Test
    void businessLayersDoNotDependOnOrchestrationOrGovernance() {
        noClasses().that().resideInAnyPackage("io.stratum.ingestion..", "io.stratum.intelligence..",
                        "io.stratum.action..", "io.stratum.learning..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stratum.orchestration..",
                        "io.stratum.governance..")
                .check(classes);
    }

    @Test
    void nobodyDependsOnGovernance() {
        noClasses().that().resideOutsideOfPackage("io.stratum.governance..")
                .should().dependOnClassesThat().resideInAPackage("io.stratum.governance..")
                .check(classes);
    }

    @Test
    void layersBelowOrchestrationDoNotCallEachOtherSideways() {
        // learning may read intelligence (model versions); intelligence stands alone; action and learning read CSV
        // imports through ingestion's CsvTable, the one place the shared file shape is parsed.
        noClasses().that().resideInAPackage("io.stratum.intelligence..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stratum.ingestion..", "io.stratum.action..",
                        "io.stratum.learning..")
                .check(classes);
        noClasses().that().resideInAnyPackage("io.stratum.ingestion..", "io.stratum.action..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stratum.intelligence..",
                        "io.stratum.learning..")
                .check(classes);
    }
}
