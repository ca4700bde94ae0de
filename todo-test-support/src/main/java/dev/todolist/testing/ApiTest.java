package dev.todolist.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that talks to the API over real HTTP: before its {@code @BeforeAll} methods, one
 * API starts on a random loopback port with a database of its own (the shared {@link MongoFixture}),
 * and its {@link Api} fields are set; after the class, it stops.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RunningApiExtension.class)
public @interface ApiTest {

    /** Properties that win over every configuration file, each {@code name=value}. */
    String[] properties() default {};

    /**
     * Properties known only at run time (e.g. the address of a database the test starts itself):
     * a static method of the test class that returns them, called before the API starts.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Properties {
    }
}
