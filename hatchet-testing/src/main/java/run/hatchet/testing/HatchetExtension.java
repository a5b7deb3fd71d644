package run.hatchet.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import run.hatchet.Hatchet;
import run.hatchet.config.ClientConfig;

/**
 * The JUnit 5 extension behind {@link HatchetTest}: one client and {@link TestEngine} per test class (a
 * {@code @Nested} class shares its enclosing class's), resolved for parameters of type {@link Hatchet}
 * and {@link TestEngine} and injected into fields of those types that are still null (static fields
 * before {@code @BeforeAll} methods run, instance fields when the test instance is created).
 */
public class HatchetExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
    TestInstancePostProcessor, ParameterResolver {
  /** Set to {@code 1} to fail, instead of skip, tests that find no engine configured. */
  public static final String ENV_REQUIRE_ENGINE = "HATCHET_REQUIRE_ENGINE";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HatchetExtension.class);

  /** Why no engine can be used, or null when one is configured. */
  static String missingEngine(Map<String, String> env) {
    String token = env.get(ClientConfig.ENV_TOKEN);
    if (token == null || token.isBlank()) {
      return "no Hatchet engine configured: set " + ClientConfig.ENV_TOKEN + " (and the other HATCHET_CLIENT_*"
          + " variables your engine needs) to run this test";
    }
    return null;
  }

  static boolean engineRequired(Map<String, String> env) {
    return "1".equals(env.get(ENV_REQUIRE_ENGINE));
  }

  /** A namespace of its own for a test class: its name plus a random suffix. */
  static String namespaceFor(Class<?> testClass) {
    String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return "test_" + base + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Map<String, String> env = System.getenv();
    String missing = missingEngine(env);
    if (missing == null) {
      return ConditionEvaluationResult.enabled("a Hatchet engine is configured");
    }
    if (engineRequired(env)) {
      return ConditionEvaluationResult.enabled(missing + "; " + ENV_REQUIRE_ENGINE + "=1 makes that a failure");
    }
    return ConditionEvaluationResult.disabled(missing + " (skipped; " + ENV_REQUIRE_ENGINE + "=1 fails instead)");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    TestEngine engine = engine(context);
    injectFields(context.getRequiredTestClass(), null, engine);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // only the class that created the session closes it; a @Nested class leaves its enclosing class's alone
    Session own = context.getStore(NAMESPACE).remove(Session.class, Session.class);
    if (own != null) {
      own.close();
    }
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
    injectFields(testInstance.getClass(), testInstance, engine(context));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Hatchet.class || type == TestEngine.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestEngine engine = engine(context);
    return parameter.getParameter().getType() == Hatchet.class ? engine.hatchet() : engine;
  }

  /** The class's engine access, created on first use (fails when no engine is configured). */
  private static TestEngine engine(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(Session.class, k -> open(classContext.getRequiredTestClass()), Session.class).engine;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() || !(c.getElement().orElse(null) instanceof Class)) {
      c = c.getParent().orElseThrow(() -> new ExtensionConfigurationException("HatchetExtension needs a test class"));
    }
    return c;
  }

  private static Session open(Class<?> testClass) {
    String missing = missingEngine(System.getenv());
    if (missing != null) {
      throw new ExtensionConfigurationException(missing + " (" + ENV_REQUIRE_ENGINE + "=1 forbids skipping)");
    }
    Hatchet hatchet = Hatchet.builder()
        .config(ClientConfig.builder().namespace(namespaceFor(testClass)).build())
        .build();
    return new Session(new TestEngine(hatchet, testClass));
  }

  private static void injectFields(Class<?> type, Object instance, TestEngine engine) throws IllegalAccessException {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        boolean isStatic = Modifier.isStatic(f.getModifiers());
        if (Modifier.isFinal(f.getModifiers()) || isStatic != (instance == null)) {
          continue;
        }
        Object value = f.getType() == Hatchet.class ? engine.hatchet() : f.getType() == TestEngine.class ? engine : null;
        if (value == null) {
          continue;
        }
        f.setAccessible(true);
        if (f.get(instance) == null) {
          f.set(instance, value);
        }
      }
    }
  }

  /** Kept in the class's store; JUnit closes it with the class if {@link #afterAll} did not. */
  private static final class Session implements AutoCloseable {
    final TestEngine engine;

    Session(TestEngine engine) {
      this.engine = engine;
    }

    @Override
    public void close() {
      engine.close();
    }
  }
}
