package dev.perfkit.assets.servlet;

import dev.perfkit.assets.internal.SafePaths;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Turns a raw request path into a manifest key, strictly: percent-decoding as UTF-8, and refusing encoded
 * slashes and backslashes, NUL and other control characters, {@code .} and {@code ..} segments, empty segments
 * and absolute forms. Refused paths are a 400; the key is only ever looked up in the manifest, never opened.
 */
final class RequestPath {
    private static final int MAX_LENGTH = 2048;

    private RequestPath() {}

    /** The key, or null when the path is malformed or unsafe. {@code raw} is the still-encoded path after the prefix. */
    static @Nullable String key(String raw) {
        if (raw.length() < 2 || raw.length() > MAX_LENGTH || raw.charAt(0) != '/') {
            return null;
        }
        if (raw.indexOf('%') < 0) { // the common case: nothing to decode, no allocation beyond the substring
            String plain = raw.substring(1);
            for (int i = 0; i < plain.length(); i++) {
                char c = plain.charAt(i);
                if (c > 0x7e || c < 0x20) {
                    return null;
                }
            }
            return SafePaths.isSafeRelative(plain) ? plain : null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                int b = hi * 16 + lo;
                if (b == '/' || b == '\\' || b < 0x20 || b == 0x7f) {
                    return null;
                }
                bytes.write(b);
                i += 2;
            } else if (c > 0x7e || c < 0x20) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return SafePaths.isSafeRelative(decoded) ? decoded : null;
    }
}
