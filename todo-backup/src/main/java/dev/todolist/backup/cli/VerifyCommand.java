package dev.todolist.backup.cli;

import dev.todolist.backup.archive.ArchiveSummary;
import dev.todolist.backup.archive.CollectionMetadata;
import dev.todolist.backup.job.ArchiveVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check FILE's .sha256 (when present) and decode the whole archive, every CRC included. Touches no database.",
                "A refused FILE of the backup directory is moved to its rejected/ (with its .sha256)."})
final class VerifyCommand extends CliCommand {


    @Parameters(paramLabel = "FILE", description = "Archive (.archive.gz, or an uncompressed mongodump archive).")
    Path file;

    @Override
    public Integer call() throws Exception {
        ArchiveVerifier.Verification verification = ArchiveVerifier.verifyOrReject(file, store());
        PrintWriter out = out();
        ArchiveSummary summary = verification.summary();
        out.printf("%s: OK%n", file);
        out.printf("  sha256     %s%n", verification.sha256().map(hex -> hex + " (matches the .sha256 file)")
                .orElse("no .sha256 file (integrity checked by the CRCs only)"));
        out.printf("  written by %s for MongoDB %s%n", summary.header().toolVersion(), summary.header().serverVersion());
        if (summary.header().stamp() != null) {
            out.printf("  kind       %s, created %s%n", summary.header().stamp().kind(), summary.header().stamp().createdAt());
        }
        for (CollectionMetadata collection : summary.collections()) {
            out.printf("  %-40s %-10s %d documents%n", collection.namespace(), collection.effectiveType().wireName(),
                    summary.documentsOf(collection));
        }
        out.printf("  %d namespaces, %d documents, %d bytes uncompressed, %d bytes on disk%n",
                summary.collections().size(), summary.documentCount(), summary.uncompressedBytes(),
                verification.fileBytes());
        return ExitCodes.OK;
    }
}
