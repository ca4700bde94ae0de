package dev.todolist.todo;

import io.micronaut.core.annotation.Nullable;

import java.util.HashSet;
import java.util.Set;

/**
 * ETags of todos: the stored version, quoted ({@code "3"}). A strong validator: the version
 * changes with every write, and only with a write.
 */
public final class EntityTags {

    private EntityTags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The precondition an {@code If-Match} header states. Absent: none. {@code *}: any existing
     * version. Otherwise the listed strong tags; weak or unparsable tags match nothing (RFC 9110
     * compares If-Match strongly), so they fail with 412 rather than being ignored.
     */
    public static Precondition ifMatch(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return Precondition.none();
        }
        if (header.strip().equals("*")) {
            return Precondition.anyVersion();
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            String value = tag.strip();
            if (value.length() > 2 && value.startsWith("\"") && value.endsWith("\"")) {
                try {
                    versions.add(Long.parseLong(value.substring(1, value.length() - 1)));
                } catch (NumberFormatException notOurs) {
                    // a tag this service never issued matches no version
                }
            }
        }
        return Precondition.oneOf(versions);
    }

    /** True when {@code If-None-Match} already names this version, so a 304 will do. */
    public static boolean noneMatchHits(@Nullable String header, long version) {
        if (header == null) {
            return false;
        }
        for (String tag : header.split(",")) {
            String value = tag.strip();
            if (value.equals("*") || value.equals(of(version)) || value.equals("W/" + of(version))) {
                return true;
            }
        }
        return false;
    }
}
