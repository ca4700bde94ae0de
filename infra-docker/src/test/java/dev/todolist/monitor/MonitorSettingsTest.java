package dev.todolist.monitor;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitorSettingsTest {

    @Test
    void composeFileTargetsAreParsedInOrderWithDefaults() {
        MonitorSettings settings = MonitorSettings.fromEnvironment(Map.of("MONITOR_TARGETS",
                "todolist-app=http://todolist-app:3000/health, mongodb=tcp://mongodb:27017"));

        assertEquals(2, settings.targets().size());
        assertEquals("todolist-app", settings.targets().get(0).name());
        assertEquals(27017, settings.targets().get(1).address().getPort());
        assertEquals(15, settings.interval().toSeconds());
        assertEquals(2, settings.failuresBeforeDown());
        assertTrue(settings.webhook().isEmpty());
        assertEquals(8082, settings.httpPort());
    }

    @Test
    void targetWithoutAnAddressIsRefusedWithItsText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitorSettings.fromEnvironment(Map.of("MONITOR_TARGETS", "mongodb")));
        assertTrue(e.getMessage().contains("'mongodb' is not name=url"), e.getMessage());
    }

    @Test
    void tcpTargetWithoutPortIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitorSettings.fromEnvironment(Map.of("MONITOR_TARGETS", "mongodb=tcp://mongodb")));
        assertTrue(e.getMessage().contains("tcp://host:port"), e.getMessage());
    }

    @Test
    void noTargetsAtAllIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitorSettings.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().contains("MONITOR_TARGETS names no service"), e.getMessage());
    }

    @Test
    void nonNumericIntervalIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitorSettings.fromEnvironment(Map.of("MONITOR_TARGETS", "a=tcp://a:1", "MONITOR_INTERVAL_SECONDS", "soon")));
        assertTrue(e.getMessage().startsWith("MONITOR_INTERVAL_SECONDS must be a positive whole number"), e.getMessage());
    }

    @Test
    void webhookMustBeHttp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitorSettings.fromEnvironment(Map.of("MONITOR_TARGETS", "a=tcp://a:1", "ALERT_WEBHOOK_URL", "ftp://x/y")));
        assertTrue(e.getMessage().contains("ALERT_WEBHOOK_URL"), e.getMessage());
    }
}
