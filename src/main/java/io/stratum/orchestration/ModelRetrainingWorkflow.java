package io.stratum.orchestration;

import io.stratum.learning.RetrainingWorkflow;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Starts {@code model-retraining} by its message, with the model name as business key; a running retraining of the
 * same model is returned instead of starting a second, also across the nodes of a cluster (the check and the start
 * hold a cluster lock per model, so triggers firing on every node at once start one). Runs without the caller's engine authentication (Spring
 * Security guards the endpoint; model owners need no process-definition grants).
 */
@Component
public class ModelRetrainingWorkflow implements RetrainingWorkflow {

    private final RuntimeService runtime;
    private final IdentityService identity;
    private final ClusterNodeLocks locks;

    public ModelRetrainingWorkflow(RuntimeService runtime, IdentityService identity, ClusterNodeLocks locks) {
        this.runtime = runtime;
        this.identity = identity;
        this.locks = locks;
    }

    @Override
    public String start(String model, String trigger) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("A retraining needs a model name");
        }
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return locks.exclusively("retraining:" + model, () -> findOrStart(model, trigger));
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    private String findOrStart(String model, String trigger) {
        List<ProcessInstance> running = runtime.createProcessInstanceQuery()
                .processDefinitionKey(ModelRetrainingProcess.KEY).processInstanceBusinessKey(model)
                .listPage(0, 1);
        if (!running.isEmpty()) {
            return running.get(0).getId();
        }
        return runtime.startProcessInstanceByMessage(ModelRetrainingProcess.MESSAGE_REQUESTED, model,
                Variables.createVariables()
                        .putValue(ModelRetrainingProcess.Var.MODEL, model)
                        .putValue(ModelRetrainingProcess.Var.REQUESTED_BY, trigger)).getId();
    }
}
