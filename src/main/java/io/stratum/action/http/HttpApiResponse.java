package io.stratum.action.http;

/** The answer: status, media type (may be null) and body as text. */
public record HttpApiResponse(int status, String contentType, String body) {

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
