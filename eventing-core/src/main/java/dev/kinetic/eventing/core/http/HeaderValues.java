package dev.kinetic.eventing.core.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of a {@code ce-} header value as the HTTP binding of CloudEvents 1.0 requires: first a double-quoted
 * string is unquoted (backslash escapes included), then one round of percent-decoding turns each {@code %XX} (upper-
 * or lower-case hex) into a byte, and the bytes must be valid UTF-8.
 *
 * <p>Characters from U+0080 to U+00FF are taken as the raw bytes they were on the wire (HTTP header bytes are read
 * as ISO-8859-1), so a sender that puts unencoded UTF-8 in a header is still understood; anything above U+00FF
 * cannot come from the wire and is refused. Pure functions.
 */
final class HeaderValues {

    private HeaderValues() {}

    /**
     * Decodes a header value.
     *
     * @param header the header's name, for the message
     * @param raw the value as received
     * @return the decoded value
     * @throws Rejection (400) naming the header and the fault
     */
    static String decode(String header, String raw) {
        String value = raw;
        if (!value.isEmpty() && value.charAt(0) == '"') {
            value = unquote(header, value);
        }
        if (isPlainAscii(value)) {
            return value;
        }
        return utf8(header, percentDecode(header, value));
    }

    private static boolean isPlainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String header, String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 1;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '"') {
                if (i != value.length() - 1) {
                    throw Rejection.badRequest("header " + header + " has text after its closing double quote");
                }
                return out.toString();
            }
            if (c == '\\') {
                if (i + 1 >= value.length()) {
                    break;
                }
                c = value.charAt(++i);
            }
            out.append(c);
            i++;
        }
        throw Rejection.badRequest("header " + header + " opens a double-quoted string that is never closed");
    }

    private static byte[] percentDecode(String header, String value) {
        byte[] bytes = new byte[value.length()];
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int high = i + 1 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int low = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw Rejection.badRequest("header " + header + " has a '%' at position " + i
                            + " that is not followed by two hexadecimal digits");
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c <= 0xFF) {
                bytes[length++] = (byte) c;
            } else {
                throw Rejection.badRequest("header " + header + " has the character U+"
                        + Integer.toHexString(c).toUpperCase() + ", which cannot be sent in an HTTP header;"
                        + " non-ASCII text must be percent-encoded as UTF-8");
            }
        }
        return length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
    }

    private static String utf8(String header, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw Rejection.badRequest("header " + header + " does not decode to valid UTF-8 after percent-decoding");
        }
    }
}
