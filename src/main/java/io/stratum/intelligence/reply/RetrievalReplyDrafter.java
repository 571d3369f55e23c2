package io.stratum.intelligence.reply;

import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.ReplyDrafter;
import io.stratum.intelligence.bootstrap.PhraseBook;
import io.stratum.intelligence.bootstrap.SupportInquiryGenerator;
import io.stratum.intelligence.text.SentenceEncoder;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Drafts replies by retrieval: the inquiry is embedded with the configured sentence encoder and compared (cosine)
 * with every resolved inquiry in memory. A close enough neighbour of the same topic lends its reply; otherwise the
 * topic's template is filled in. The memory lives in table {@code reply_memory} and, for search, in an in-memory index
 * loaded at start, appended to on {@link #remember} and, in a cluster, by {@link #refresh} with what other nodes
 * remembered. Rows embedded by another encoder (the configuration changed) are embedded again at start, so the index
 * never compares vectors of two encoders.
 */
@Service
class RetrievalReplyDrafter implements ReplyDrafter {

    private static final Logger log = LoggerFactory.getLogger(RetrievalReplyDrafter.class);
    private static final int SEED_PER_INTENT = 4;
    /**
     * How far back {@link #refresh} looks before the newest row it has seen: a row's time is taken at its insert, and
     * the job that inserted it may commit later (a slow step after it, a retry), or on a node whose clock is behind.
     */
    static final Duration REFRESH_OVERLAP = Duration.ofMinutes(10);

    private record Entry(String id, String topic, String inquiry, String reply, float[] vector) {
    }

    private record Hit(Entry entry, double similarity) {
    }

    /** A row of {@code reply_memory}: the entry, the encoder of its stored vector, and its time. */
    private record Row(Entry entry, String encoder, OffsetDateTime createdAt) {
        static final RowMapper<Row> MAPPER = (rs, n) -> new Row(new Entry(rs.getString("id"), rs.getString("topic"),
                rs.getString("inquiry"), rs.getString("reply"), decode(rs.getString("embedding"))),
                rs.getString("encoder"), rs.getObject("created_at", OffsetDateTime.class));

        Row withVector(float[] v) {
            return new Row(new Entry(entry.id(), entry.topic(), entry.inquiry(), entry.reply(), v), encoder, createdAt);
        }
    }

    private final JdbcClient jdbc;
    private final SentenceEncoder encoder;
    private final ReplyTemplates templates = ReplyTemplates.load();
    private final double reuseSimilarity;
    private final long seed;
    private final List<Entry> index = new ArrayList<>();
    /** Ids in {@link #index}: an entry this node remembered is not added again when {@link #refresh} reads it. */
    private final Set<String> indexed = new HashSet<>();
    /** The newest {@code created_at} in the index (guarded by the lock). */
    private OffsetDateTime newest = OffsetDateTime.MIN;
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
        List<Row> rows = jdbc.sql("SELECT id, topic, inquiry, reply, embedding, encoder, created_at FROM reply_memory "
                + "ORDER BY created_at, id").query(Row.MAPPER).list();
        lock.writeLock().lock();
        try {
            index.clear();
            indexed.clear();
            newest = OffsetDateTime.MIN;
            rows.forEach(this::addLocked);
        } finally {
            lock.writeLock().unlock();
        }
        log.info("Reply memory: {} resolved inquiries", rows.size());
    }

    /**
     * Adds what other nodes of a cluster remembered since the last look (the table is shared, the index is per node);
     * on a single node it finds nothing new. A row embedded by another encoder (a node configured differently) is
     * embedded for this index only; its stored vector stays as its node wrote it.
     *
     * @return resolved inquiries added to the index
     */
    @Scheduled(initialDelayString = "${stratum.cluster.reply-memory-refresh:PT10S}",
            fixedDelayString = "${stratum.cluster.reply-memory-refresh:PT10S}")
    public int refresh() {
        OffsetDateTime since;
        lock.readLock().lock();
        try {
            since = newest.equals(OffsetDateTime.MIN) ? null : newest.minus(REFRESH_OVERLAP);
        } finally {
            lock.readLock().unlock();
        }
        List<Row> rows;
        try {
            rows = since == null
                    ? jdbc.sql("SELECT id, topic, inquiry, reply, embedding, encoder, created_at FROM reply_memory")
                            .query(Row.MAPPER).list()
                    : jdbc.sql("SELECT id, topic, inquiry, reply, embedding, encoder, created_at FROM reply_memory "
                            + "WHERE created_at >= ?").param(since).query(Row.MAPPER).list();
        } catch (RuntimeException e) {
            log.warn("Could not read the reply memory for replies remembered on other nodes: {}", e.toString());
            return 0;
        }
        List<Row> unseen = new ArrayList<>();
        lock.readLock().lock();
        try {
            rows.stream().filter(r -> !indexed.contains(r.entry().id())).forEach(unseen::add);
        } finally {
            lock.readLock().unlock();
        }
        String own = encoder.form().id();
        int added = 0;
        for (Row r : unseen) {
            Row usable = r.encoder().equals(own) ? r : r.withVector(encoder.embed(r.entry().inquiry()));
            lock.writeLock().lock();
            try {
                added += addLocked(usable) ? 1 : 0;
            } finally {
                lock.writeLock().unlock();
            }
        }
        if (added > 0) {
            log.info("Reply memory: {} resolved inquiries remembered on other nodes", added);
        }
        return added;
    }

    /** Resolved inquiries in the index (this node's view). */
    int size() {
        lock.readLock().lock();
        try {
            return index.size();
        } finally {
            lock.readLock().unlock();
        }
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
        Row r = insert(topic, text, reply, v, "remembered");
        // Searchable once its row is committed: a job that rolls back (and retries) must not leave an entry behind
        // whose row does not exist, nor add it twice.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    addToIndex(r);
                }
            });
        } else {
            addToIndex(r);
        }
    }

    private void addToIndex(Row r) {
        lock.writeLock().lock();
        try {
            addLocked(r);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Holding the write lock. @return false when the entry was already in the index */
    private boolean addLocked(Row r) {
        if (!indexed.add(r.entry().id())) {
            return false;
        }
        index.add(r.entry());
        if (r.createdAt().isAfter(newest)) {
            newest = r.createdAt();
        }
        return true;
    }

    private Row insert(String topic, String text, String reply, float[] v, String source) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO reply_memory (id, topic, inquiry, reply, embedding, encoder, source, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, topic, text, reply, encode(v), encoder.form().id(), source, now).update();
        return new Row(new Entry(id, topic, text, reply, v), encoder.form().id(), now);
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
