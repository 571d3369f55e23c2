package io.stratum.ingestion;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies with an upper bound. Spring does not limit JSON or text bodies, so a declared
 * Content-Length above the limit is refused before reading, and chunked bodies are read at most one byte past it.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * @param onTooLarge called with the declared size (or -1 when unknown) before the exception is thrown
     * @throws PayloadTooLargeException when the body is larger than {@code limit} bytes
     */
    static byte[] readAtMost(HttpServletRequest request, long limit, java.util.function.LongConsumer onTooLarge)
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
}
