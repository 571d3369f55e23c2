package io.stratum.orchestration;

import io.stratum.ingestion.WorkflowBacklog;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.stereotype.Component;

/** The job executor's backlog for the intake's load shedding: executable jobs (retries left, due now or earlier). */
@Component
class EngineBacklog implements WorkflowBacklog {

    private final ManagementService management;

    EngineBacklog(ManagementService management) {
        this.management = management;
    }

    @Override
    public long dueJobs() {
        return management.createJobQuery().executable().count();
    }
}
