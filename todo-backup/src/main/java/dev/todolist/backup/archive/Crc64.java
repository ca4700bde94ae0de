package dev.todolist.backup.archive;

/**
 * CRC-64/XZ, the checksum mongodump stores per namespace (Go's {@code crc64.MakeTable(crc64.ECMA)}):
 * reflected polynomial {@code 0xC96C5795D7870F42}, initial value and final XOR all ones.
 * The check value of {@code "123456789"} is {@code 0x995DC9BBDF1939FA}; no input gives 0.
 */
public final class Crc64 {

    private static final long POLYNOMIAL = 0xC96C5795D7870F42L;
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private long state = ~0L;

    public void update(byte[] bytes, int offset, int length) {
        long crc = state;
        for (int i = offset, end = offset + length; i < end; i++) {
            crc = TABLE[(int) ((crc ^ bytes[i]) & 0xff)] ^ (crc >>> 8);
        }
        state = crc;
    }

    public void update(byte[] bytes) {
        update(bytes, 0, bytes.length);
    }

    /** The checksum of everything seen so far, as mongodump stores it (an int64 with the same bits). */
    public long value() {
        return ~state;
    }
}
