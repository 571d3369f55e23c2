package io.stratum.learning;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Feedback records for auditors and admins (access rule in governance). */
@RestController
@RequestMapping("/api/feedback")
class FeedbackController {

    private final RetrainingStore store;

    FeedbackController(RetrainingStore store) {
        this.store = store;
    }

    @GetMapping
    List<Feedback> list(@RequestParam String model, @RequestParam(defaultValue = "100") int limit) {
        return store.feedback(model, Math.max(1, Math.min(limit, 1000)));
    }
}
