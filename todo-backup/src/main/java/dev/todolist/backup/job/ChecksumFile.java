package dev.todolist.backup.job;

import dev.todolist.backup.archive.ArchiveFormatException;
import dev.todolist.backup.archive.Namespace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code sha256sum}-compatible {@code NAME.sha256} file next to an archive. */
public final class ChecksumFile {

    /** {@code <64 hex>  <name>} (text mode) or {@code <64 hex> *<name>} (binary mode), as sha256sum writes. */
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");

    private ChecksumFile() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Checks {@code archive} against its {@code .sha256} file, if there is one.
     *
     * @return the checked digest, or empty when no checksum file exists (e.g. a mongodump archive)
     * @throws ArchiveFormatException when the checksum file is unreadable, names another file, or does not match
     */
    public static Optional<String> verify(Path archive) throws IOException {
        Optional<String> expected = expected(archive);
        if (expected.isPresent()) {
            requireMatch(archive, expected.get(), sha256(archive));
        }
        return expected;
    }

    /**
     * The digest {@code archive}'s {@code .sha256} file names, read and checked for its format and
     * file name; empty when there is none. The caller hashes the archive ({@link #requireMatch}),
     * e.g. in the same pass that decodes it.
     *
     * @throws ArchiveFormatException when the checksum file is unreadable or names another file
     */
    public static Optional<String> expected(Path archive) throws IOException {
        Path checksumFile = ArchiveStore.checksumFileOf(archive);
        if (!Files.exists(checksumFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(checksumFile, StandardCharsets.US_ASCII).stream()
                .filter(line -> !line.isBlank()).toList();
        if (lines.size() != 1) {
            throw new ArchiveFormatException("checksum file " + checksumFile.getFileName()
                    + " must hold exactly one sha256sum line, it holds " + lines.size());
        }
        Matcher matcher = LINE.matcher(lines.get(0).strip());
        if (!matcher.matches()) {
            throw new ArchiveFormatException("checksum file " + checksumFile.getFileName()
                    + " is not in sha256sum format (\"<64 hex digits>  <file name>\")");
        }
        String named = Path.of(matcher.group(2)).getFileName().toString();
        if (!named.equals(archive.getFileName().toString())) {
            throw new ArchiveFormatException("checksum file " + checksumFile.getFileName() + " is for "
                    + Namespace.printable(named) + ", not for " + archive.getFileName());
        }
        return Optional.of(matcher.group(1).toLowerCase());
    }

    /** @throws ArchiveFormatException when {@code actual} (lower-case hex) is not the {@code expected} digest */
    public static void requireMatch(Path archive, String expected, String actual) throws ArchiveFormatException {
        if (!expected.equals(actual)) {
            throw new ArchiveFormatException("SHA-256 mismatch for " + archive.getFileName() + ": checksum file says "
                    + expected + ", the file is " + actual);
        }
    }
}
