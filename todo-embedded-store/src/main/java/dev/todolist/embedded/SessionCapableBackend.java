package dev.todolist.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes mongo-java-server acceptable to a driver that runs every operation in a client session.
 *
 * <p>Micronaut Data MongoDB wraps each repository call in an explicit {@code ClientSession}, and
 * the driver refuses sessions unless the handshake reply ({@code isMaster}/{@code hello}) carries
 * {@code logicalSessionTimeoutMinutes}. mongo-java-server omits that field; this decorator adds it
 * and changes nothing else. The server ignores the {@code lsid} sent with each command, so
 * sessions carry no transactional meaning here.
 */
final class SessionCapableBackend implements MongoBackend {

    private static final Set<String> HANDSHAKE_COMMANDS = Set.of("ismaster", "hello");
    private static final int LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

    private final MongoBackend delegate;

    SessionCapableBackend(MongoBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return withSessionSupport(command, delegate.handleCommand(channel, database, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document reply = delegate.handleMessage(message);
        Document request = message.getDocument();
        if (request.isEmpty()) {
            return reply;
        }
        return withSessionSupport(request.keySet().iterator().next(), reply);
    }

    private static Document withSessionSupport(String command, Document reply) {
        if (reply != null && HANDSHAKE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
            reply.putIfAbsent("logicalSessionTimeoutMinutes", LOGICAL_SESSION_TIMEOUT_MINUTES);
        }
        return reply;
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return delegate.handleQuery(query);
    }

    @Override
    public void dropDatabase(String database) {
        delegate.dropDatabase(database);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
