package io.stratum.learning;

import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.UnknownModelException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts a model's retraining process and shows its training progress (access rule in governance). */
@RestController
@RequestMapping("/api/models/{name}")
class RetrainingController {

    record RetrainingStarted(String model, String processInstanceId) {
    }

    private final RetrainingWorkflow workflow;
    private final ModelRegistry registry;
    private final RetrainingStore store;
    private final LearningSettings settings;
    private final ChampionChallenger championChallenger;
    private final ModelMonitoring monitoring;

    RetrainingController(RetrainingWorkflow workflow, ModelRegistry registry, RetrainingStore store,
                         LearningSettings settings, ChampionChallenger championChallenger,
                         ModelMonitoring monitoring) {
        this.monitoring = monitoring;
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
        return out;
    }

    /** Override rate and accuracy per version, derived threshold for the target precision, confidence drift. */
    @GetMapping("/monitoring")
    ModelMonitoring.Report monitoring(@PathVariable String name) {
        return monitoring.report(name);
    }

    @ExceptionHandler(InsufficientFeedbackException.class)
    ProblemDetail insufficient(InsufficientFeedbackException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not enough feedback to retrain");
        return problem;
    }

    @ExceptionHandler(UnknownModelException.class)
    ProblemDetail unknown(UnknownModelException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown model");
        return problem;
    }
}
