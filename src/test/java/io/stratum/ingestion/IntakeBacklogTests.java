package io.stratum.ingestion;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
        }, 0, Duration.ZERO).awaitRoom(IntakeBacklog.INQUIRY_API);
        assertThat(counts).as("not even counted").hasValue(0);
    }

    @Test
    void takesTheInquiryWhileTheBacklogIsUnderTheLimit() {
        IntakeBacklog backlog = new IntakeBacklog(() -> 9, 10, Duration.ZERO);
        backlog.awaitRoom(IntakeBacklog.INQUIRY_API);
        assertThat(backlog.backlog()).isEqualTo(9);
    }

    @Test
    void refusesOnceTheWaitIsOverAndSaysWhy() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IntakeBacklog backlog = new IntakeBacklog(() -> 10, 10, Duration.ofMillis(50), registry);
        assertThat(refused(registry, IntakeBacklog.INQUIRY_API)).as("every channel's series exists from the start")
                .isZero();
        assertThatThrownBy(() -> backlog.awaitRoom(IntakeBacklog.INQUIRY_API)).isInstanceOfSatisfying(IntakeBusyException.class, e -> {
            assertThat(e.backlog()).isEqualTo(10);
            assertThat(e.limit()).isEqualTo(10);
            assertThat(e.getMessage()).startsWith("The workflow engine is 10 jobs behind (limit 10); waited ")
                    .endsWith("Nothing was stored: send it again later.");
        });
        assertThat(refused(registry, IntakeBacklog.INQUIRY_API)).isEqualTo(1);
        assertThat(registry.get("stratum.intake.backlog").gauge().value()).isEqualTo(10);
    }

    @Test
    void pollingChannelsAreToldWithoutWaitingAndCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong due = new AtomicLong(10);
        IntakeBacklog backlog = new IntakeBacklog(due::get, 10, Duration.ofSeconds(30), registry);
        assertThat(backlog.hasRoom(IntakeBacklog.IMAP)).isFalse();
        assertThat(refused(registry, IntakeBacklog.IMAP)).isEqualTo(1);
        assertThat(refused(registry, IntakeBacklog.FOLDER)).isZero();
        assertThat(new IntakeBacklog(due::get, 0, Duration.ZERO, new SimpleMeterRegistry())
                .hasRoom(IntakeBacklog.FOLDER)).as("off").isTrue();
    }

    private static double refused(SimpleMeterRegistry registry, String channel) {
        return registry.get("stratum.intake.refused").tag("channel", channel).counter().count();
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
        backlog.awaitRoom(IntakeBacklog.INQUIRY_API); // returns once a count after the catch-up sees 3 (within a refresh interval of it)
        catchUp.join();
        assertThat(backlog.backlog()).isEqualTo(3);
    }

    @Test
    void anInterruptedWaitIsRefusedRatherThanSwallowed() {
        IntakeBacklog backlog = new IntakeBacklog(() -> 10, 10, Duration.ofSeconds(30));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> backlog.awaitRoom(IntakeBacklog.IMAP)).isInstanceOf(IntakeBusyException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
