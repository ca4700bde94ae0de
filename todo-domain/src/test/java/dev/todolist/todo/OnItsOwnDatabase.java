package dev.todolist.todo;

import dev.todolist.testing.MongoFixture;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.Map;

/** A Micronaut test class on a database of its own, fresh for each run and named after the class. */
interface OnItsOwnDatabase extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        return Map.of("mongodb.uri", MongoFixture.uri(MongoFixture.uniqueDatabase(getClass().getSimpleName())));
    }
}
