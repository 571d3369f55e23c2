package io.stratum.action.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The answer memory for engine tests without Stratum's database (JdbcHttpAnswersTests covers the real one). */
public class InMemoryHttpAnswers implements HttpAnswers {

    private record Kept(String method, String url, HttpApiResponse answer) {
    }

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    @Override
    public Optional<HttpApiResponse> remembered(String key, String method, String url) {
        Kept k = kept.get(key);
        if (k != null && (!k.method().equals(method) || !k.url().equals(url))) {
            throw new HttpCallRefusedException("Idempotency key '" + key + "' was already used for " + k.method()
                    + " " + k.url());
        }
        return Optional.ofNullable(k).map(Kept::answer);
    }

    @Override
    public void remember(String key, String method, String url, HttpApiResponse answer) {
        kept.putIfAbsent(key, new Kept(method, url, answer));
    }
}
