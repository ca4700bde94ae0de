package dev.todolist.account;

/**
 * An email and password (or a current password) that do not match an account. Deliberately one
 * exception for "no such email" and "wrong password", so that no caller can tell them apart.
 */
public final class InvalidCredentialsException extends RuntimeException {

    public InvalidCredentialsException() {
        super("invalid credentials");
    }
}
