package io.wescrm.web.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a Spring test against its own WeCom simulator: before the test class's application context starts, a
 * simulator with {@link #corps()} freshly named corps (unique ids, so suites can share one MariaDB) is started and
 * {@code scrm.wecom.*} (base-url; corp id, name, secret, agent id, callback token and AES key of every corp) point
 * the server at it. The test gets it with {@code @Autowired SimulatedCorps corps}; it stops after the test class.
 *
 * <p>Each annotated class gets a context of its own (the test class is part of Spring's context cache key), as
 * with a {@code @DynamicPropertySource} per class.
 *
 * @see SimulatorExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SimulatorExtension.class)
public @interface WithSimulator {

  /** How many corps the simulator serves (as {@code scrm.wecom.corps[0..n-1]}). */
  int corps() default 1;

  /**
   * The seed of every corp as the six arguments of {@code SeedSize.of} (stores, staff, customers, follow relations,
   * groups, average group members); empty (the default): empty corps. Ignored when {@link #demoSeed()} is set.
   */
  int[] seed() default {};

  /** Seeds every corp with {@code SeedSize.demo()}. */
  boolean demoSeed() default false;

  /**
   * More properties ({@code key=value}) in the same property source as the simulated corps: another
   * {@code scrm.wecom.corps[n]} must go here, because Boot binds a list from one property source only.
   */
  String[] properties() default {};
}
