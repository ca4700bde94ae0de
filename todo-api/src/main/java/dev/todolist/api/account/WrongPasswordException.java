package dev.todolist.api.account;

/** The current password given to confirm a password change or an account deletion is wrong. */
public final class WrongPasswordException extends RuntimeException {

    public WrongPasswordException() {
        super("wrong password");
    }
}
