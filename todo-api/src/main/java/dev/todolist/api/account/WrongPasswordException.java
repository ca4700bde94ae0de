package dev.todolist.api.account;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

/** The current password given to confirm a password change or an account deletion is wrong. */
public final class WrongPasswordException extends ProblemException {

    public WrongPasswordException() {
        super(ProblemType.WRONG_PASSWORD, "wrong password", "The password given is not this account's password.");
    }
}
