package io.stratum.ingestion;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Every request that may change data (an inquiry or a document received, a task completed, a model promoted, in
 * Stratum's API, Camunda's REST API and its webapps alike) is answered only once its commits are on disk; see
 * {@link DurableAcknowledgements}. The response is held in a buffer large enough for such answers, so that none of it
 * reaches the client before the store.
 */
@Component
class DurableAcknowledgementFilter extends OncePerRequestFilter {

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int BUFFER = 64 * 1024;

    private final DurableAcknowledgements durable;

    DurableAcknowledgementFilter(DurableAcknowledgements durable) {
        this.durable = durable;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !durable.needed() || !CHANGING.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (response.getBufferSize() < BUFFER) {
            response.setBufferSize(BUFFER);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            durable.persist();
        }
    }
}
