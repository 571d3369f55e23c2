package io.stratum.action.http;

import java.util.Optional;

/**
 * Successful answers to requests that carried an {@code Idempotency-Key}, kept apart from the step that made them:
 * when that step's transaction rolls back after the call (a later step of the same job failed, the node died before
 * the commit), its retry takes the answer from here instead of calling the API a second time, also when the API
 * ignores the key.
 */
public interface HttpAnswers {

    /**
     * The answer remembered for {@code key}, if any.
     *
     * @throws HttpCallRefusedException when the key was used for another method or URL (a diagram's own key
     *                                  expression that is not unique per call)
     */
    Optional<HttpApiResponse> remembered(String key, String method, String url);

    /** Keeps a successful answer, committed at once, whatever becomes of the caller's transaction. */
    void remember(String key, String method, String url, HttpApiResponse answer);
}
