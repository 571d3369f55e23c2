package io.stratum.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.action.record.RecordConflictException;
import io.stratum.action.record.Records;
import io.stratum.action.record.StoredRecord;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.GenericInputs.JSON;

/**
 * "Create/update record": input parameters {@code recordType}, {@code recordKey}, {@code data} (a JSON object with
 * expressions, or a map), optionally {@code expectedVersion} and {@code resultVariable}. Upserts into the generic
 * record store (same key = update; unchanged data = no new version, so a retried job changes nothing) and writes
 * {@code <result>} (JSON: type, key, version) and {@code <result>Version}. A stale {@code expectedVersion} raises
 * the BPMN error {@code RecordConflict}; bad types, keys or data fail the step with a readable message.
 */
@Component
public class UpsertRecordDelegate implements JavaDelegate {

    static final String TEMPLATE = "Create/update record";
    static final String RECORD_CONFLICT = "RecordConflict";
    static final String IN_TYPE = "recordType";
    static final String IN_KEY = "recordKey";
    static final String IN_DATA = "data";
    static final String IN_EXPECTED_VERSION = "expectedVersion";
    static final String IN_RESULT_VARIABLE = "resultVariable";

    private final Records records;

    public UpsertRecordDelegate(Records records) {
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String type = GenericInputs.required(execution, IN_TYPE, TEMPLATE);
        String key = GenericInputs.required(execution, IN_KEY, TEMPLATE);
        JsonNode data = GenericInputs.json(execution, IN_DATA);
        if (!(data instanceof ObjectNode object)) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
                    + "': input parameter 'data' must be a JSON object, e.g. {\"status\": \"${status}\"}");
        }
        Long expected = expectedVersion(execution);
        StoredRecord stored;
        try {
            stored = records.upsert(type, key, object, expected);
        } catch (RecordConflictException e) {
            throw new BpmnError(RECORD_CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId() + "': "
                    + e.getMessage(), e);
        }
        String resultVariable = GenericInputs.optional(execution, IN_RESULT_VARIABLE);
        if (resultVariable != null) {
            ObjectNode result = JSON.createObjectNode().put("type", stored.type()).put("key", stored.key())
                    .put("version", stored.version());
            DelegateExecution instance = execution.getProcessInstance();
            instance.setVariable(resultVariable, SpinValues.jsonValue(result.toString()).create());
            instance.setVariable(resultVariable + "Version", stored.version());
        }
    }

    private static Long expectedVersion(DelegateExecution execution) {
        String value = GenericInputs.optional(execution, IN_EXPECTED_VERSION);
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
                    + "': expectedVersion '" + value + "' is not a whole number");
        }
    }
}
