package dev.todolist.api.problem;

import com.mongodb.MongoClientException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;

/** Which driver failures mean "the database is unreachable or not ready", a 503 worth retrying. */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MongoTimeoutException
                    || t instanceof MongoSocketException
                    || t instanceof MongoNotPrimaryException
                    || t instanceof MongoNodeIsRecoveringException
                    || t instanceof MongoWriteConcernException
                    || t instanceof MongoClientException && t.getMessage() != null
                    && t.getMessage().contains("state should be: open")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
