package dev.todolist.backup.archive;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc64Test {

    @Test
    void checkValueIsTheOneOfCrc64Xz() {
        Crc64 crc = new Crc64();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0x995DC9BBDF1939FAL, crc.value());
    }

    @Test
    void emptyInputGivesZeroAsForAnEmptyNamespace() {
        assertEquals(0L, new Crc64().value());
    }

    @Test
    void updatesInPiecesEqualOneUpdate() {
        byte[] bytes = "the quick brown fox".getBytes(StandardCharsets.US_ASCII);
        Crc64 whole = new Crc64();
        whole.update(bytes);
        Crc64 pieces = new Crc64();
        pieces.update(bytes, 0, 7);
        pieces.update(bytes, 7, bytes.length - 7);
        assertEquals(whole.value(), pieces.value());
    }
}
