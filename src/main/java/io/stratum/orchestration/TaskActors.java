package io.stratum.orchestration;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who completes a task: the assignee when it was claimed, else whoever is authenticated against the engine. */
final class TaskActors {

    private TaskActors() {
    }

    /** @return the user id, or {@code null} when nobody is known */
    static String actor(DelegateTask task) {
        if (task.getAssignee() != null && !task.getAssignee().isBlank()) {
            return task.getAssignee();
        }
        Authentication authentication = task.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        return authentication != null ? authentication.getUserId() : null;
    }
}
