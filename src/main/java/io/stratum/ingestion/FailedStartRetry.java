package io.stratum.ingestion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Periodically restarts inquiries whose workflow start failed, so an engine outage loses nothing. */
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
            int started = intake.restartFailed();
            if (started > 0) {
                log.info("Restarted {} inquiries whose workflow start had failed", started);
            }
        } catch (RuntimeException e) {
            log.warn("Restarting failed inquiries failed: {}", e.toString());
        }
    }
}
