package io.stratum.governance;

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

    AuditController(DecisionLog log) {
        this.log = log;
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
