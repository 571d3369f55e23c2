package io.stratum.ingestion;

/**
 * Port to the orchestration layer: how far behind the workflow engine's job executor is. Implemented in
 * {@code orchestration}, so ingestion never depends on the engine.
 */
public interface WorkflowBacklog {

    /** Jobs due and not yet done, cluster-wide (being run or waiting to be picked up). */
    long dueJobs();
}
