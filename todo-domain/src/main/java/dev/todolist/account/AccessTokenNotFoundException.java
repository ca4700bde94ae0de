package dev.todolist.account;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

/** No personal access token with this id belongs to the caller (another user's answers the same). */
public final class AccessTokenNotFoundException extends ProblemException {

    public AccessTokenNotFoundException() {
        super(ProblemType.NOT_FOUND, "no such access token", null);
    }

    @Override
    public String detail(String instance) {
        return "There is no access token at " + instance + ".";
    }
}
