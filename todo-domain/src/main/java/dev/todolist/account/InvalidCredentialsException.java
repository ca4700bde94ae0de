package dev.todolist.account;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

/**
 * An email and password (or a current password) that do not match an account. Deliberately one
 * exception for "no such email" and "wrong password", so that no caller can tell them apart.
 */
public final class InvalidCredentialsException extends ProblemException {

    public InvalidCredentialsException() {
        super(ProblemType.INVALID_CREDENTIALS, "invalid credentials", "No account has this email and password.");
    }
}
