package io.stratum.intelligence.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingCacheTests {

    @TempDir
    Path dir;

    @Test
    void vectorsSurviveAReopenAndWhitespaceDoesNotMakeANewText() throws Exception {
        EmbeddingCache cache = EmbeddingCache.open(dir, "enc-128", 3);
        cache.putAll(List.of("card not  working", "refund please"), new float[][] {{1, 2, 3}, {4, 5, 6}});
        cache.putAll(List.of(" card not working "), new float[][] {{9, 9, 9}}); // the same text: kept once

        EmbeddingCache reopened = EmbeddingCache.open(dir, "enc-128", 3);

        assertThat(reopened.size()).isEqualTo(2);
        assertThat(reopened.get("card not working")).containsExactly(1, 2, 3);
        assertThat(reopened.get("refund please")).containsExactly(4, 5, 6);
        assertThat(reopened.get("something else")).isNull();
        // Another encoder or token limit keeps its own file
        assertThat(EmbeddingCache.open(dir, "enc-256", 3).size()).isZero();
    }

    @Test
    void aTornRecordAtTheEndIsIgnoredAndOverwritten() throws Exception {
        EmbeddingCache cache = EmbeddingCache.open(dir, "enc", 2);
        cache.putAll(List.of("a"), new float[][] {{1, 2}});
        Path file = dir.resolve("embeddings-enc.bin");
        Files.write(file, new byte[] {7, 7, 7}, StandardOpenOption.APPEND); // a crash mid-append

        EmbeddingCache reopened = EmbeddingCache.open(dir, "enc", 2);
        assertThat(reopened.size()).isEqualTo(1);
        reopened.putAll(List.of("b"), new float[][] {{3, 4}});

        EmbeddingCache again = EmbeddingCache.open(dir, "enc", 2);
        assertThat(again.get("a")).containsExactly(1, 2);
        assertThat(again.get("b")).containsExactly(3, 4);
    }
}
