package io.stratum.governance;

import io.stratum.learning.bias.BiasMonitor;
import io.stratum.learning.bias.BiasReport;
import io.stratum.learning.bias.BiasSettings;
import io.stratum.learning.bias.Observation;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Bias monitoring over the decision log: every logged AI decision of a model, its review, its segments. */
@Service
class AuditBias {

    private final DecisionLog log;
    private final HistorySegments segments;
    private final BiasSettings settings;

    AuditBias(DecisionLog log, HistorySegments segments, BiasSettings settings) {
        this.log = log;
        this.segments = segments;
        this.settings = settings;
    }

    BiasReport report(String model, Integer version) {
        List<DecisionLog.Decision> decisions = log.modelDecisions(model, version);
        Map<String, Map<String, String>> byInstance = segments.segments(decisions.stream()
                .map(DecisionLog.Decision::processInstanceId).filter(Objects::nonNull).distinct().toList(),
                settings.segmentKeys());
        List<Observation> observations = decisions.stream().map(d -> new Observation(
                d.modelVersion() == null ? 0 : d.modelVersion(),
                d.processInstanceId() == null ? Map.of() : byInstance.getOrDefault(d.processInstanceId(), Map.of()),
                d.output(), d.finalizedAt() == null ? null : d.finalValue())).toList();
        return BiasMonitor.report(model, observations, settings);
    }
}
