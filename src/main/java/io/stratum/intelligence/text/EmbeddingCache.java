package io.stratum.intelligence.text;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sentence embeddings kept on disk, so a retraining embeds only texts no earlier training, evaluation or server
 * start has embedded (the bootstrap examples and older feedback then cost nothing). One append-only file per
 * encoder and token limit: fixed-size records of a 16-byte key (SHA-256 of the whitespace-normalised text) and
 * the vector. Loaded once into memory (~1.6 kB per text); a torn record at the end (a crash mid-append) is cut
 * off. Appends take a file lock, so nodes sharing the data directory never interleave records.
 */
public final class EmbeddingCache {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final int KEY_BYTES = 16;

    private record Key(long high, long low) {
    }

    private final Path file;
    private final int dimension;
    private final int recordBytes;
    private final Map<Key, float[]> vectors = new ConcurrentHashMap<>();

    private EmbeddingCache(Path file, int dimension) {
        this.file = file;
        this.dimension = dimension;
        this.recordBytes = KEY_BYTES + 4 * dimension;
    }

    /**
     * @param dir    where the file lives (created when missing)
     * @param id     what the vectors depend on besides the text (encoder and token limit): part of the file name
     */
    public static EmbeddingCache open(Path dir, String id, int dimension) {
        EmbeddingCache cache = new EmbeddingCache(dir.resolve("embeddings-" + id + ".bin"), dimension);
        try {
            Files.createDirectories(dir);
            cache.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedding cache " + cache.file + ": " + e.getMessage(), e);
        }
        return cache;
    }

    public int size() {
        return vectors.size();
    }

    /** The stored vector of the text, or null. Callers must not modify it. */
    public float[] get(String text) {
        return vectors.get(key(text));
    }

    /** Stores vectors (texts already present are skipped) and appends them to the file. */
    public void putAll(List<String> texts, float[][] embeddings) {
        ByteBuffer buf = ByteBuffer.allocate(texts.size() * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < texts.size(); i++) {
            Key k = key(texts.get(i));
            if (embeddings[i].length != dimension || vectors.putIfAbsent(k, embeddings[i]) != null) {
                continue;
            }
            buf.putLong(k.high()).putLong(k.low());
            for (float v : embeddings[i]) {
                buf.putFloat(v);
            }
        }
        buf.flip();
        if (!buf.hasRemaining()) {
            return;
        }
        synchronized (this) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                long size = ch.size();
                ch.position(size - size % recordBytes); // after the last whole record
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            } catch (IOException e) {
                // The vectors stay in memory; only the next start has to embed them again.
                log.warn("Could not append to the embedding cache {}: {}", file, e.getMessage());
            }
        }
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long whole = ch.size() / recordBytes;
            ByteBuffer buf = ByteBuffer.allocate(recordBytes * 1024).order(ByteOrder.LITTLE_ENDIAN);
            long read = 0;
            while (read < whole) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), (whole - read) * recordBytes));
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // fill the chunk
                }
                buf.flip();
                while (buf.remaining() >= recordBytes) {
                    Key k = new Key(buf.getLong(), buf.getLong());
                    float[] v = new float[dimension];
                    for (int d = 0; d < dimension; d++) {
                        v[d] = buf.getFloat();
                    }
                    vectors.put(k, v);
                    read++;
                }
            }
        }
        log.info("Embedding cache {}: {} texts", file, vectors.size());
    }

    /** Whitespace runs count as one space: the tokenizer splits on them, so the vector does not change. */
    static Key key(String text) {
        try {
            String normalised = text.strip().replaceAll("\\s+", " ");
            ByteBuffer d = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.UTF_8)));
            return new Key(d.getLong(), d.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
