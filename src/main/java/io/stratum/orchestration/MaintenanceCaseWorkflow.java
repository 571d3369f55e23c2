package io.stratum.orchestration;

import io.stratum.ingestion.telemetry.ScoredReading;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;

/**
 * Opens an asset's maintenance case, or updates the open one, for a reading at risk: business key = asset id. The
 * asset's row in {@code maintenance_case_lock} is locked (SELECT ... FOR UPDATE) in the same transaction that looks
 * for the open case and starts or correlates, so concurrent readings of one asset, on any node, queue up and never
 * open two cases. Runs without the caller's Camunda authentication (it is the telemetry stream's act).
 */
@Component
public class MaintenanceCaseWorkflow {

    /** What a report did. */
    public record Outcome(String processInstanceId, boolean opened) {
    }

    private final RuntimeService runtime;
    private final IdentityService identity;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public MaintenanceCaseWorkflow(RuntimeService runtime, IdentityService identity, JdbcClient jdbc,
                                   PlatformTransactionManager transactions) {
        this.runtime = runtime;
        this.identity = identity;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    public Outcome report(ScoredReading r) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    return tx.execute(status -> lockedReport(r));
                } catch (DuplicateKeyException firstForAsset) {
                    // Two first readings of an asset raced to create its lock row; the loser takes the lock now.
                    if (attempt > 2) {
                        throw firstForAsset;
                    }
                }
            }
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    private Outcome lockedReport(ScoredReading r) {
        String assetId = r.asset().id();
        List<Long> locked = jdbc.sql("SELECT opened FROM maintenance_case_lock WHERE asset_id = ? FOR UPDATE")
                .param(assetId).query(Long.class).list();
        if (locked.isEmpty()) {
            jdbc.sql("INSERT INTO maintenance_case_lock (asset_id, opened) VALUES (?, 0)").param(assetId).update();
        }
        List<ProcessInstance> open = runtime.createProcessInstanceQuery()
                .processDefinitionKey(PredictiveMaintenanceProcess.KEY).processInstanceBusinessKey(assetId)
                .active().listPage(0, 1);
        if (open.isEmpty()) {
            open = runtime.createProcessInstanceQuery().processDefinitionKey(PredictiveMaintenanceProcess.KEY)
                    .processInstanceBusinessKey(assetId).listPage(0, 1);
        }
        VariableMap latest = latest(r);
        if (!open.isEmpty()) {
            runtime.createMessageCorrelation(PredictiveMaintenanceProcess.RISK_REPORTED)
                    .processInstanceId(open.get(0).getId()).setVariables(latest).correlate();
            return new Outcome(open.get(0).getId(), false);
        }
        jdbc.sql("UPDATE maintenance_case_lock SET opened = opened + 1 WHERE asset_id = ?").param(assetId).update();
        VariableMap start = Variables.createVariables()
                .putValue(ASSET_ID, assetId)
                .putValue(ASSET_NAME, r.asset().name())
                .putValue(CRITICALITY, r.asset().criticality())
                .putValue(REQUIRED_SKILL, r.asset().requiredSkill())
                .putValue(LAT, r.asset().lat())
                .putValue(LON, r.asset().lon())
                .putValue(PRODUCT_TYPE, r.asset().productType())
                .putValue(MAX_FAILURE_PROBABILITY, r.scores().failureProbability())
                .putValue(RISK_REPORTS, 1);
        start.putAll(latest);
        return new Outcome(runtime.startProcessInstanceByKey(PredictiveMaintenanceProcess.KEY, assetId, start).getId(),
                true);
    }

    static VariableMap latest(ScoredReading r) {
        return Variables.createVariables()
                .putValue(READING_ID, r.id())
                .putValue(READING, String.format(java.util.Locale.ROOT,
                        "{\"airTemperature\":%s,\"processTemperature\":%s,\"rotationalSpeed\":%s,\"torque\":%s,"
                                + "\"toolWear\":%s,\"measuredAt\":\"%s\"}",
                        r.reading().airTemperature(), r.reading().processTemperature(),
                        r.reading().rotationalSpeed(), r.reading().torque(), r.reading().toolWear(),
                        r.reading().measuredAt()))
                .putValue(FAILURE_PROBABILITY, r.scores().failureProbability())
                .putValue(FAILURE_MODE, r.scores().failureMode())
                .putValue(ANOMALY_SCORE, r.scores().anomalyScore());
    }
}
