package io.stratum.orchestration;

import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoMapping;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An activity marked {@code <camunda:property name="stratum.transientInputs" value="true"/>} gets its
 * {@code camunda:inputParameter}s as transient local variables: the delegate and expressions read them as usual, but
 * they are never written to the runtime or history tables. Under history FULL every input parameter otherwise costs a
 * historic variable and a variable-detail row (27 index entries on H2) per activity instance, and a "classify text"
 * step's {@code text} is the whole inquiry again. What an auditor needs stays in history: the decision variables
 * (with model, version and input text) and the DMN's own decision history.
 * <p>
 * Only for activities that finish in the transaction that starts them (service and business-rule tasks): a
 * transient variable does not outlive a wait state.
 */
@Component
public class TransientInputsPlugin extends AbstractProcessEnginePlugin {

    public static final String PROPERTY = "stratum.transientInputs";
    private static final Set<String> NO_WAIT_STATE = Set.of("serviceTask", "businessRuleTask", "scriptTask",
            "sendTask");
    private static final Set<String> SCOPES = Set.of("subProcess", "transaction");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            // After the whole process: the activities' input/output mappings are parsed by then.
            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                makeTransient(process, definition);
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private static void makeTransient(Element scope, ProcessDefinitionEntity definition) {
        for (Element child : scope.elements()) {
            if (SCOPES.contains(child.getTagName())) {
                makeTransient(child, definition);
            } else if (marked(child)) {
                if (!NO_WAIT_STATE.contains(child.getTagName())) {
                    throw new IllegalStateException("Activity '" + child.attribute("id") + "': " + PROPERTY
                            + " is only for service, business-rule, script and send tasks (a transient variable"
                            + " does not outlive a wait state)");
                }
                ActivityImpl activity = definition.findActivity(child.attribute("id"));
                IoMapping mapping = activity == null ? null : activity.getIoMapping();
                if (mapping != null) {
                    mapping.setInputParameters(mapping.getInputParameters().stream()
                            .<InputParameter>map(TransientInputParameter::new).collect(Collectors.toCollection(ArrayList::new)));
                }
            }
        }
    }

    static boolean marked(Element activity) {
        return CamundaProperties.isTrue(activity, PROPERTY);
    }

    /** Evaluated like Camunda's own input parameter, set as a transient local variable. */
    static final class TransientInputParameter extends InputParameter {

        TransientInputParameter(InputParameter parameter) {
            super(parameter.getName(), parameter.getValueProvider());
        }

        @Override
        protected void execute(AbstractVariableScope innerScope, AbstractVariableScope outerScope) {
            innerScope.setVariableLocal(name, Variables.untypedValue(valueProvider.getValue(outerScope), true));
        }
    }
}
