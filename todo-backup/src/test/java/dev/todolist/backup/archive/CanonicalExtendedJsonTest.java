package dev.todolist.backup.archive;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CanonicalExtendedJsonTest {

    @Test
    void doublesAreFormattedAsGoFormatsThem() {
        assertEquals("1.0", CanonicalExtendedJson.formatDouble(1.0));
        assertEquals("-1.0", CanonicalExtendedJson.formatDouble(-1.0));
        assertEquals("0.5", CanonicalExtendedJson.formatDouble(0.5));
        assertEquals("123456.0", CanonicalExtendedJson.formatDouble(123456.0));
        assertEquals("1E+06", CanonicalExtendedJson.formatDouble(1e6));
        assertEquals("1.234567E+06", CanonicalExtendedJson.formatDouble(1234567.0));
        assertEquals("0.0001", CanonicalExtendedJson.formatDouble(0.0001));
        assertEquals("1E-05", CanonicalExtendedJson.formatDouble(0.00001));
        assertEquals("0.1", CanonicalExtendedJson.formatDouble(0.1));
        assertEquals("Infinity", CanonicalExtendedJson.formatDouble(Double.POSITIVE_INFINITY));
        assertEquals("NaN", CanonicalExtendedJson.formatDouble(Double.NaN));
    }

    @Test
    void everyTypeIsWrittenCompactAndCanonical() {
        String json = "{\"s\":\"a\\\"b\\n\",\"i\":{\"$numberInt\":\"2\"},\"l\":{\"$numberLong\":\"3\"},"
                + "\"d\":{\"$numberDouble\":\"1.5\"},\"m\":{\"$numberDecimal\":\"2.50\"},\"b\":true,\"n\":null,"
                + "\"o\":{\"$oid\":\"5bb4fd0f5a4e400df5a45946\"},\"t\":{\"$date\":{\"$numberLong\":\"1538587928798\"}},"
                + "\"x\":{\"$binary\":{\"base64\":\"AQI=\",\"subType\":\"04\"}},"
                + "\"r\":{\"$regularExpression\":{\"pattern\":\"^a\",\"options\":\"i\"}},"
                + "\"ts\":{\"$timestamp\":{\"t\":1,\"i\":2}},\"a\":[{\"$minKey\":1},{\"$maxKey\":1}],\"e\":{}}";
        assertEquals(json, CanonicalExtendedJson.write(BsonDocument.parse(json)));
    }
}
