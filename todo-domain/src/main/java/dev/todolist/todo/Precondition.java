package dev.todolist.todo;

import java.util.Set;

/**
 * What the caller believes the stored version is (HTTP {@code If-Match}). {@link #none()} means the
 * caller did not say: the write applies to whatever version is current, still atomically.
 */
public record Precondition(boolean required, Set<Long> versions) {

    public Precondition {
        versions = Set.copyOf(versions);
    }

    public static Precondition none() {
        return new Precondition(false, Set.of());
    }

    /** Any existing version matches ({@code If-Match: *}). */
    public static Precondition anyVersion() {
        return new Precondition(true, Set.of());
    }

    public static Precondition oneOf(Set<Long> versions) {
        return new Precondition(true, versions);
    }

    public boolean isRequired() {
        return required;
    }

    boolean allows(long version) {
        return !required || versions.isEmpty() || versions.contains(version);
    }

    /** {@code If-Match: *} and no {@code If-Match} both accept whatever is current. */
    boolean pinsAVersion() {
        return required && !versions.isEmpty();
    }
}
