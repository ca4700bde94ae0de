package dev.todolist.todo;

import java.util.function.Function;

/**
 * One member of a JSON merge patch (RFC 7396): left alone when absent, removed (reset to its
 * default) when {@code null}, replaced otherwise.
 */
public sealed interface Patch<T> {

    record Absent<T>() implements Patch<T> {
    }

    record Remove<T>() implements Patch<T> {
    }

    record Set<T>(T value) implements Patch<T> {
    }

    static <T> Patch<T> absent() {
        return new Absent<>();
    }

    static <T> Patch<T> remove() {
        return new Remove<>();
    }

    static <T> Patch<T> set(T value) {
        return new Set<>(value);
    }

    /** The patched value: {@code current} when absent, {@code removed} when removed. */
    default T applyTo(T current, T removed) {
        if (this instanceof Set<T> set) {
            return set.value();
        }
        return this instanceof Remove<T> ? removed : current;
    }

    default <R> Patch<R> map(Function<T, R> mapper) {
        if (this instanceof Set<T> set) {
            return new Set<>(mapper.apply(set.value()));
        }
        return this instanceof Remove<T> ? new Remove<>() : new Absent<>();
    }
}
