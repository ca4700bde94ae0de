package dev.todolist.api.webapp;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Browser tests need Debian's Chromium and its driver. Without them a developer's build reports
 * the tests as skipped, saying what to install; under CI=true they run anyway and fail, so a CI
 * machine that lost its browser cannot pass quietly.
 *
 * <p>Stands in for the test-support module's prerequisite annotation until that lands.
 */
public class ChromiumPrerequisite implements ExecutionCondition {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String MISSING = "Chromium is missing (" + CHROMIUM + ", " + CHROMEDRIVER
            + "): apt-get install chromium chromium-driver, or run .ci/install.d/30-chromium.sh";

    static boolean present() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (present()) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        if ("true".equals(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: runs, and fails, without Chromium");
        }
        return ConditionEvaluationResult.disabled("skipped: " + MISSING);
    }
}
