package io.wescrm.web.testing;

import io.wescrm.web.SimulatedCorps;
import io.wescrm.wecom.simulator.SeedSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Starts the simulator of a {@link WithSimulator} test class while its application context is built, registers the
 * properties that point the server at it (highest precedence) and the {@link SimulatedCorps} bean. Registered in
 * {@code META-INF/spring.factories} of the test classpath.
 */
public final class SimulatorContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    WithSimulator settings = TestContextAnnotationUtils.findMergedAnnotation(testClass, WithSimulator.class);
    return settings == null ? null : new Customizer(testClass, settings);
  }

  /** Equal only for the same test class: every annotated class has a simulator and a context of its own. */
  private record Customizer(Class<?> testClass, WithSimulator settings) implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
      SimulatedCorps corps = SimulatedCorps.start(settings.corps(), seed(settings));
      SimulatorExtension.started(testClass, corps);
      Map<String, Object> properties = new LinkedHashMap<>(corps.properties());
      properties.putAll(TestPropertySourceUtils.convertInlinedPropertiesToMap(settings.properties()));
      context.getEnvironment().getPropertySources()
          .addFirst(new MapPropertySource("simulatedWeCom:" + testClass.getSimpleName(), properties));
      context.getBeanFactory().registerSingleton("simulatedCorps", corps);
      if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
        registry.registerDisposableBean("simulatedCorps", corps::close);   // a context evicted from the cache
      }
    }

    private static SeedSize seed(WithSimulator settings) {
      if (settings.demoSeed()) {
        return SeedSize.demo();
      }
      int[] s = settings.seed();
      if (s.length == 0) {
        return SeedSize.empty();
      }
      if (s.length != 6) {
        throw new IllegalArgumentException("@WithSimulator(seed) takes the six numbers of SeedSize.of, not " + s.length);
      }
      return SeedSize.of(s[0], s[1], s[2], s[3], s[4], s[5]);
    }
  }
}
