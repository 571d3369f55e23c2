package io.stratum.ingestion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodically finishes intake that did not finish: restarts inquiries whose workflow start failed (engine outage) or
 * never happened (their node died), and judges inbox entries their node died on. Runs on every node; each item is
 * started once under its row lock, so nodes doing it at the same time do no harm.
 */
@Component
@ConditionalOnProperty(prefix = "stratum.ingestion.retry", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class FailedStartRetry {

    private static final Logger log = LoggerFactory.getLogger(FailedStartRetry.class);

    private final InquiryIntake intake;

    FailedStartRetry(InquiryIntake intake) {
        this.intake = intake;
    }

    @Scheduled(initialDelayString = "${stratum.ingestion.retry.interval:PT1M}",
            fixedDelayString = "${stratum.ingestion.retry.interval:PT1M}")
    void run() {
        try {
            int recovered = intake.recoverInbox();
            if (recovered > 0) {
                log.info("Judged {} inbox entries left unanswered by a node that stopped", recovered);
            }
            int started = intake.restartFailed();
            if (started > 0) {
                log.info("Restarted {} inquiries whose workflow start had failed or never happened", started);
            }
        } catch (RuntimeException e) {
            log.warn("Restarting failed inquiries failed: {}", e.toString());
        }
    }
}
