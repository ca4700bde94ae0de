package dev.todolist.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A static {@link RunningApi} field of an {@link ApiTest} class: the API itself, or with
 * {@link #user()} the API as that user, signed up (with {@link RunningApi#PASSWORD}) and signed in.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Api {

    /** The e-mail address of the user to sign in as; empty for no user. */
    String user() default "";
}
