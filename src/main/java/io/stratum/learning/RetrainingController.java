package io.stratum.learning;

import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.UnknownModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's retraining process and training progress, monitoring, the threshold in force, calibration and rollback
 * (access rules in governance).
 */
@RestController
@RequestMapping("/api/models/{name}")
class RetrainingController {

    private static final Logger log = LoggerFactory.getLogger(RetrainingController.class);

    record RetrainingStarted(String model, String processInstanceId) {
    }

    private final RetrainingWorkflow workflow;
    private final ModelRegistry registry;
    private final RetrainingStore store;
    private final LearningSettings settings;
    private final ChampionChallenger championChallenger;
    private final ModelMonitoring monitoring;
    private final AutomationThreshold thresholds;

    RetrainingController(RetrainingWorkflow workflow, ModelRegistry registry, RetrainingStore store,
                         LearningSettings settings, ChampionChallenger championChallenger,
                         ModelMonitoring monitoring, AutomationThreshold thresholds) {
        this.monitoring = monitoring;
        this.thresholds = thresholds;
        this.workflow = workflow;
        this.registry = registry;
        this.store = store;
        this.settings = settings;
        this.championChallenger = championChallenger;
    }

    @PostMapping("/retrain")
    ResponseEntity<RetrainingStarted> retrain(@PathVariable String name, Principal principal) {
        if (registry.versions(name).isEmpty()) {
            throw new UnknownModelException(name);
        }
        long feedback = store.countSince(name, null);
        if (feedback < settings.minFeedback()) {
            throw new InsufficientFeedbackException("Model '" + name + "' has " + feedback
                    + " feedback records; retraining needs at least " + settings.minFeedback()
                    + " (stratum.learning.min-feedback)");
        }
        String id = workflow.start(name, principal == null ? "api" : principal.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RetrainingStarted(name, id));
    }

    @GetMapping("/retraining")
    Map<String, Object> progress(@PathVariable String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", name);
        ChampionChallenger.Progress p = championChallenger.progress(name);
        out.put("training", p == null ? "idle" : p.phase());
        out.put("since", p == null ? null : p.since());
        out.put("feedbackSinceLastTraining", championChallenger.feedbackSinceLastTraining(name));
        out.put("lastTraining", championChallenger.lastTraining(name));
        return out;
    }

    /** Override rate and accuracy per version, derived threshold for the target precision, confidence drift. */
    @GetMapping("/monitoring")
    ModelMonitoring.Report monitoring(@PathVariable String name) {
        if (!registry.versions(name).isEmpty() && !championChallenger.calibratesThreshold(name)) {
            throw new MonitoringNotApplicableException("Model '" + name + "' is a " + championChallenger.kind(name)
                    .kind() + " model: override rates and confidence drift are monitored for text classifiers; "
                    + "its versions' hold-out metrics are in GET /api/models/" + name);
        }
        return monitoring.report(name);
    }

    /** Optional body of a rollback: the version to restore (default: the previous one) and why. */
    record RollbackRequest(Integer version, String reason) {
    }

    record RolledBack(String model, int fromVersion, int championVersion, AutomationThreshold.InForce threshold) {
    }

    /** Admins only (governance): puts an earlier version back in service at once, audited, then recalibrates. */
    @PostMapping("/rollback")
    RolledBack rollback(@PathVariable String name, @RequestBody(required = false) RollbackRequest request,
                        Principal principal) {
        String actor = principal == null ? "api" : principal.getName();
        Integer from = registry.hasChampion(name) ? registry.champion(name).version() : null;
        int to = championChallenger.rollback(name, request == null ? null : request.version(), actor,
                request == null ? null : request.reason());
        AutomationThreshold.InForce threshold = null; // only text classifiers have a calibrated automation threshold
        if (!championChallenger.calibratesThreshold(name)) {
            return new RolledBack(name, from == null ? 0 : from, to, null);
        }
        try {
            threshold = thresholds.calibrateChampion(name, actor + " (rollback)");
        } catch (RuntimeException e) {
            log.warn("Rolled back {} to v{}, but calibrating its threshold failed: {}", name, to, e.getMessage());
            threshold = thresholds.inForce(name);
        }
        return new RolledBack(name, from == null ? 0 : from, to, threshold);
    }

    /** The automation threshold the triage uses for this model now: value, source (configured/derived), since. */
    @GetMapping("/threshold")
    AutomationThreshold.InForce threshold(@PathVariable String name) {
        if (registry.versions(name).isEmpty()) {
            throw new UnknownModelException(name);
        }
        return thresholds.inForce(name);
    }

    /** Model owners: derive the champion's threshold from the feedback it never trained on and put it in force. */
    @PostMapping("/calibrate")
    AutomationThreshold.InForce calibrate(@PathVariable String name, Principal principal) {
        if (registry.versions(name).isEmpty()) {
            throw new UnknownModelException(name);
        }
        return thresholds.calibrateChampion(name, principal == null ? "api" : principal.getName());
    }

    /** Monitoring asked for a model kind it does not cover. */
    static class MonitoringNotApplicableException extends RuntimeException {
        MonitoringNotApplicableException(String message) {
            super(message);
        }
    }

    @ExceptionHandler(MonitoringNotApplicableException.class)
    ProblemDetail monitoringNotApplicable(MonitoringNotApplicableException e) {
        return problem(HttpStatus.CONFLICT, "Not monitored", e);
    }

    @ExceptionHandler(RollbackNotPossibleException.class)
    ProblemDetail rollbackNotPossible(RollbackNotPossibleException e) {
        return problem(HttpStatus.CONFLICT, "Rollback not possible", e);
    }

    @ExceptionHandler(UnknownModelVersionException.class)
    ProblemDetail unknownVersion(UnknownModelVersionException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown model version", e);
    }

    @ExceptionHandler(InsufficientFeedbackException.class)
    ProblemDetail insufficient(InsufficientFeedbackException e) {
        return problem(HttpStatus.CONFLICT, "Not enough feedback to retrain", e);
    }

    @ExceptionHandler(UnknownModelException.class)
    ProblemDetail unknown(UnknownModelException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown model", e);
    }

    private static ProblemDetail problem(HttpStatus status, String title, RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(title);
        return problem;
    }
}
