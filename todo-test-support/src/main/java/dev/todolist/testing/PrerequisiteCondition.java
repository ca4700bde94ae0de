package dev.todolist.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a proof only when the machine has its {@link Needs prerequisites}. A condition rather than
 * an assumption in {@code @BeforeAll}: a disabled class is reported skipped with its reason, where
 * an aborted {@code @BeforeAll} would show as a class that ran no test.
 *
 * <p>Each skip is appended to the file named by the system property {@value #REPORT_PROPERTY}
 * (the build sets it to {@code target/skipped-proofs.txt} of the project root), which the build
 * prints at its end.
 */
public final class PrerequisiteCondition implements ExecutionCondition {

    public static final String REPORT_PROPERTY = "todolist.skipped.proofs";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<Prerequisite> needed = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, Needs.class))
                .map(needs -> List.of(needs.value()))
                .orElse(List.of());
        List<Prerequisite> missing = needed.stream().filter(prerequisite -> !prerequisite.present()).toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("has " + describe(needed));
        }
        String proof = context.getTestMethod().map(method -> context.getRequiredTestClass().getName() + "#" + method.getName())
                .orElseGet(() -> context.getRequiredTestClass().getName());
        String reason = "needs " + describe(missing) + ": " + missing.stream().map(Prerequisite::remedy).distinct()
                .collect(Collectors.joining(", "));
        if (runsInCi() && missing.stream().anyMatch(Prerequisite::requiredInCi)) {
            throw new IllegalStateException(proof + " " + reason + " (CI=true: a proof CI cannot run is a failure)");
        }
        String banner = "*".repeat(100);
        System.err.println(banner + "\nSKIPPED, NOT PROVED: " + proof + " " + reason + "\n" + banner);
        record("SKIPPED " + proof + " - " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    private static String describe(List<Prerequisite> prerequisites) {
        return prerequisites.stream().map(Prerequisite::what).collect(Collectors.joining(", "));
    }

    private static boolean runsInCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static void record(String line) {
        String report = System.getProperty(REPORT_PROPERTY);
        if (report == null || report.isBlank()) {
            return;
        }
        try {
            Path file = Path.of(report);
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a skipped proof in " + report, e);
        }
    }
}
