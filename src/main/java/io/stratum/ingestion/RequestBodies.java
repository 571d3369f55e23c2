package io.stratum.ingestion;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Reads request bodies with an upper bound. Spring does not limit JSON or text bodies, so a declared
 * Content-Length above the limit is refused before reading, and chunked bodies are read at most one byte past it.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * @param onTooLarge called with the declared size (or -1 when unknown) before the exception is thrown
     * @throws PayloadTooLargeException when the body is larger than {@code limit} bytes
     */
    public static byte[] readAtMost(HttpServletRequest request, long limit, java.util.function.LongConsumer onTooLarge)
            throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            onTooLarge.accept(declared);
            throw new PayloadTooLargeException(limit);
        }
        int cap = (int) Math.min(Integer.MAX_VALUE - 8L, limit + 1);
        InputStream in = request.getInputStream();
        byte[] bytes = in.readNBytes(cap);
        if (bytes.length > limit) {
            onTooLarge.accept(-1);
            throw new PayloadTooLargeException(limit);
        }
        return bytes;
    }

    /**
     * A text body (a CSV import) of at most {@code limit} bytes, decoded strictly as UTF-8: a Latin-1 export would
     * otherwise arrive with U+FFFD (or, decoded as Latin-1, with mangled letters) in place of every umlaut.
     *
     * @param notUtf8 the exception (a 400 problem of the caller's kind) for a body that is not UTF-8
     * @throws PayloadTooLargeException when the body is larger than {@code limit} bytes
     */
    public static String readUtf8AtMost(HttpServletRequest request, long limit, Supplier<RuntimeException> notUtf8)
            throws IOException {
        byte[] raw = readAtMost(request, limit, size -> { });
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8.get();
        }
    }
}
