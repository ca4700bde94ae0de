package dev.todolist.backup.job;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * An order-independent fingerprint of a set of BSON documents, byte for byte: the count and the
 * sum (mod 2^64) of the first 64 bits of each document's SHA-256. The server returns a collection's
 * documents in any order, so the archive's order-sensitive CRC cannot be compared with a staged
 * collection; this can, and it catches a server that stores a value differently from how it was
 * sent (mongo-java-server turns {@code undefined} into {@code null}, for example).
 */
final class DocumentSetDigest {

    private final MessageDigest sha256 = ChecksumFile.newDigest();
    private long count;
    private long sum;

    void add(byte[] bson, int offset, int length) {
        sha256.update(bson, offset, length);
        sum += ByteBuffer.wrap(sha256.digest()).getLong();
        count++;
    }

    void add(ByteBuffer bson) {
        sha256.update(bson);
        sum += ByteBuffer.wrap(sha256.digest()).getLong();
        count++;
    }

    long count() {
        return count;
    }

    boolean sameDocumentsAs(DocumentSetDigest other) {
        return count == other.count && sum == other.sum;
    }
}
