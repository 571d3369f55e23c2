package io.stratum.governance;

import io.stratum.learning.bias.SegmentLookup;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Segment values of decisions from the engine's history: the process variables named by the segment keys. */
@Component
class HistorySegments implements SegmentLookup {

    /** Process instance ids per query: keeps the IN list well inside every database's limit. */
    static final int CHUNK = 500;

    private final HistoryService history;

    HistorySegments(HistoryService history) {
        this.history = history;
    }

    @Override
    public Map<String, Map<String, String>> segments(Collection<String> processInstanceIds,
                                                     Collection<String> keys) {
        Map<String, Map<String, String>> out = new HashMap<>();
        List<String> ids = List.copyOf(processInstanceIds);
        String[] names = keys.toArray(String[]::new);
        for (int i = 0; i < ids.size(); i += CHUNK) {
            String[] chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK)).toArray(String[]::new);
            for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                    .processInstanceIdIn(chunk).variableNameIn(names).disableCustomObjectDeserialization().list()) {
                if (v.getValue() == null) {
                    continue;
                }
                // the process-level value wins over a local one of the same name (a task's copy, a subprocess's)
                boolean processLevel = v.getProcessInstanceId().equals(v.getActivityInstanceId());
                Map<String, String> values = out.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>());
                if (processLevel) {
                    values.put(v.getName(), v.getValue().toString());
                } else {
                    values.putIfAbsent(v.getName(), v.getValue().toString());
                }
            }
        }
        return out;
    }
}
