package io.stratum.orchestration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/**
 * A long step keeps its job locked past the lock time, so no other executor takes the job over meanwhile, and the
 * job still completes (its revision untouched). Real engine and database; the job executor's lock is set by hand.
 */
class JobLockLeaseTests {

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    @AfterEach
    void cleanUp() {
        Mocks.reset();
    }

    @Test
    void aLongStepKeepsItsJobLockedUntilItEnds() throws Exception {
        ProcessEngine engine = extension.getProcessEngine();
        init(engine); // other test classes' engines may live in the same JVM
        JdbcClient jdbc = JdbcClient.create(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDataSource());
        JobLockLease leases = new JobLockLease(jdbc, () -> 600); // a 600 ms lock, renewed every 200 ms
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Mocks.register("longStep", (JavaDelegate) execution -> {
            try (JobLockLease.Lease lease = leases.hold(execution)) {
                working.countDown();
                finish.await(30, TimeUnit.SECONDS);
            }
        });
        engine.getRepositoryService().createDeployment().addModelInstance("long.bpmn",
                Bpmn.createExecutableProcess("long").camundaHistoryTimeToLive(1).startEvent()
                        .serviceTask("Long").camundaDelegateExpression("${longStep}").camundaAsyncBefore()
                        .endEvent("Done").done()).deploy();
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("long");
        String jobId = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult()
                .getId();
        // As the job executor of node-a leaves it: locked for 600 ms
        long lockedAt = System.currentTimeMillis();
        jdbc.sql("UPDATE act_ru_job SET lock_owner_ = 'node-a', lock_exp_time_ = ? WHERE id_ = ?")
                .params(new Timestamp(lockedAt + 600), jobId).update();

        // Meanwhile (the step runs on this thread: Mocks are per thread) another thread looks at the lock
        CompletableFuture<Object[]> seen = CompletableFuture.supplyAsync(() -> {
            try {
                working.await(30, TimeUnit.SECONDS);
                Thread.sleep(1500); // well past the first lock's expiry
                Object[] lock = {jdbc.sql("SELECT lock_exp_time_ FROM act_ru_job WHERE id_ = ?").param(jobId)
                        .query(Timestamp.class).single(), System.currentTimeMillis(),
                        jdbc.sql("SELECT lock_owner_ FROM act_ru_job WHERE id_ = ?").param(jobId)
                                .query(String.class).single()};
                return lock;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                finish.countDown();
            }
        });
        engine.getManagementService().executeJob(jobId);
        Object[] lock = seen.get(30, TimeUnit.SECONDS);

        // Then the lock still held 1.5 s on (another executor would not have taken the job), still node-a's,
        // and the step's own completion committed
        assertThat(((Timestamp) lock[0]).getTime()).isGreaterThan((long) lock[1]);
        assertThat(lock[2]).isEqualTo("node-a");
        assertThat(pi).hasPassed("Done").isEnded();
    }
}
