package io.wescrm.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules: web → adapter → core, nothing points back; SDKs stay where they belong; the WeCom simulator
 * (its own module, outside the production code path) is used by demo mode only.
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
  void coreDomainModelIsPlainJava() {
    noClasses().that().resideInAnyPackage("io.wescrm.core.customer..", "io.wescrm.core.directory..",
            "io.wescrm.core.group..", "io.wescrm.core.tag..", "io.wescrm.core.sync..", "io.wescrm.core.rules..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.baomidou..",
            "org.apache.ibatis..")
        .check(classes);
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
  void onlySchedulingUsesQuartz() {
    noClasses().that().resideOutsideOfPackage("io.wescrm.web.scheduling..")
        .should().dependOnClassesThat().resideInAPackage("org.quartz..")
        .check(classes);
  }
}
