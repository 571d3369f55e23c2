package io.stratum.intelligence;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Read-only view of the model registry. */
@RestController
@RequestMapping("/api/models")
class ModelsController {

    record ModelSummary(String name, Integer championVersion, String status, Map<String, Object> metrics,
                        Instant createdAt, String kind) {
    }

    record ModelDetail(String name, Integer championVersion, List<ModelVersion> versions, String kind) {
    }

    private final ModelRegistry registry;

    ModelsController(ModelRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    List<ModelSummary> list() {
        return registry.names().stream().map(name -> {
            List<ModelVersion> versions = registry.versions(name);
            ModelVersion shown = versions.stream().filter(v -> ModelVersion.CHAMPION.equals(v.status())).findFirst()
                    .orElse(versions.get(versions.size() - 1));
            Integer champion = ModelVersion.CHAMPION.equals(shown.status()) ? shown.version() : null;
            return new ModelSummary(name, champion, shown.status(), shown.metrics(), shown.createdAt(),
                    registry.formatOf(name).kind());
        }).toList();
    }

    @GetMapping("/{name}")
    ModelDetail get(@PathVariable String name) {
        List<ModelVersion> versions = registry.versions(name);
        if (versions.isEmpty()) {
            throw new UnknownModelException(name);
        }
        Integer champion = versions.stream().filter(v -> ModelVersion.CHAMPION.equals(v.status()))
                .map(ModelVersion::version).findFirst().orElse(null);
        return new ModelDetail(name, champion, versions, registry.formatOf(name).kind());
    }

    @ExceptionHandler(UnknownModelException.class)
    ProblemDetail unknown(UnknownModelException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown model");
        return problem;
    }
}
