package io.stratum.learning;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bulk import of training examples: the body is CSV ({@code text/csv}) or JSON lines ({@code application/x-ndjson}),
 * read as a stream. {@code GET .../imports} shows running and finished imports with their counts.
 */
@RestController
@RequestMapping("/api/models/{name}")
class ExamplesController {

    private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final ExampleImporter importer;

    ExamplesController(ExampleImporter importer) {
        this.importer = importer;
    }

    @PostMapping(path = "/examples", consumes = {"text/csv", "text/plain", "application/x-ndjson",
            "application/jsonl", "application/json-lines"})
    ResponseEntity<ExampleImport> importExamples(@PathVariable String name, HttpServletRequest request,
                                                 Principal principal) throws IOException {
        if (!MODEL_NAME.matcher(name).matches()) {
            throw new MalformedExampleException(0, "model name must be lower-case letters, digits and '-'");
        }
        MediaType type = MediaType.parseMediaType(request.getContentType());
        ExampleImporter.Format format = "csv".equals(type.getSubtype()) || "plain".equals(type.getSubtype())
                ? ExampleImporter.Format.CSV : ExampleImporter.Format.JSON_LINES;
        ExampleImport result = importer.importExamples(name, format, request.getInputStream(),
                principal == null ? null : principal.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(result);
    }

    @GetMapping("/imports")
    List<ExampleImport> imports(@PathVariable String name) {
        return importer.imports(name);
    }

    @ExceptionHandler(MalformedExampleException.class)
    ProblemDetail malformed(MalformedExampleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getMessage() + ". Nothing was imported.");
        problem.setTitle("Malformed example");
        problem.setProperty("line", e.line());
        return problem;
    }
}
