package io.stratum.orchestration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps a long step's job locked while it runs. The job executor locks a job for its lock time (5 minutes unless
 * {@code camunda.bpm.job-execution.lock-time-in-millis} says otherwise) and then lets any thread or node take it again,
 * even while the first is still at work: a retraining that took longer (10,000 examples on a loaded machine took up to
 * ~8 minutes) ran twice at once, and the first run's commit then failed on the job's changed revision. While a step
 * holds a lease, the lock's expiry moves forward every third of the lock time, without touching the job's revision
 * (the executor's own completion still matches it). A job run outside the job executor (no lock owner) needs none.
 */
@Component
public class JobLockLease {

    /** What a step holds while it works; closing it stops the renewal. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** For steps wired without a lease (process tests that run jobs by hand): renews nothing. */
    public static final JobLockLease NONE = new JobLockLease(null, () -> 0);

    private static final Logger log = LoggerFactory.getLogger(JobLockLease.class);

    private final JdbcClient jdbc;
    private final LongSupplier lockMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stratum-job-lock-lease");
        t.setDaemon(true);
        return t;
    });

    @Autowired
    JobLockLease(JdbcClient jdbc, ObjectProvider<ProcessEngine> engine) {
        this(jdbc, () -> ((ProcessEngineConfigurationImpl) engine.getObject().getProcessEngineConfiguration())
                .getJobExecutor().getLockTimeInMillis());
    }

    JobLockLease(JdbcClient jdbc, LongSupplier lockMillis) {
        this.jdbc = jdbc;
        this.lockMillis = lockMillis;
    }

    /** Keeps the lock of the job that runs {@code execution} until the lease is closed. */
    public Lease hold(DelegateExecution execution) {
        if (jdbc == null) {
            return () -> { };
        }
        List<Map<String, Object>> jobs = jdbc.sql("SELECT id_, lock_owner_ FROM act_ru_job WHERE execution_id_ = ?"
                + " AND lock_owner_ IS NOT NULL").param(execution.getId()).query().listOfRows();
        if (jobs.size() != 1) {
            return () -> { };
        }
        String jobId = String.valueOf(jobs.get(0).get("ID_"));
        String owner = String.valueOf(jobs.get(0).get("LOCK_OWNER_"));
        long lock = lockMillis.getAsLong();
        long period = Math.max(50, lock / 3);
        ScheduledFuture<?> renewal = timer.scheduleAtFixedRate(() -> renew(jobId, owner, lock), period, period,
                TimeUnit.MILLISECONDS);
        return () -> renewal.cancel(false);
    }

    private void renew(String jobId, String owner, long lock) {
        try {
            jdbc.sql("UPDATE act_ru_job SET lock_exp_time_ = ? WHERE id_ = ? AND lock_owner_ = ?")
                    .params(new Timestamp(ClockUtil.getCurrentTime().getTime() + lock), jobId, owner).update();
        } catch (RuntimeException e) {
            log.warn("Could not renew the lock of job {} (another executor may take it over after its lock time): {}",
                    jobId, e.getMessage());
        }
    }
}
