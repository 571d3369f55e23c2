package io.stratum.orchestration.modeler;

import io.stratum.orchestration.CamundaProperties;
import io.stratum.orchestration.RecordFeedbackListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The "Request review" element template marks its user task with {@code <camunda:property name="stratum.recordFeedback"
 * value="true"/>}, because Camunda 7 templates cannot bind task listeners; this parse listener then attaches
 * {@link RecordFeedbackListener} on complete, as a hand-written {@code camunda:taskListener} would. Tasks without the
 * property (like support-triage's, which declares the listener itself) are left alone.
 */
@Component
public class ReviewFeedbackPlugin extends AbstractProcessEnginePlugin {

    public static final String PROPERTY = "stratum.recordFeedback";

    private final RecordFeedbackListener listener;

    public ReviewFeedbackPlugin(RecordFeedbackListener listener) {
        this.listener = listener;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
                if (marked(userTask) && activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    static boolean marked(Element userTask) {
        return CamundaProperties.isTrue(userTask, PROPERTY);
    }
}
