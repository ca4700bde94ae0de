package dev.todolist.todo;

import java.util.Set;

/**
 * What the caller believes the stored version is (HTTP {@code If-Match}).
 *
 * @param kind     {@code NONE}: the caller did not say, the write applies to whatever version is
 *                 current (still atomically); {@code ANY}: any existing version
 *                 ({@code If-Match: *}); {@code ONE_OF}: one of {@code versions}
 * @param versions for {@code ONE_OF}; an empty set matches nothing
 */
public record Precondition(Kind kind, Set<Long> versions) {

    public enum Kind { NONE, ANY, ONE_OF }

    public Precondition {
        versions = Set.copyOf(versions);
    }

    public static Precondition none() {
        return new Precondition(Kind.NONE, Set.of());
    }

    public static Precondition anyVersion() {
        return new Precondition(Kind.ANY, Set.of());
    }

    public static Precondition oneOf(Set<Long> versions) {
        return new Precondition(Kind.ONE_OF, versions);
    }

    /** True when the caller stated a precondition at all. */
    public boolean isStated() {
        return kind != Kind.NONE;
    }

    boolean allows(long version) {
        return kind != Kind.ONE_OF || versions.contains(version);
    }

    /** True when the caller named versions (an ETag it read), not just "any" or nothing. */
    public boolean pinsAVersion() {
        return kind == Kind.ONE_OF;
    }
}
