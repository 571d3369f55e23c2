package io.stratum.learning;

import io.stratum.ingestion.CsvFormatException;
import io.stratum.ingestion.CsvTable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Streams CSV ({@code text,label[,segment]}, optional header) or JSON lines ({@code {"text","label","segment"}})
 * into {@code training_example}, line by line in batches: memory holds one batch and the hashes seen, never the
 * file. All lines go in one transaction, so a malformed line imports nothing. Progress is written to
 * {@code example_import} in its own transactions, readable while the import runs.
 */
@Service
public class ExampleImporter {

    public enum Format { CSV, JSON_LINES }

    static final int BATCH = 1000;
    static final int MAX_TEXT = 65536;

    private record Row(String hash, String text, String label, String segment) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate progressTx;
    /** Each batch is written under a savepoint, so a batch that collides with another import's rows can be redone. */
    private final TransactionTemplate batchTx;
    private final ObjectMapper json = new ObjectMapper();

    public ExampleImporter(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.progressTx = new TransactionTemplate(transactions);
        this.progressTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batchTx = new TransactionTemplate(transactions);
        this.batchTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Imports everything or nothing; the returned record says how many were new and how many duplicates. */
    public ExampleImport importExamples(String model, Format format, InputStream body, String actor) {
        String id = UUID.randomUUID().toString();
        Instant started = Instant.now();
        progressTx.executeWithoutResult(s -> jdbc.sql("""
                INSERT INTO example_import (id, model, status, lines_read, imported, duplicates, started_by, started_at)
                VALUES (?, ?, 'RUNNING', 0, 0, 0, ?, ?)""").params(id, model, actor, utc(started)).update());
        try {
            long[] counts = tx.execute(s -> run(id, model, format, body));
            progressTx.executeWithoutResult(s -> jdbc.sql("UPDATE example_import SET status = 'DONE', lines_read = ?, "
                    + "imported = ?, duplicates = ?, finished_at = ? WHERE id = ?")
                    .params(counts[0], counts[1], counts[2], utc(Instant.now()), id).update());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            progressTx.executeWithoutResult(s -> jdbc.sql("UPDATE example_import SET status = 'FAILED', imported = 0, "
                    + "error = ?, finished_at = ? WHERE id = ?")
                    .params(message.length() > 4000 ? message.substring(0, 4000) : message, utc(Instant.now()), id)
                    .update());
            throw e;
        }
        return find(model, id);
    }

    private long[] run(String id, String model, Format format, InputStream body) {
        Set<String> seen = new HashSet<>();
        List<Row> batch = new ArrayList<>(BATCH);
        long line = 0;
        long imported = 0;
        long duplicates = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String raw;
            while ((raw = in.readLine()) != null) {
                line++;
                if (raw.isBlank() || (line == 1 && format == Format.CSV && isHeader(raw))) {
                    continue;
                }
                Row row = format == Format.CSV ? csv(raw, line) : jsonLine(raw, line);
                if (!seen.add(row.hash())) {
                    duplicates++;
                    continue;
                }
                batch.add(row);
                if (batch.size() == BATCH) {
                    long written = write(id, model, batch);
                    imported += written;
                    duplicates += batch.size() - written;
                    batch.clear();
                    progress(id, line, imported, duplicates);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the upload failed at line " + line + ": " + e.getMessage(), e);
        }
        long written = write(id, model, batch);
        return new long[] {line, imported + written, duplicates + batch.size() - written};
    }

    private void progress(String id, long line, long imported, long duplicates) {
        progressTx.executeWithoutResult(s -> jdbc.sql("UPDATE example_import SET lines_read = ?, imported = ?, "
                + "duplicates = ? WHERE id = ?").params(line, imported, duplicates, id).update());
    }

    /**
     * Inserts the rows whose text is not stored yet for the model; returns how many. Another import of the same texts
     * running at the same time makes this one wait on their rows until it commits; then they are duplicates: the
     * batch goes back to its savepoint and is written again without them (on PostgreSQL the failed insert would
     * otherwise abort the whole import).
     */
    private long write(String id, String model, List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return batchTx.execute(s -> insertNew(id, model, rows));
            } catch (DuplicateKeyException committedMeanwhile) {
                if (attempt == 3) {
                    throw committedMeanwhile;
                }
            }
        }
    }

    private long insertNew(String id, String model, List<Row> rows) {
        Set<String> existing = new HashSet<>(jdbc.sql("SELECT text_hash FROM training_example WHERE model = :model "
                        + "AND text_hash IN (:hashes)")
                .param("model", model).param("hashes", rows.stream().map(Row::hash).toList())
                .query(String.class).list());
        Timestamp now = Timestamp.from(Instant.now());
        long n = 0;
        for (Row r : rows) {
            if (existing.contains(r.hash())) {
                continue;
            }
            jdbc.sql("""
                    INSERT INTO training_example (model, text_hash, input_text, label, segment, source, import_id,
                                                  created_at)
                    VALUES (?, ?, ?, ?, ?, 'import', ?, ?)""")
                    .params(model, r.hash(), r.text(), r.label(), r.segment(), id, now).update();
            n++;
        }
        return n;
    }

    private static boolean isHeader(String raw) {
        String h = raw.trim().toLowerCase(java.util.Locale.ROOT).replace("\"", "");
        return h.equals("text,label") || h.equals("text,label,segment") || h.equals("text,category");
    }

    private Row csv(String raw, long line) {
        List<String> f;
        try {
            f = CsvTable.fields(raw, line);
        } catch (CsvFormatException e) {
            throw new MalformedExampleException(line, e.problem());
        }
        if (f.size() < 2 || f.size() > 3) {
            throw new MalformedExampleException(line, "expected text,label[,segment] but found " + f.size()
                    + " field(s)");
        }
        return row(f.get(0), f.get(1), f.size() == 3 ? f.get(2) : null, line);
    }

    private Row jsonLine(String raw, long line) {
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (IOException e) {
            throw new MalformedExampleException(line, "not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedExampleException(line, "not a JSON object");
        }
        return row(node.path("text").asText(null), node.path("label").asText(null),
                node.hasNonNull("segment") ? node.get("segment").asText() : null, line);
    }

    private static Row row(String text, String label, String segment, long line) {
        if (text == null || text.isBlank()) {
            throw new MalformedExampleException(line, "field 'text' is empty");
        }
        if (label == null || label.isBlank()) {
            throw new MalformedExampleException(line, "field 'label' is empty");
        }
        if (text.length() > MAX_TEXT || label.length() > 255 || (segment != null && segment.length() > 100)) {
            throw new MalformedExampleException(line, "field too long (text <= 65536, label <= 255, segment <= 100)");
        }
        String s = segment == null || segment.isBlank() ? null : segment.trim();
        return new Row(sha256(text.trim()), text.trim(), label.trim(), s);
    }

    /** Imported examples of a model as (text, label) pairs, for training. */
    public List<Map.Entry<String, String>> examples(String model) {
        return jdbc.sql("SELECT input_text, label FROM training_example WHERE model = ? ORDER BY created_at, text_hash")
                .param(model).query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list();
    }

    public List<ExampleImport> imports(String model) {
        return jdbc.sql("SELECT * FROM example_import WHERE model = ? ORDER BY started_at DESC FETCH FIRST 20 ROWS ONLY")
                .param(model).query(ExampleImporter::map).list();
    }

    public ExampleImport find(String model, String id) {
        return jdbc.sql("SELECT * FROM example_import WHERE model = ? AND id = ?").params(model, id)
                .query(ExampleImporter::map).optional().orElse(null);
    }

    private static ExampleImport map(ResultSet rs, int i) throws SQLException {
        return new ExampleImport(rs.getString("id"), rs.getString("model"), rs.getString("status"),
                rs.getLong("lines_read"), rs.getLong("imported"), rs.getLong("duplicates"), rs.getString("error"),
                rs.getString("started_by"), instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
