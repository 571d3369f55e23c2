package io.stratum.ingestion;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for orchestration's {@link InquiryWorkflow}: records every start, can be told to fail. */
public class RecordingInquiryWorkflow implements InquiryWorkflow {

    private final List<Inquiry> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile long delayMillis;

    @Override
    public String start(Inquiry inquiry) {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("engine unavailable (test)");
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.add(inquiry);
        return "pi-" + inquiry.id();
    }

    public List<Inquiry> started() {
        return started;
    }

    public long startsOf(String inquiryId) {
        return started.stream().filter(i -> i.id().equals(inquiryId)).count();
    }

    public void failNext(int times) {
        failuresLeft.set(times);
    }

    /** Makes starts slow, so concurrent duplicates really overlap. */
    public void delay(long millis) {
        delayMillis = millis;
    }

    public void reset() {
        started.clear();
        failuresLeft.set(0);
        delayMillis = 0;
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        /** Replaces the real triage workflow, so these tests see exactly what intake starts. */
        @Bean
        @Primary
        RecordingInquiryWorkflow recordingInquiryWorkflow() {
            return new RecordingInquiryWorkflow();
        }
    }
}
