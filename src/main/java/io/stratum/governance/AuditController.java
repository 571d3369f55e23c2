package io.stratum.governance;

import io.stratum.learning.bias.BiasReport;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The decision log for auditors and admins (access rule in {@link SecurityConfig}). */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final DecisionLog log;
    private final AuditBias bias;

    AuditController(DecisionLog log, AuditBias bias) {
        this.log = log;
        this.bias = bias;
    }

    /** Bias monitoring of a model's logged decisions (all versions, or one). */
    @GetMapping("/bias")
    BiasReport bias(@RequestParam String model, @RequestParam(required = false) Integer version) {
        return bias.report(model, version);
    }

    @GetMapping("/decisions")
    List<DecisionLog.Decision> decisions(@RequestParam String processInstanceId) {
        return log.decisions(processInstanceId);
    }

    @GetMapping("/models/{model}")
    List<DecisionLog.Entry> modelEvents(@PathVariable String model) {
        return log.modelEvents(model);
    }

    @GetMapping("/verify")
    DecisionLog.Verification verify() {
        return log.verify();
    }
}
