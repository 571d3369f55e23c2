package io.stratum.ingestion;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeBacklogTests {

    @Test
    void offWhenTheLimitIsZero() {
        AtomicInteger counts = new AtomicInteger();
        new IntakeBacklog(() -> {
            counts.incrementAndGet();
            return 1_000_000;
        }, 0, Duration.ZERO).awaitRoom();
        assertThat(counts).as("not even counted").hasValue(0);
    }

    @Test
    void takesTheInquiryWhileTheBacklogIsUnderTheLimit() {
        IntakeBacklog backlog = new IntakeBacklog(() -> 9, 10, Duration.ZERO);
        backlog.awaitRoom();
        assertThat(backlog.backlog()).isEqualTo(9);
    }

    @Test
    void refusesOnceTheWaitIsOverAndSaysWhy() {
        IntakeBacklog backlog = new IntakeBacklog(() -> 10, 10, Duration.ofMillis(50));
        assertThatThrownBy(backlog::awaitRoom).isInstanceOfSatisfying(IntakeBusyException.class, e -> {
            assertThat(e.backlog()).isEqualTo(10);
            assertThat(e.limit()).isEqualTo(10);
            assertThat(e.getMessage()).startsWith("The workflow engine is 10 jobs behind (limit 10); waited ")
                    .endsWith("Nothing was stored: send it again later.");
        });
    }

    @Test
    void waitsForRoomWhenTheJobExecutorCatchesUp() throws Exception {
        AtomicLong due = new AtomicLong(50);
        IntakeBacklog backlog = new IntakeBacklog(due::get, 10, Duration.ofSeconds(30));
        Thread catchUp = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            due.set(3);
        });
        catchUp.start();
        backlog.awaitRoom(); // returns once a count after the catch-up sees 3 (within a refresh interval of it)
        catchUp.join();
        assertThat(backlog.backlog()).isEqualTo(3);
    }

    @Test
    void anInterruptedWaitIsRefusedRatherThanSwallowed() {
        IntakeBacklog backlog = new IntakeBacklog(() -> 10, 10, Duration.ofSeconds(30));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(backlog::awaitRoom).isInstanceOf(IntakeBusyException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
