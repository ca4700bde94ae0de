package dev.todolist.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A proof whose prerequisite is missing, run through the JUnit engine as Surefire runs it: skipped
 * with the reason and listed in the report file, before any of its set-up runs; under CI=true, a
 * failure instead.
 */
class PrerequisiteConditionTest {

    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
    static boolean setUpRan;

    @TempDir
    Path work;
    private Path report;

    @BeforeEach
    void simulateAMachineWithoutNginxAndCurl() {
        report = work.resolve("target/skipped-proofs.txt");
        // Both named, so that the reasons do not depend on what this machine has.
        System.setProperty(Prerequisite.MISSING_PROPERTY, "NGINX,CURL");
        System.setProperty(PrerequisiteCondition.REPORT_PROPERTY, report.toString());
        setUpRan = false;
    }

    @AfterEach
    void restore() {
        System.clearProperty(Prerequisite.MISSING_PROPERTY);
        System.clearProperty(PrerequisiteCondition.REPORT_PROPERTY);
    }

    @Needs(Prerequisite.NGINX)
    static class ProofNeedingNginx {
        @org.junit.jupiter.api.BeforeAll
        static void startNginx() {
            setUpRan = true;
        }

        @Test
        void servesTheBundle() {
        }
    }

    static class ProofWithOneMethodNeedingNginx {
        @Test
        void needsNothing() {
        }

        @Test
        @Needs({Prerequisite.NGINX, Prerequisite.CURL})
        void needsNginx() {
        }
    }

    private static Events run(Class<?> proof) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(proof)).execute().allEvents();
    }

    @Test
    void aClassWhoseProgramIsMissingIsSkippedWithTheInstallStepBeforeItsSetUpRuns() throws IOException {
        Events events = run(ProofNeedingNginx.class);

        assertEquals(false, setUpRan, "@BeforeAll must not run without its prerequisite");
        if (CI) {
            assertEquals(1, events.failed().count(), events.toString());
            return;
        }
        assertEquals(1, events.skipped().count(), events.toString());
        String reason = events.skipped().list().get(0).getPayload(String.class).orElseThrow();
        assertTrue(reason.equals("needs nginx: run .ci/install.d/20-podman.sh"), reason);
        assertEquals(List.of("SKIPPED " + ProofNeedingNginx.class.getName() + " - " + reason), Files.readAllLines(report));
    }

    @Test
    void aMethodWhoseProgramIsMissingIsSkippedAndTheOthersRun() throws IOException {
        Events events = run(ProofWithOneMethodNeedingNginx.class);

        if (CI) {
            assertEquals(1, events.failed().count(), events.toString());
            return;
        }
        assertEquals(1, events.skipped().count(), events.toString());
        assertEquals(1, events.succeeded().filter(e -> e.getTestDescriptor().isTest()).count(), events.toString());
        assertEquals(1, Files.readAllLines(report).size());
        assertTrue(Files.readString(report).contains("#needsNginx - needs nginx, curl: run .ci/install.d/20-podman.sh"),
                Files.readString(report));
    }

    @Test
    void presentPrerequisitesLetTheProofRun() {
        System.clearProperty(Prerequisite.MISSING_PROPERTY);
        Events events = run(ProofWithOneMethodNeedingNginx.class);

        assertEquals(Prerequisite.NGINX.present() && Prerequisite.CURL.present() ? 0 : 1, events.skipped().count()
                + events.failed().count(), events.toString());
    }
}
