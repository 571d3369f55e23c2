package io.stratum.intelligence.text;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The sentence encoders of a running server: the configured one, which trains new models and drafts replies, and,
 * opened on first use, any other that a stored model version was trained with (e.g. after the configured encoder
 * changed, earlier versions still serve and can be rolled back to with their own encoder).
 */
public final class SentenceEncoders implements AutoCloseable {

    private final EncoderModel configured;
    private final Function<EncoderModel, SentenceEncoder> opener;
    private final Map<EncoderModel, SentenceEncoder> open = new ConcurrentHashMap<>();

    public SentenceEncoders(EncoderModel configured, Function<EncoderModel, SentenceEncoder> opener) {
        this.configured = configured;
        this.opener = opener;
        open.put(configured, opener.apply(configured));
    }

    public SentenceEncoder configured() {
        return open.get(configured);
    }

    /** The encoder of that form, opened now if no model needed it before; null means the configured one. */
    public SentenceEncoder of(EncoderModel form) {
        return form == null ? configured() : open.computeIfAbsent(form, opener);
    }

    @Override
    public void close() {
        open.values().forEach(SentenceEncoder::close);
        open.clear();
    }
}
