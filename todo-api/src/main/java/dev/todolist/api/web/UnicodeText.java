package dev.todolist.api.web;

/** Checks on text that arrived in a request body. */
public final class UnicodeText {

    private UnicodeText() {
    }

    /**
     * False when {@code text} holds an unpaired UTF-16 surrogate. JSON escapes can spell one
     * ({@code "\ud800"}), no UTF-8 store can keep it, and the driver would silently replace it:
     * such input is refused rather than mangled.
     */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
