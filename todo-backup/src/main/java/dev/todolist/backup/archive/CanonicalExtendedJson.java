package dev.todolist.backup.archive;

import org.bson.BsonBinary;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;

/**
 * Canonical Extended JSON v2 in the compact form mongodump writes (Go driver,
 * {@code MarshalExtJSON(canonical=true, escapeHTML=false)}): no spaces, keys in document order,
 * doubles as Go's {@code FormatFloat(f, 'G', -1, 64)} plus ".0" for integral values.
 *
 * <p>org.bson's own {@code JsonWriter} writes {@code "a": 1} with spaces, which would make the
 * metadata of a re-encoded archive differ from mongodump's byte for byte.
 */
public final class CanonicalExtendedJson {

    private CanonicalExtendedJson() {
    }

    public static String write(BsonDocument document) {
        StringBuilder out = new StringBuilder();
        writeValue(out, document);
        return out.toString();
    }

    private static void writeValue(StringBuilder out, BsonValue value) {
        switch (value.getBsonType()) {
            case DOCUMENT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, BsonValue> entry : value.asDocument().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString(out, entry.getKey());
                    out.append(':');
                    writeValue(out, entry.getValue());
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (BsonValue element : value.asArray()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeValue(out, element);
                }
                out.append(']');
            }
            case STRING -> writeString(out, value.asString().getValue());
            case INT32 -> wrapped(out, "$numberInt", Integer.toString(value.asInt32().getValue()));
            case INT64 -> wrapped(out, "$numberLong", Long.toString(value.asInt64().getValue()));
            case DOUBLE -> wrapped(out, "$numberDouble", formatDouble(value.asDouble().getValue()));
            case DECIMAL128 -> wrapped(out, "$numberDecimal", value.asDecimal128().getValue().toString());
            case BOOLEAN -> out.append(value.asBoolean().getValue());
            case NULL -> out.append("null");
            case OBJECT_ID -> wrapped(out, "$oid", value.asObjectId().getValue().toHexString());
            case DATE_TIME -> {
                out.append("{\"$date\":");
                wrapped(out, "$numberLong", Long.toString(value.asDateTime().getValue()));
                out.append('}');
            }
            case BINARY -> {
                BsonBinary binary = value.asBinary();
                wrapped(out, "$binary", "base64", Base64.getEncoder().encodeToString(binary.getData()),
                        "subType", String.format("%02x", binary.getType() & 0xff));
            }
            case REGULAR_EXPRESSION -> {
                BsonRegularExpression regex = value.asRegularExpression();
                wrapped(out, "$regularExpression", "pattern", regex.getPattern(), "options", regex.getOptions());
            }
            case TIMESTAMP -> {
                BsonTimestamp timestamp = value.asTimestamp();
                out.append("{\"$timestamp\":{\"t\":").append(Integer.toUnsignedLong(timestamp.getTime()))
                        .append(",\"i\":").append(Integer.toUnsignedLong(timestamp.getInc())).append("}}");
            }
            case MIN_KEY -> out.append("{\"$minKey\":1}");
            case MAX_KEY -> out.append("{\"$maxKey\":1}");
            case UNDEFINED -> out.append("{\"$undefined\":true}");
            case SYMBOL -> wrapped(out, "$symbol", value.asSymbol().getSymbol());
            case JAVASCRIPT -> wrapped(out, "$code", value.asJavaScript().getCode());
            case JAVASCRIPT_WITH_SCOPE -> {
                BsonJavaScriptWithScope code = value.asJavaScriptWithScope();
                out.append("{\"$code\":");
                writeString(out, code.getCode());
                out.append(",\"$scope\":");
                writeValue(out, code.getScope());
                out.append('}');
            }
            case DB_POINTER -> {
                BsonDbPointer pointer = value.asDBPointer();
                out.append("{\"$dbPointer\":{\"$ref\":");
                writeString(out, pointer.getNamespace());
                out.append(",\"$id\":");
                wrapped(out, "$oid", pointer.getId().toHexString());
                out.append("}}");
            }
            default -> throw new IllegalArgumentException("no Extended JSON form for " + value.getBsonType());
        }
    }

    private static void wrapped(StringBuilder out, String key, String text) {
        out.append("{\"").append(key).append("\":");
        writeString(out, text);
        out.append('}');
    }

    /** {@code {"key":{"first":"a","second":"b"}}}: the form of binaries and regular expressions. */
    private static void wrapped(StringBuilder out, String key, String first, String a, String second, String b) {
        out.append("{\"").append(key).append("\":{\"").append(first).append("\":");
        writeString(out, a);
        out.append(",\"").append(second).append("\":");
        writeString(out, b);
        out.append("}}");
    }

    /** Escapes as Go's extjson writer: quote, backslash, \n \r \t, other control characters and U+2028/9 as six-character escapes. */
    private static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Go's {@code strconv.FormatFloat(f, 'G', -1, 64)} (shortest digits; exponent form when the
     * decimal exponent is below -4 or at least 6), then ".0" when the text has neither '.' nor 'E'.
     */
    static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int decimalPoint = digits.length() - decimal.scale();
        int exponent = decimalPoint - 1;
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        if (exponent < -4 || exponent >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('E').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            out.append(magnitude);
            return out.toString();
        }
        if (decimalPoint <= 0) {
            out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
        } else if (decimalPoint >= digits.length()) {
            out.append(digits).append("0".repeat(decimalPoint - digits.length())).append(".0");
        } else {
            out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
        }
        return out.toString();
    }
}
