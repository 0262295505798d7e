package se.samla;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.core.ApplicationModules;
import se.samla.shared.SwedishTime;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** Module boundaries, checked: by Spring Modulith, and by ArchUnit for what Modulith does not check. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(SamlaApplication.class);
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("se.samla");

    @Test
    void modulesOnlyUseEachOthersApisAndHaveNoCycles() {
        assertThat(MODULES.stream().map(m -> m.getBasePackage().getName()))
                .contains(
                        "se.samla.audit",
                        "se.samla.identity",
                        "se.samla.platform",
                        "se.samla.shared",
                        "se.samla.tenancy",
                        "se.samla.web");
        MODULES.verify();
    }

    @Test
    void aModulesSubPackagesAreUsedOnlyInsideThatModule() {
        for (var module : MODULES) {
            String base = module.getBasePackage().getName();
            ArchRule rule = noClasses()
                    .that()
                    .resideOutsideOfPackage(base + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(base + ".*..")
                    .because("a module's sub-packages are its internals")
                    .allowEmptyShould(true);
            rule.check(CLASSES);
        }
    }

    @Test
    void noFieldInjection() {
        noFields()
                .should()
                .beAnnotatedWith(Autowired.class)
                .because("dependencies are constructor parameters, so every object is complete when made")
                .check(CLASSES);
    }

    @Test
    void noJpaAndNoPrintingToTheConsole() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.persistence..")
                .because("Samla uses Spring Data JDBC and JdbcClient, not JPA")
                .check(CLASSES);
        noClasses()
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .because("output goes through the logger, which carries the request id")
                .check(CLASSES);
    }

    @Test
    void controllersTranslateHttpAndLeaveTransactionsSqlAndAuditToServices() {
        noClasses()
                .that()
                .areAnnotatedWith(org.springframework.stereotype.Controller.class)
                .or()
                .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(org.springframework.jdbc.core.simple.JdbcClient.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(org.springframework.transaction.support.TransactionTemplate.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(se.samla.platform.TenantTransactions.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(se.samla.audit.AuditLog.class)
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Store")
                .because(
                        "a controller binds the request, calls one service and picks the view; transactions, SQL, audit "
                                + "and access decisions live in services")
                .check(CLASSES);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(org.springframework.stereotype.Controller.class)
                .or()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should()
                .beAnnotatedWith(org.springframework.transaction.annotation.Transactional.class)
                .because("a transaction belongs to the service that does the work")
                .check(CLASSES);
    }

    /** Classes that make their own JsonMapper instead of taking Spring's, each with its reason. */
    static final Map<String, String> OWN_JSON_MAPPERS = Map.of(
            "se.samla.catalog.CatalogService",
            "a stored definition's version is decided by the hash of its JSON, so that "
                    + "JSON must stay the same whatever spring.jackson.* settings or modules the application gets");

    @Test
    void oneTimeZoneAndOneJsonMapper() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(SwedishTime.class.getName())
                .should()
                .callMethod(ZoneId.class, "of", String.class)
                .because("Swedish dates are in SwedishTime.ZONE, and the time is the Clock bean's")
                .check(CLASSES);
        noClasses()
                .that(DescribedPredicate.describe(
                        "are not listed in OWN_JSON_MAPPERS",
                        (JavaClass c) -> !OWN_JSON_MAPPERS.containsKey(c.getName())))
                .should()
                .callMethod(JsonMapper.class, "builder")
                .orShould()
                .callMethod(JsonMapper.class, "builder", JsonFactory.class)
                .orShould()
                .callMethod(JsonMapper.class, "builderWithJackson2Defaults")
                .orShould()
                .callMethod(JsonMapper.class, "shared")
                .orShould()
                .callConstructor(JsonMapper.class)
                .because(
                        "JSON goes through Spring's JsonMapper bean, so every answer and stored text has its configuration")
                .check(CLASSES);
    }

    @Test
    void everyModuleSaysWhatItOwns() {
        for (var module : MODULES) {
            String name = module.getBasePackage().getName();
            if (CLASSES.stream().noneMatch(c -> c.getName().equals(name + ".package-info"))) {
                throw new AssertionError("module " + name + " has no package-info.java saying what it owns");
            }
        }
    }
}
