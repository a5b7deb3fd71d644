package run.hatchet.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the Hatchet engine configured by the {@code HATCHET_CLIENT_*} environment,
 * through {@link HatchetExtension}: the class gets a {@link run.hatchet.Hatchet} client in a fresh
 * namespace of its own and a {@link TestEngine} to start workers; both can be taken as parameters of
 * test, {@code @BeforeAll} and {@code @BeforeEach} methods or as fields. Workers are stopped and the client
 * closed after the class.
 *
 * <p>Without an engine the class is skipped, or fails when {@code HATCHET_REQUIRE_ENGINE=1}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(HatchetExtension.class)
public @interface HatchetTest {}
