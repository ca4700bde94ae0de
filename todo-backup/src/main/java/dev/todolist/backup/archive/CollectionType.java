package dev.todolist.backup.archive;

import java.util.Arrays;

/** The {@code type} of a prelude entry; archives from old tools omit it (then it is a collection). */
public enum CollectionType {
    COLLECTION("collection"),
    VIEW("view"),
    TIMESERIES("timeseries");

    private final String wireName;

    CollectionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static CollectionType fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown collection type \"" + name + "\""));
    }
}
