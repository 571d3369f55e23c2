package io.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.learning.ChampionChallenger;
import io.stratum.learning.TextModelKind;
import io.stratum.learning.bias.BiasGate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Locale;

import static io.stratum.orchestration.ModelRetrainingProcess.Var.*;

/**
 * Task_EvaluateModels: champion and challenger on the same newest-feedback hold-out; sets {@code challengerBetter}
 * for the gateway, the whole evaluation as JSON, and one readable report per model for the approval form.
 */
@Component
public class EvaluateModelsDelegate implements JavaDelegate {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final ChampionChallenger championChallenger;
    private final ObjectProvider<BiasGate> biasGate;
    private final JobLockLease locks;

    public EvaluateModelsDelegate(ChampionChallenger championChallenger) {
        this(championChallenger, null, JobLockLease.NONE);
    }

    @Autowired
    public EvaluateModelsDelegate(ChampionChallenger championChallenger, ObjectProvider<BiasGate> biasGate,
                                  JobLockLease locks) {
        this.championChallenger = championChallenger;
        this.biasGate = biasGate;
        this.locks = locks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String model = (String) execution.getVariable(MODEL);
        int challenger = ((Number) execution.getVariable(CHALLENGER_VERSION)).intValue();
        Instant holdoutFrom = Instant.parse((String) execution.getVariable(HOLDOUT_FROM));
        ChampionChallenger.Evaluation e;
        try (JobLockLease.Lease lease = locks.hold(execution)) { // embedding a large hold-out can take minutes
            e = championChallenger.evaluate(model, challenger, holdoutFrom);
        }
        execution.setVariable(CHAMPION_VERSION, e.championVersion());
        execution.setVariable(CHAMPION_ACCURACY, e.championAccuracy());
        execution.setVariable(CHALLENGER_ACCURACY, e.challengerAccuracy());
        execution.setVariable(HOLDOUT_SIZE, e.holdoutSize());
        // The bias check (four-fifths rule per customer segment) has its say on a text challenger judged better; the
        // other kinds' decisions are not about customers, their own segments carry the tolerance check.
        BiasGate gate = biasGate == null || !TextModelKind.KIND.equals(e.kind()) ? null : biasGate.getIfAvailable();
        BiasGate.Gate bias = gate == null ? new BiasGate.Gate(e.better(), e.verdict(), false, null)
                : gate.apply(model, challenger, holdoutFrom, e.better(), e.verdict());
        execution.setVariable(CHALLENGER_BETTER, bias.better());
        execution.setVariable(VERDICT, bias.verdict());
        execution.setVariable(BIAS_FLAGGED, bias.flagged());
        execution.setVariable(CHAMPION_REPORT, report(e, true));
        execution.setVariable(CHALLENGER_REPORT, report(e, false));
        try {
            execution.setVariable(EVALUATION, SpinValues.jsonValue(JSON.writeValueAsString(e)).create());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Cannot write the evaluation of " + model + " as JSON", ex);
        }
    }

    /**
     * "v3: 91.2 % on 120 items" (the metric named when it is not accuracy) and one line per segment; short enough for
     * a 4000-character variable.
     */
    static String report(ChampionChallenger.Evaluation e, boolean champion) {
        StringBuilder sb = new StringBuilder();
        sb.append('v').append(champion ? e.championVersion() : e.challengerVersion()).append(": ")
                .append(pct(champion ? e.championAccuracy() : e.challengerAccuracy()))
                .append("accuracy".equals(e.metric()) ? "" : " " + e.metric())
                .append(" on ").append(e.holdoutSize()).append(" newest feedback items\n")
                .append("Per segment (").append(e.segmentBasis()).append("):\n");
        for (ChampionChallenger.Segment s : e.segments()) {
            String line = "  " + s.name() + " (" + s.size() + "): "
                    + pct(champion ? s.championAccuracy() : s.challengerAccuracy())
                    + (s.checked() ? "" : " (too few to check)") + "\n";
            if (sb.length() + line.length() > 3900) {
                sb.append("  ...");
                break;
            }
            sb.append(line);
        }
        return sb.toString();
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}
