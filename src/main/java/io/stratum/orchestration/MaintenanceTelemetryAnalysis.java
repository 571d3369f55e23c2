package io.stratum.orchestration;

import io.stratum.ingestion.telemetry.ReadingScores;
import io.stratum.ingestion.telemetry.ScoredReading;
import io.stratum.ingestion.telemetry.TelemetryAnalysis;
import io.stratum.intelligence.maintenance.FailurePrediction;
import io.stratum.intelligence.maintenance.FailurePredictor;
import io.stratum.intelligence.maintenance.MachineSample;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connects telemetry to the models and the process: every reading gets a failure probability, its likely mode and
 * an anomaly score against its asset's baseline; the riskiest reading of each asset at risk in a batch opens or
 * updates that asset's case.
 */
@Component
public class MaintenanceTelemetryAnalysis implements TelemetryAnalysis {

    private final FailurePredictor predictor;
    private final MaintenanceCaseWorkflow cases;
    private final MaintenanceSettings settings;

    public MaintenanceTelemetryAnalysis(FailurePredictor predictor, MaintenanceCaseWorkflow cases,
                                        MaintenanceSettings settings) {
        this.predictor = predictor;
        this.cases = cases;
        this.settings = settings;
    }

    @Override
    public List<ReadingScores> score(List<AssetReading> readings) {
        List<MachineSample> samples = new ArrayList<>(readings.size());
        for (AssetReading ar : readings) {
            samples.add(MachineSample.unlabelled(ar.asset().productType(), ar.reading().airTemperature(),
                    ar.reading().processTemperature(), ar.reading().rotationalSpeed(), ar.reading().torque(),
                    ar.reading().toolWear()));
        }
        List<FailurePrediction> predictions = predictor.predictAll(samples);
        List<ReadingScores> scores = new ArrayList<>(readings.size());
        for (int i = 0; i < samples.size(); i++) {
            FailurePrediction p = predictions.get(i);
            scores.add(new ReadingScores(p.failureProbability(), p.likelyMode(),
                    predictor.anomaly(readings.get(i).asset().id(), samples.get(i))));
        }
        return scores;
    }

    @Override
    public void stored(List<ScoredReading> readings) {
        Map<String, ScoredReading> riskiest = new LinkedHashMap<>();
        for (ScoredReading r : readings) {
            if (atRisk(r.scores())) {
                riskiest.merge(r.asset().id(), r, (a, b) -> Comparator.comparingDouble(
                        (ScoredReading x) -> x.scores().failureProbability()).compare(a, b) >= 0 ? a : b);
            }
        }
        riskiest.values().forEach(cases::report);
    }

    boolean atRisk(ReadingScores s) {
        return s.failureProbability() >= settings.riskThreshold() || s.anomalyScore() >= settings.anomalyThreshold();
    }
}
