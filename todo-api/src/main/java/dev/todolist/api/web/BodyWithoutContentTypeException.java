package dev.todolist.api.web;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

/** A request sent a body without saying what it is. */
public final class BodyWithoutContentTypeException extends ProblemException {

    public BodyWithoutContentTypeException() {
        super(ProblemType.UNSUPPORTED_MEDIA_TYPE, "a body without Content-Type",
                "The body has no Content-Type: send application/json (or application/merge-patch+json for PATCH).");
    }
}
