package dev.todolist.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.todolist.account.SessionService;
import jakarta.inject.Singleton;

/**
 * The session look-up behind every session-token request, remembered for at most
 * {@link SessionCheckSettings#revocationDelay()}: a signed-in client's requests then cost the
 * database one session read per delay instead of one per request (it was a second database round
 * trip on every todo call).
 *
 * <p>Only active sessions are remembered, never a refusal. An entry expires the delay after the
 * look-up that made it, whatever happens meanwhile, which is what bounds how long a session revoked
 * on another instance (or in the database) is honoured here. A revocation through this instance
 * forgets the user's entries at once ({@link AccountChangesForgetSessionChecks}); only a look-up
 * already under way when it lands can remember the session again, and then for the delay at most.
 * The token's own
 * expiry is checked before this, so an expired session is never honoured for longer.
 */
@Singleton
public class RecentSessionChecks {

    /** Bounds the memory: one entry per signed-in session that called in the last delay. */
    private static final int MAX_ENTRIES = 10_000;

    private final SessionService sessions;
    private final Cache<String, String> active;

    public RecentSessionChecks(SessionService sessions, SessionCheckSettings settings) {
        this.sessions = sessions;
        this.active = settings.revocationDelay().isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(settings.revocationDelay()).maximumSize(MAX_ENTRIES).build();
    }

    /** True while session {@code sessionId} of {@code userId} is active, as of at most the delay ago. */
    public boolean isActive(String sessionId, String userId) {
        if (active == null) {
            return sessions.isActive(sessionId, userId);
        }
        String key = sessionId + ' ' + userId;
        if (active.getIfPresent(key) != null) {
            return true;
        }
        boolean isActive = sessions.isActive(sessionId, userId);
        if (isActive) {
            active.put(key, userId);
        }
        return isActive;
    }

    /** Forgets what this instance remembers of {@code userId}'s sessions: the next request looks them up. */
    public void forgetUser(String userId) {
        if (active != null) {
            active.asMap().values().removeIf(userId::equals);
        }
    }
}
