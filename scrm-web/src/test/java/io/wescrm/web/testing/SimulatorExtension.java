package io.wescrm.web.testing;

import io.wescrm.web.SimulatedCorps;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit side of {@link WithSimulator}: stops the simulator of a test class after its last test. The Spring side
 * ({@link SimulatorContextCustomizerFactory}) starts it when the class's application context is built; this
 * registry connects the two.
 */
public final class SimulatorExtension implements AfterAllCallback {

  private static final Map<Class<?>, SimulatedCorps> RUNNING = new ConcurrentHashMap<>();

  static void started(Class<?> testClass, SimulatedCorps corps) {
    SimulatedCorps previous = RUNNING.put(testClass, corps);
    if (previous != null) {
      previous.close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    SimulatedCorps corps = RUNNING.remove(context.getRequiredTestClass());
    if (corps != null) {
      corps.close();
    }
  }
}
