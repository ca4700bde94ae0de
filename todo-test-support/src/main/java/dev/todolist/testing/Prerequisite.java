package dev.todolist.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Something a proof needs from the machine, and the install step of {@code .ci/install.d/} that
 * provides it. Each is looked up once per test JVM.
 */
public enum Prerequisite {

    PODMAN("podman answering on its Docker-API socket " + Machine.PODMAN_SOCKET + ", with the base images "
            + String.join(", ", Machine.BASE_IMAGES), "20-podman.sh", Machine::podmanReady),
    DOCKER_COMPOSE("Debian's docker-compose", "20-podman.sh", () -> Machine.onPath("docker-compose")),
    NGINX("nginx", "20-podman.sh", () -> Machine.onPath("nginx")),
    SHELLCHECK("shellcheck", "20-podman.sh", () -> Machine.onPath("shellcheck")),
    CURL("curl", "20-podman.sh", () -> Machine.onPath("curl")),
    OPENSSL("openssl", "20-podman.sh", () -> Machine.onPath("openssl")),
    FLOCK("flock (util-linux)", "20-podman.sh", () -> Machine.onPath("flock")),
    /** Checks generated systemd units as systemd would load them. */
    SYSTEMD_ANALYZE("systemd-analyze (systemd)", "20-podman.sh", () -> Machine.onPath("systemd-analyze")),
    ANSIBLE("ansible-playbook", "40-ansible.sh", () -> Machine.onPath("ansible-playbook")),
    ANSIBLE_LINT("ansible-lint", "40-ansible.sh", () -> Machine.onPath("ansible-lint")),
    /** Debian's Chromium and its matching driver, at the paths the browser tests start them from. */
    CHROMIUM("Chromium and chromedriver (" + Machine.CHROMIUM + ", " + Machine.CHROMEDRIVER + ")", "30-chromium.sh",
            () -> Files.isExecutable(Path.of(Machine.CHROMIUM)) && Files.isExecutable(Path.of(Machine.CHROMEDRIVER))),
    /**
     * A real MongoDB: {@code MONGODB_URI}, or a Docker engine with {@code mongo:7} for
     * Testcontainers ({@link MongoFixture}). No install step provides one on these machines (no
     * MongoDB package or image can be had), so CI reports it skipped as a developer's machine does.
     */
    REAL_MONGODB("a real MongoDB (MONGODB_URI, or a Docker engine with mongo:7)", null, MongoFixture::isRealMongo);

    public static final String MISSING_PROPERTY = "todolist.prerequisites.missing";

    private static final Map<Prerequisite, Boolean> PRESENT = new ConcurrentHashMap<>();

    private final String what;
    private final String installStep;
    private final BooleanSupplier check;

    Prerequisite(String what, String installStep, BooleanSupplier check) {
        this.what = what;
        this.installStep = installStep;
        this.check = check;
    }

    /** What is needed, for a person. */
    public String what() {
        return what;
    }

    /** How to get it: the install step that provides it, or what to set where no step can. */
    public String remedy() {
        return installStep == null ? "set MONGODB_URI to a MongoDB 7 (no install step provides one here)"
                : "run .ci/install.d/" + installStep;
    }

    /** Whether CI must have it: every prerequisite an install step provides. */
    public boolean requiredInCi() {
        return installStep != null;
    }

    /** podman's Docker-API socket, where {@link #PODMAN} looks (the property points a build elsewhere). */
    /** Where Debian's chromium package puts the browser; the browser tests start it from there. */
    public static String chromiumBinary() {
        return Machine.CHROMIUM;
    }

    /** Where Debian's chromium-driver package puts the driver of the same version. */
    public static String chromedriverBinary() {
        return Machine.CHROMEDRIVER;
    }

    public static String podmanSocket() {
        return Machine.PODMAN_SOCKET;
    }

    /**
     * Whether the machine has it. {@code -D}{@value #MISSING_PROPERTY}{@code =NGINX,PODMAN} makes a build
     * behave as if those were missing, to see what it skips.
     */
    public boolean present() {
        if (List.of(System.getProperty(MISSING_PROPERTY, "").split(",")).contains(name())) {
            return false;
        }
        return PRESENT.computeIfAbsent(this, prerequisite -> prerequisite.check.getAsBoolean());
    }

    /** Looks at the machine the way the proofs use it, without starting anything. */
    static final class Machine {

        static final String CHROMIUM = "/usr/bin/chromium";
        static final String CHROMEDRIVER = "/usr/bin/chromedriver";
        static final String PODMAN_SOCKET = System.getProperty("todolist.podman.socket", "/run/podman/podman.sock");
        /** Built into podman by 20-podman.sh from Debian packages (no registry can be reached here). */
        static final String[] BASE_IMAGES = {"localhost/todolist-jre:17", "localhost/todolist-nginx:1.22",
                "localhost/todolist-prometheus:2.42"};

        private Machine() {
        }

        static boolean onPath(String program) {
            String path = System.getenv("PATH");
            return path != null && Arrays.stream(path.split(java.io.File.pathSeparator))
                    .filter(directory -> !directory.isEmpty())
                    .map(directory -> Path.of(directory, program))
                    .anyMatch(Files::isExecutable);
        }

        static boolean podmanReady() {
            return onPath("podman") && socketAnswersPing() && Arrays.stream(BASE_IMAGES).allMatch(Machine::hasImage);
        }

        private static boolean socketAnswersPing() {
            Path socket = Path.of(PODMAN_SOCKET);
            if (!Files.exists(socket)) {
                return false;
            }
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer answer = ByteBuffer.allocate(512);
                while (channel.read(answer) >= 0 && answer.hasRemaining()) {
                    // read until the engine closes (HTTP/1.0) or the buffer is full
                }
                String text = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
                return text.startsWith("HTTP/1.") && text.contains(" 200 ");
            } catch (IOException e) {
                return false;
            }
        }

        private static boolean hasImage(String image) {
            try {
                Process process = new ProcessBuilder("podman", "image", "exists", image)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return false;
                }
                return process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
