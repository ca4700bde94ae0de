package dev.todolist.infra.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a proof needs from the machine (nginx, podman, docker-compose...). Missing on a developer's
 * machine: the proof is skipped, loudly. Missing in CI (CI=true): the proof FAILS, because CI
 * installs all of it (.ci/install.d/20-podman.sh) and a skipped proof there would prove nothing.
 */
public final class Requirements {

    private Requirements() {
    }

    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(what + " is missing, and CI must run this proof (see .ci/install.d/20-podman.sh)");
        }
        String banner = "*".repeat(100);
        System.err.println(banner + "\nSKIPPED, NOT PROVED: " + what + " is missing on this machine."
                + " Under CI=true this is a failure.\n" + banner);
        Assumptions.abort(what + " is missing");
    }

    public static void requireProgram(String program, String purpose) {
        require(Command.exists(program), "the program '" + program + "' (" + purpose + ")");
    }
}
