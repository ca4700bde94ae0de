package dev.todolist.account;

/** No personal access token with this id belongs to the caller (another user's answers the same). */
public final class AccessTokenNotFoundException extends RuntimeException {

    public AccessTokenNotFoundException() {
        super("no such access token");
    }
}
