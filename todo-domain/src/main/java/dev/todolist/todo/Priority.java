package dev.todolist.todo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How urgent a todo is; {@code low}/{@code normal}/{@code high} on the wire. {@link #rank()} is
 * stored beside it so that sorting by priority follows urgency, not the alphabet.
 */
public enum Priority {
    LOW(1), NORMAL(2), HIGH(3);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The priority called {@code value}, or empty when there is none by that name. */
    public static Optional<Priority> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(value)).findFirst();
    }
}
