package io.stratum.orchestration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * On shutdown (SIGTERM), hands this node's jobs back to the cluster at once instead of after their lock time. Runs
 * first when the context closes, before Spring stops accepting tasks on the job threads (which would leave acquired
 * jobs locked): stops job acquisition, lets running and queued jobs finish (bounded), then clears the locks this node
 * still holds, and once more when the job threads are idle (a follow-up job committed during the first release). The
 * revision bump makes a late update of a released job fail with an optimistic-locking conflict instead of overwriting
 * another node's work.
 */
@Component
class ClusterNodeJobRelease {

    private static final Logger log = LoggerFactory.getLogger(ClusterNodeJobRelease.class);
    private static final long DRAIN_MILLIS = 20_000;
    private static final long AFTER_RELEASE_MILLIS = 5_000;

    private final ObjectProvider<ProcessEngine> engine;
    private final ObjectProvider<JdbcClient> jdbc;
    private final ObjectProvider<ThreadPoolTaskExecutor> executors;
    private final ClusterNodeSettings settings;

    /** Providers: contexts that scan only this package (wiring tests) have no engine and need no release. */
    ClusterNodeJobRelease(ObjectProvider<ProcessEngine> engine, ObjectProvider<JdbcClient> jdbc,
                          ObjectProvider<ThreadPoolTaskExecutor> executors, ClusterNodeSettings settings) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.executors = executors;
        this.settings = settings;
    }

    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void release() {
        ProcessEngine e = engine.getIfAvailable();
        JdbcClient db = jdbc.getIfAvailable();
        if (e == null || db == null) {
            return;
        }
        try {
            JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) e.getProcessEngineConfiguration())
                    .getJobExecutor();
            if (jobExecutor == null || !jobExecutor.isActive()) {
                return;
            }
            jobExecutor.shutdown();
            awaitJobThreadsIdle(jobExecutor, System.currentTimeMillis() + DRAIN_MILLIS);
            int released = release(db);
            // A job that outlived the drain, or committed right at the release, can have inserted a follow-up job
            // locked by this node (Camunda locks an exclusive follow-up for the thread that created it), which the
            // release did not see yet: once the job threads are idle, release what is left.
            awaitJobThreadsIdle(jobExecutor, System.currentTimeMillis() + AFTER_RELEASE_MILLIS);
            released += release(db);
            if (released > 0) {
                log.info("Released {} jobs locked by {} on shutdown", released, settings.nodeId());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ex) {
            log.warn("Could not release the jobs of {} on shutdown (they free up after their lock time): {}",
                    settings.nodeId(), ex.toString());
        }
    }

    private int release(JdbcClient db) {
        return db.sql("UPDATE act_ru_job SET lock_owner_ = NULL, lock_exp_time_ = NULL, rev_ = rev_ + 1"
                + " WHERE lock_owner_ = ?").param(settings.nodeId()).update();
    }

    /**
     * Waits until no job runs or waits in the job executor's queue on this node (acquired jobs are locked, queued
     * ones too), or until {@code end}.
     */
    private void awaitJobThreadsIdle(JobExecutor jobExecutor, long end) throws InterruptedException {
        while (busy(jobExecutor) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    /**
     * The job threads are running or have queued work. Only the job executor's own pool counts: other executors (e.g.
     * Spring's for {@code @Async}) hold no job locks, and a long task there must not hold up the release.
     */
    private boolean busy(JobExecutor jobExecutor) {
        if (jobExecutor instanceof SpringJobExecutor spring
                && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor jobThreads) {
            return busy(jobThreads);
        }
        return executors.orderedStream().anyMatch(ClusterNodeJobRelease::busy);
    }

    private static boolean busy(ThreadPoolTaskExecutor x) {
        return x.getActiveCount() > 0 || (x.getThreadPoolExecutor() != null
                && !x.getThreadPoolExecutor().getQueue().isEmpty());
    }
}
