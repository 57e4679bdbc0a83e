package io.wescrm.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules: web → adapter → core, nothing points back; a feature is a slice ({@code core/<feature>} with its
 * SQL in {@code core/<feature>/jdbc}, {@code web/<feature>} with its Quartz jobs in {@code web/<feature>/scheduling});
 * SDKs stay where they belong; the WeCom simulator (its own module, outside the production code path) is used by demo
 * mode only. Rules name package patterns, not lists, so new slices are covered as they appear.
 */
class ArchitectureTest {

  private static final String SIMULATOR = "io.wescrm.wecom.simulator..";

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.wescrm");
  }

  @Test
  void coreDependsOnNoAdapterNoWebNoWeComSdkNoQuartzNoServlet() {
    noClasses().that().resideInAPackage("io.wescrm.core..")
        .should().dependOnClassesThat().resideInAnyPackage("io.wescrm.wecom..", "io.wescrm.web..",
            "me.chanjar.weixin..", "org.quartz..", "jakarta.servlet..", "org.redisson..",
            "com.github.tomakehurst.wiremock..")
        .check(classes);
  }

  @Test
  void coreIsPlainJavaOutsideItsJdbcPackages() {
    noClasses().that().resideInAPackage("io.wescrm.core..").and().resideOutsideOfPackage("..jdbc..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.baomidou..",
            "org.apache.ibatis..", "org.mybatis..", "java.sql..", "javax.sql..")
        .because("records, ports and use cases are plain Java; SQL and its frameworks live in <feature>/jdbc")
        .check(classes);
  }

  @Test
  void controllersRunNoSql() {
    noClasses().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..",
            "com.baomidou..", "org.apache.ibatis..")
        .because("a controller reaches its data through the slice's use cases and query classes (core/<feature>/jdbc)")
        .check(classes);
  }

  @Test
  void coreUseCasesDependOnPortsNotOnJdbcAdapters() {
    noClasses().that().resideInAPackage("io.wescrm.core..").and().resideOutsideOfPackage("..jdbc..")
        .should().dependOnClassesThat().resideInAPackage("io.wescrm.core..jdbc..")
        .check(classes);
  }

  @Test
  void coreFeatureSlicesAreFreeOfCycles() {
    slices().matching("io.wescrm.core.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void webFeatureSlicesAreFreeOfCycles() {
    slices().matching("io.wescrm.web.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void adapterDoesNotDependOnWeb() {
    noClasses().that().resideInAPackage("io.wescrm.wecom..")
        .should().dependOnClassesThat().resideInAPackage("io.wescrm.web..")
        .check(classes);
  }

  @Test
  void simulatorDependsOnNoOtherModule() {
    noClasses().that().resideInAPackage(SIMULATOR)
        .should().dependOnClassesThat().resideInAnyPackage("io.wescrm.core..", "io.wescrm.web..",
            "io.wescrm.wecom.client..", "io.wescrm.wecom.callback..", "me.chanjar.weixin..")
        .check(classes);
  }

  @Test
  void onlyDemoModeUsesTheSimulator() {
    noClasses().that().resideOutsideOfPackages(SIMULATOR, "io.wescrm.web.demo..")
        .should().dependOnClassesThat().resideInAPackage(SIMULATOR)
        .check(classes);
  }

  @Test
  void onlyTheAdapterSpeaksWxJava() {
    noClasses().that().resideOutsideOfPackage("io.wescrm.wecom..")
        .should().dependOnClassesThat().resideInAPackage("me.chanjar.weixin..")
        .check(classes);
  }

  @Test
  void onlySchedulingPackagesUseQuartz() {
    noClasses().that().resideOutsideOfPackage("..scheduling..")
        .should().dependOnClassesThat().resideInAPackage("org.quartz..")
        .check(classes);
  }
}
