package io.stratum.orchestration;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdGeneratorTests {

    /** Ids made later sort later (so inserts append to the indexes), never repeat, and are ordinary UUIDs. */
    @Test
    void idsAreUniqueUuidsInTheOrderTheyWereMade() throws Exception {
        TimeOrderedIdGenerator generator = new TimeOrderedIdGenerator();
        List<List<String>> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            List<String> ids = new ArrayList<>();
            perThread.add(ids);
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    ids.add(generator.getNextId());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        String later = generator.getNextId();
        Set<String> all = new HashSet<>();
        for (List<String> ids : perThread) {
            for (int i = 1; i < ids.size(); i++) {
                assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1)); // in the order each thread made them
            }
            assertThat(ids.get(ids.size() - 1)).isLessThan(later); // and before any id made after them
            all.addAll(ids);
        }
        assertThat(all).hasSize(80_000);
        UUID uuid = UUID.fromString(later);
        assertThat(later).hasSize(36);
        assertThat(uuid.version()).isEqualTo(6);
        assertThat(uuid.variant()).isEqualTo(2);
    }
}
