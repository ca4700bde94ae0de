package dev.todolist.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todolist.status.StatusHttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The stack's {@code healthcheck} service: polls every service of the Compose stack, logs each
 * state change as a JSON line and posts alerts to {@code ALERT_WEBHOOK_URL} when it is set.
 * Bad settings: one line on stderr and exit status 2.
 */
public final class StackMonitorApplication {

    private StackMonitorApplication() {
    }

    private static Consumer<Healer.Attempt> healingReport(TransitionLog log, Optional<WebhookNotifier> notifier) {
        return attempt -> {
            log.healing(attempt);
            // A deliberate skip (maintenance, a container still starting) is logged, not paged.
            if (attempt.outcome() != Healer.Outcome.SKIPPED) {
                notifier.ifPresent(n -> n.notify(attempt));
            }
        };
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        MonitorSettings settings;
        Optional<HealingSettings> healing;
        try {
            settings = MonitorSettings.fromEnvironment(System.getenv());
            healing = HealingSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("todolist-monitor: not starting: " + e.getMessage());
            System.exit(2);
            return;
        }
        ObjectMapper json = new ObjectMapper();
        TransitionLog log = new TransitionLog(json, System.out);
        Consumer<Transition> onTransition = log::transition;
        Optional<WebhookNotifier> notifier = settings.webhook().map(webhook ->
                new WebhookNotifier(webhook, settings.stackName(), settings.timeout(), json, log));
        if (notifier.isPresent()) {
            onTransition = onTransition.andThen(t -> {
                if (t.alerts()) {
                    notifier.get().notify(t);
                }
            });
        }
        Clock clock = Clock.systemUTC();
        StackMonitor monitor = new StackMonitor(settings, new ServiceProbe(settings.timeout(), settings.tlsTrustFile()),
                onTransition, clock);
        Optional<Healer> healer = healing.map(h -> new Healer(h, new EngineClient(h.engine(), json), settings.timeout(),
                healingReport(log, notifier), clock));
        StatusHttpServer status = StatusHttpServer.start(new InetSocketAddress(settings.httpPort()), "monitor-status-http",
                new MonitorStatus(monitor, settings, json, clock).endpoints());
        log.event("started", "polling " + settings.targets().size() + " services every "
                + settings.interval().toSeconds() + " s; webhook " + (settings.webhook().isPresent() ? "set" : "not set")
                + "; healing " + healing.map(h -> "ON: restarts a container of " + h.project() + " DOWN for "
                        + h.healAfter().toSeconds() + " s, through " + h.engine()).orElse("off")
                + "; status on :" + status.port());

        ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch stopped = new CountDownLatch(1);
        rounds.scheduleWithFixedDelay(() -> {
            try {
                monitor.pollOnce();
                healer.ifPresent(h -> h.afterRound(monitor.statuses()));
            } catch (RuntimeException e) {
                log.event("round_failed", e.toString());
            }
        }, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            rounds.shutdownNow();
            status.close();
            stopped.countDown();
        }, "monitor-shutdown"));
        stopped.await();
    }
}
