package io.stratum.learning;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streamed example import against the real schema (Flyway migrations on in-memory H2), no Spring context. */
class ExampleImporterTests {

    JdbcClient jdbc;
    ExampleImporter importer;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:import-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(ds);
        importer = new ExampleImporter(jdbc, new DataSourceTransactionManager(ds));
    }

    @Test
    void tenThousandGeneratedRowsAreStreamedInWithDuplicatesSkipped() {
        // Given a generated CSV of 10k rows (header, quoted commas, every 10th text repeated) produced lazily
        InputStream csv = lines("text,label,segment\n", 10_000, i -> "\"inquiry, number " + (i % 10 == 9 ? i - 1 : i)
                + "\"," + (i % 3 == 0 ? "billing" : "account") + ",tier-" + (i % 4) + "\n");

        // When it is imported
        ExampleImport result = importer.importExamples("support-topic", ExampleImporter.Format.CSV, csv, "demo");

        // Then the distinct texts are stored once, with label and segment
        assertThat(result.status()).isEqualTo("DONE");
        assertThat(result.linesRead()).isEqualTo(10_001);
        assertThat(result.imported()).isEqualTo(9_000);
        assertThat(result.duplicates()).isEqualTo(1_000);
        assertThat(count()).isEqualTo(9_000);

        // And importing it again adds nothing: every line is a duplicate
        ExampleImport again = importer.importExamples("support-topic", ExampleImporter.Format.CSV,
                lines("", 100, i -> "\"inquiry, number " + i * 10 + "\",billing\n"), "demo");
        assertThat(again.imported()).isZero();
        assertThat(again.duplicates()).isEqualTo(100);
        assertThat(importer.examples("support-topic")).hasSize(9_000)
                .first().satisfies(e -> assertThat(e.getKey()).startsWith("inquiry, number"));
    }

    @Test
    void malformedLineIsNamedAndNothingOfTheImportIsKept() {
        // Given 2,500 good rows and a bad one at line 2,502 (after the first batches were written)
        InputStream good = lines("text,label\n", 2_500, i -> "text " + i + ",billing\n");
        InputStream bad = new ByteArrayInputStream("only one field\n".getBytes(StandardCharsets.UTF_8));

        // When it is imported, then the error names the line, and no row of it stays
        assertThatThrownBy(() -> importer.importExamples("support-topic", ExampleImporter.Format.CSV,
                new SequenceInputStream(good, bad), "demo"))
                .isInstanceOf(MalformedExampleException.class)
                .hasMessageContaining("Line 2502").hasMessageContaining("found 1 field");
        assertThat(count()).isZero();
        assertThat(importer.imports("support-topic")).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo("FAILED");
            assertThat(i.error()).contains("Line 2502");
        });
    }

    @Test
    void jsonLinesNeedTextAndLabel() {
        ExampleImport ok = importer.importExamples("support-urgency", ExampleImporter.Format.JSON_LINES,
                new ByteArrayInputStream("""
                        {"text": "server down", "label": "critical", "segment": "gold"}
                        {"text": "question about a form", "label": "low"}
                        """.getBytes(StandardCharsets.UTF_8)), "demo");
        assertThat(ok.imported()).isEqualTo(2);
        assertThatThrownBy(() -> importer.importExamples("support-urgency", ExampleImporter.Format.JSON_LINES,
                new ByteArrayInputStream("{\"text\": \"x\", \"label\": \"low\"}\n{\"text\": \"y\"}\n"
                        .getBytes(StandardCharsets.UTF_8)), "demo"))
                .hasMessageContaining("Line 2").hasMessageContaining("label");
        assertThat(importer.examples("support-urgency")).hasSize(2);
    }

    @Test
    void csvFieldsHonourQuotesAndAnOpenQuoteNamesItsLine() {
        ExampleImport ok = importer.importExamples("support-topic", ExampleImporter.Format.CSV,
                new ByteArrayInputStream("text,label\n\"refund, \"\"now\"\"\",billing\n".getBytes(StandardCharsets.UTF_8)),
                "demo");
        assertThat(ok.imported()).isEqualTo(1);
        assertThat(importer.examples("support-topic"))
                .anySatisfy(e -> assertThat(e.getKey()).isEqualTo("refund, \"now\""));
        assertThatThrownBy(() -> importer.importExamples("support-topic", ExampleImporter.Format.CSV,
                new ByteArrayInputStream("text,label\na,b\n\"open,c\n".getBytes(StandardCharsets.UTF_8)), "demo"))
                .hasMessageContaining("Line 3").hasMessageContaining("unterminated quote");
    }

    @Test
    void aSecondImportOfTheSameFileWhileTheFirstRunsCountsItsRowsAsDuplicates() throws Exception {
        // The first import stops reading after 1,200 lines (its first 1,000 written, not committed) until released
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        InputStream held = new SequenceInputStream(lines("", 1200, i -> "text " + i + ",billing\n"),
                new SequenceInputStream(new InputStream() {
                    @Override
                    public int read() throws java.io.IOException {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException();
                        }
                        return -1;
                    }
                }, lines("", 300, i -> "text " + (1200 + i) + ",billing\n")));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> importer.importExamples("support-topic", ExampleImporter.Format.CSV, held,
                    "first"));
            await(() -> jdbc.sql("SELECT COUNT(*) FROM example_import WHERE lines_read >= 1000").query(Long.class)
                    .single() == 1);
            // The second import of the same 1,500 lines waits on the first one's uncommitted rows
            var second = pool.submit(() -> importer.importExamples("support-topic", ExampleImporter.Format.CSV,
                    lines("", 1500, i -> "text " + i + ",billing\n"), "second"));
            // (its first insert, of "text 0", is held until the first import ends: H2 shows it as executing)
            await(() -> jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
                    + "WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO training_example%'").query(Long.class).single() > 0);
            release.countDown();

            ExampleImport one = first.get(60, java.util.concurrent.TimeUnit.SECONDS);
            ExampleImport two = second.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(one.status()).isEqualTo("DONE");
            assertThat(one.imported()).isEqualTo(1500);
            assertThat(two.status()).isEqualTo("DONE");
            assertThat(two.imported() + two.duplicates()).isEqualTo(1500);
            assertThat(two.imported()).isZero();
            assertThat(count()).isEqualTo(1500);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited a minute").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM training_example").query(Long.class).single();
    }

    /** A stream of generated lines, produced as it is read (the whole file never exists in memory). */
    private static InputStream lines(String header, int n, java.util.function.IntFunction<String> line) {
        java.util.Iterator<InputStream> rows = IntStream.range(0, n)
                .mapToObj(i -> (InputStream) new ByteArrayInputStream(line.apply(i).getBytes(StandardCharsets.UTF_8)))
                .iterator();
        return new SequenceInputStream(new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8)),
                new SequenceInputStream(new java.util.Enumeration<>() {
                    public boolean hasMoreElements() {
                        return rows.hasNext();
                    }

                    public InputStream nextElement() {
                        return rows.next();
                    }
                }));
    }
}
