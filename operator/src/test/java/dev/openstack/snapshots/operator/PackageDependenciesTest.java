package dev.openstack.snapshots.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the operator's main code, read from its class files: no two packages depend on each other
 * through any path (issue 11: {@code cloud} and {@code cinder.openstack} once did), and openstack4j is used only by the
 * Cinder adapter, so none of its types reaches the controllers or the credentials code.
 */
class PackageDependenciesTest {

    private static final String ROOT = "dev.openstack.snapshots.operator";
    private static final String ADAPTER = ROOT + ".cinder.openstack";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Each package is its own slice, the root package (Main, the assembly) included. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return name.equals(ROOT) || name.startsWith(ROOT + ".") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of " + ROOT;
        }
    };

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void onlyTheCinderAdapterUsesOpenstack4j() {
        noClasses().that().resideOutsideOfPackage(ADAPTER)
                .should().dependOnClassesThat().resideInAPackage("org.openstack4j..")
                .because("openstack4j types stay inside the Cinder adapter (ARCHITECTURE.md §3, STYLE.md)")
                .check(MAIN);
    }

    @Test
    void theRulesSeeTheWholeOperator() {
        // A rule over an empty or partial import passes vacuously: make sure the adapter and the main are in it.
        if (!MAIN.contain(ADAPTER + ".OpenStackBlockStorage") || !MAIN.contain(ROOT + ".Main")) {
            throw new AssertionError("the import of " + ROOT + " misses classes: " + MAIN.size() + " imported");
        }
    }
}
