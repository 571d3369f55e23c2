package io.stratum.intelligence.reply;

import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.ReplyDrafter;
import io.stratum.intelligence.bootstrap.PhraseBook;
import io.stratum.intelligence.bootstrap.SupportInquiryGenerator;
import io.stratum.intelligence.text.SentenceEncoder;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Drafts replies by retrieval: the inquiry is embedded with the configured sentence encoder and compared (cosine)
 * with every resolved inquiry in memory. A close enough neighbour of the same topic lends its reply; otherwise the
 * topic's template is filled in. The memory lives in table {@code reply_memory} and, for search, in an in-memory index
 * loaded once at start and appended to on {@link #remember}. Rows embedded by another encoder (the configuration
 * changed) are embedded again at start, so the index never compares vectors of two encoders.
 */
@Service
class RetrievalReplyDrafter implements ReplyDrafter {

    private static final Logger log = LoggerFactory.getLogger(RetrievalReplyDrafter.class);
    private static final int SEED_PER_INTENT = 4;

    private record Entry(String id, String topic, String inquiry, String reply, float[] vector) {
    }

    private record Hit(Entry entry, double similarity) {
    }

    private final JdbcClient jdbc;
    private final SentenceEncoder encoder;
    private final ReplyTemplates templates = ReplyTemplates.load();
    private final double reuseSimilarity;
    private final long seed;
    private final List<Entry> index = new ArrayList<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    RetrievalReplyDrafter(JdbcClient jdbc, SentenceEncoder encoder, IntelligenceSettings settings) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.reuseSimilarity = settings.replyReuseSimilarity();
        this.seed = settings.training().seed();
    }

    @PostConstruct
    void load() {
        if (jdbc.sql("SELECT COUNT(*) FROM reply_memory").query(Integer.class).single() == 0) {
            seed();
        }
        reembedForeignRows();
        List<Entry> rows = jdbc.sql("SELECT id, topic, inquiry, reply, embedding FROM reply_memory ORDER BY created_at, id")
                .query((rs, n) -> new Entry(rs.getString("id"), rs.getString("topic"), rs.getString("inquiry"),
                        rs.getString("reply"), decode(rs.getString("embedding")))).list();
        lock.writeLock().lock();
        try {
            index.clear();
            index.addAll(rows);
        } finally {
            lock.writeLock().unlock();
        }
        log.info("Reply memory: {} resolved inquiries", rows.size());
    }

    private void reembedForeignRows() {
        String id = encoder.form().id();
        List<Map.Entry<String, String>> foreign = jdbc.sql("SELECT id, inquiry FROM reply_memory WHERE encoder <> ?")
                .param(id).query((rs, n) -> Map.entry(rs.getString("id"), rs.getString("inquiry"))).list();
        if (foreign.isEmpty()) {
            return;
        }
        float[][] vectors = encoder.embedAll(foreign.stream().map(Map.Entry::getValue).toList(), 32);
        for (int i = 0; i < vectors.length; i++) {
            jdbc.sql("UPDATE reply_memory SET embedding = ?, encoder = ? WHERE id = ?")
                    .params(encode(vectors[i]), id, foreign.get(i).getKey()).update();
        }
        log.info("Reply memory: {} resolved inquiries embedded again with {}", foreign.size(), id);
    }

    /** Resolved bootstrap inquiries: a few generated inquiries per intent with the reply written for that intent. */
    private void seed() {
        PhraseBook book = PhraseBook.load();
        List<SupportInquiryGenerator.Example> generated =
                new SupportInquiryGenerator(book).generate(book.intents().size() * SEED_PER_INTENT * 6, seed + 1);
        Map<String, Integer> perIntent = new HashMap<>();
        List<SupportInquiryGenerator.Example> chosen = new ArrayList<>();
        for (SupportInquiryGenerator.Example e : generated) {
            if (book.reply(e.intent()) != null && perIntent.merge(e.intent(), 1, Integer::sum) <= SEED_PER_INTENT) {
                chosen.add(e);
            }
        }
        float[][] vectors = encoder.embedAll(chosen.stream().map(SupportInquiryGenerator.Example::text).toList(), 32);
        for (int i = 0; i < chosen.size(); i++) {
            SupportInquiryGenerator.Example e = chosen.get(i);
            insert(e.topic(), e.text(), book.reply(e.intent()), vectors[i], "bootstrap");
        }
    }

    @Override
    public DraftReply draft(String text, String topic) {
        String inquiry = text == null ? "" : text;
        String resolvedTopic = templates.resolve(topic);
        float[] v = encoder.embed(inquiry);
        List<Hit> sameTopic = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Entry e : index) {
                if (e.topic().equals(resolvedTopic)) {
                    sameTopic.add(new Hit(e, cosine(v, e.vector())));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        sameTopic.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
        List<String> similar = sameTopic.stream().limit(3)
                .map(h -> ReplyTemplates.excerpt(h.entry().inquiry(), 100)).toList();
        double best = sameTopic.isEmpty() ? 0 : Math.max(0, sameTopic.get(0).similarity());
        if (!sameTopic.isEmpty() && best >= reuseSimilarity) {
            Entry e = sameTopic.get(0).entry();
            return new DraftReply("Hello,\n\n" + e.reply(), "similar:" + e.id(), round(best), similar);
        }
        return new DraftReply(templates.fill(resolvedTopic, inquiry), "template:" + resolvedTopic, round(best), similar);
    }

    @Override
    public void remember(String text, String topic, String reply) {
        if (text == null || text.isBlank() || reply == null || reply.isBlank() || topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("text, topic and reply are required to remember a resolved inquiry");
        }
        float[] v = encoder.embed(text);
        Entry e = insert(topic, text, reply, v, "remembered");
        // Searchable once its row is committed: a job that rolls back (and retries) must not leave an entry behind
        // whose row does not exist, nor add it twice.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    addToIndex(e);
                }
            });
        } else {
            addToIndex(e);
        }
    }

    private void addToIndex(Entry e) {
        lock.writeLock().lock();
        try {
            index.add(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Entry insert(String topic, String text, String reply, float[] v, String source) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO reply_memory (id, topic, inquiry, reply, embedding, encoder, source, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, topic, text, reply, encode(v), encoder.form().id(), source,
                        OffsetDateTime.now(ZoneOffset.UTC)).update();
        return new Entry(id, topic, text, reply, v);
    }

    private static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s; // both are L2-normalised
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static String encode(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    static float[] decode(String s) {
        byte[] bytes = Base64.getDecoder().decode(s);
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
