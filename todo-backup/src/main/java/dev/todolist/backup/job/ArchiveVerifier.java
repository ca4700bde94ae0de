package dev.todolist.backup.job;

import dev.todolist.backup.archive.ArchiveFormatException;
import dev.todolist.backup.archive.ArchiveReader;
import dev.todolist.backup.archive.ArchiveSummary;
import dev.todolist.backup.archive.ArchiveVisitor;
import dev.todolist.backup.lock.BackupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code verify FILE}: the checksum file and a full decode of the archive, in one read of the file;
 * no database is touched.
 */
public final class ArchiveVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveVerifier.class);

    public record Verification(Path archive, Optional<String> sha256, ArchiveSummary summary, long fileBytes) {
    }

    private ArchiveVerifier() {
    }

    /**
     * @throws ArchiveFormatException when anything about the archive is wrong
     * @throws NoSuchFileException when there is no such file
     */
    public static Verification verify(Path archive) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new NoSuchFileException(archive.toString(), null, "no such archive file");
        }
        Optional<String> expected = ChecksumFile.expected(archive);
        MessageDigest digest = ChecksumFile.newDigest();
        ArchiveSummary summary;
        // One pass: the file's bytes are hashed as the archive is decoded from them.
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(archive), digest)) {
            try {
                summary = ArchiveReader.read(in, new ArchiveVisitor() { });
            } catch (ArchiveFormatException damaged) {
                // A file that does not match its checksum is reported as such, whatever else is wrong with it.
                if (expected.isPresent()) {
                    in.transferTo(OutputStream.nullOutputStream());
                    ChecksumFile.requireMatch(archive, expected.get(), HexFormat.of().formatHex(digest.digest()));
                }
                throw damaged;
            }
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (expected.isPresent()) {
            ChecksumFile.requireMatch(archive, expected.get(), HexFormat.of().formatHex(digest.digest()));
        }
        return new Verification(archive, expected, summary, Files.size(archive));
    }

    /**
     * {@link #verify}, and a refused file of the backup directory is moved to {@code rejected/}
     * (under the directory's lock), so that it no longer sorts among the good archives.
     *
     * @throws ArchiveFormatException whose message also says where the refused file went
     */
    public static Verification verifyOrReject(Path archive, ArchiveStore store) throws IOException {
        try {
            return verify(archive);
        } catch (ArchiveFormatException refused) {
            throw reject(archive, store, refused);
        }
    }

    private static ArchiveFormatException reject(Path archive, ArchiveStore store, ArchiveFormatException refused) {
        if (!store.contains(archive)) {
            return refused;
        }
        String outcome;
        try (BackupLock ignored = BackupLock.acquire(store.directory(), "reject")) {
            outcome = store.reject(archive).map(moved -> "moved to " + moved).orElse("left in place");
        } catch (IOException e) {
            outcome = "left in place: " + e.getMessage();
        }
        LOG.warn("archive rejected archive={} {} reason=\"{}\"", archive.getFileName(), outcome, refused.getMessage());
        return new ArchiveFormatException(refused.getMessage() + "; " + outcome, refused);
    }
}
