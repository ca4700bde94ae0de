package dev.todolist.account;

import com.mongodb.client.model.Filters;
import jakarta.inject.Singleton;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Optional;

/**
 * Sessions: opened at sign-in, looked up on every request that carries a session token, closed
 * by sign-out, a password change (all but the current one) and account deletion. Every filter
 * names the user, so one user's call can never close another's session.
 */
@Singleton
public class SessionService {

    private final SessionRepository repository;
    private final SessionSettings settings;

    public SessionService(SessionRepository repository, SessionSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /** A new session of {@code userId}; the user's expired sessions are cleared on the way. */
    public Session open(String userId) {
        Instant now = Ids.now();
        repository.deleteAll(Filters.and(Filters.eq("userId", userId), Filters.lte("expiresAt", now)));
        return repository.save(new Session(null, userId, now, now.plus(settings.lifetime())));
    }

    /** True while session {@code sessionId} of {@code userId} exists and has not expired. */
    public boolean isActive(String sessionId, String userId) {
        Optional<Session> session = Ids.objectId(sessionId).flatMap(id ->
                repository.findOne(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId))));
        if (session.isEmpty()) {
            return false;
        }
        if (!session.get().isActiveAt(Ids.now())) {
            repository.deleteAll(byId(sessionId, userId));
            return false;
        }
        return true;
    }

    public void close(String sessionId, String userId) {
        if (Ids.objectId(sessionId).isPresent()) {
            repository.deleteAll(byId(sessionId, userId));
        }
    }

    /** Closes every session of {@code userId} except {@code keptSessionId} (none when null). */
    public long closeAllExcept(String userId, String keptSessionId) {
        Bson filter = Filters.eq("userId", userId);
        if (keptSessionId != null && Ids.objectId(keptSessionId).isPresent()) {
            filter = Filters.and(filter, Filters.ne("_id", Ids.objectId(keptSessionId).get()));
        }
        return repository.deleteAll(filter);
    }

    private static Bson byId(String sessionId, String userId) {
        return Filters.and(Filters.eq("_id", Ids.objectId(sessionId).orElseThrow()), Filters.eq("userId", userId));
    }
}
