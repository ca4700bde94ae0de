package dev.todolist.api.logging;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path, status and latency, as a readable message and as
 * separate key-value fields (which the JSON format turns into top-level fields).
 *
 * <p>Only the path is logged, never the query string, a header or a body: those are where tokens,
 * cookies and personal data travel. It runs first among the filters so that its latency covers
 * every other filter, error mapping included.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestLogFilter implements Ordered {

    /** The logger every request line goes to; route it on its own in logback if needed. */
    public static final String LOGGER_NAME = "todolist.requests";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final String STARTED_AT = RequestLogFilter.class.getName() + ".startedAt";

    @RequestFilter
    public void markStart(HttpRequest<?> request) {
        request.setAttribute(STARTED_AT, System.nanoTime());
    }

    @ResponseFilter
    public void logRequest(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        double latencyMs = request.getAttribute(STARTED_AT, Long.class)
                .map(started -> Math.round((System.nanoTime() - started) / 100_000.0) / 10.0)
                .orElse(Double.NaN);
        String method = request.getMethodName();
        String path = request.getPath();
        int status = response.code();
        LOG.atInfo()
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("status", status)
                .addKeyValue("latencyMs", latencyMs)
                .log("{} {} {} {}ms", method, path, status, latencyMs);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
