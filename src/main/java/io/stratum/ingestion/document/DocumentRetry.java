package io.stratum.ingestion.document;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodically finishes document intake that did not finish: documents whose process start failed (engine outage) or
 * never happened (their node stopped between storing and starting). Runs on every node; the row lock makes that safe.
 */
@Component
@ConditionalOnProperty(prefix = "stratum.ingestion.documents.retry", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class DocumentRetry {

    private static final Logger log = LoggerFactory.getLogger(DocumentRetry.class);

    private final DocumentIntake intake;

    DocumentRetry(DocumentIntake intake) {
        this.intake = intake;
    }

    @Scheduled(initialDelayString = "${stratum.ingestion.documents.retry.interval:PT1M}",
            fixedDelayString = "${stratum.ingestion.documents.retry.interval:PT1M}")
    void run() {
        try {
            int started = intake.restartUnstarted();
            if (started > 0) {
                log.info("Started {} documents whose process start had failed or never happened", started);
            }
        } catch (RuntimeException e) {
            log.warn("Restarting unstarted documents failed: {}", e.toString());
        }
    }
}
