package dev.todolist.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The prerequisites of a proof (a test class or method). When one is missing the proof is reported
 * <em>skipped</em>, with the reason, and listed at the end of the build with the install step that
 * provides it; under {@code CI=true} it fails instead, because CI installs every step.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PrerequisiteCondition.class)
public @interface Needs {

    Prerequisite[] value();
}
