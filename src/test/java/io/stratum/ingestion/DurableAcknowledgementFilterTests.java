package io.stratum.ingestion;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Changing requests are answered after the store, with the answer still in the buffer; reads are left alone. */
class DurableAcknowledgementFilterTests {

    private final List<String> events = new ArrayList<>();
    private final DurableAcknowledgements durable = mock(DurableAcknowledgements.class);
    private final DurableAcknowledgementFilter filter = new DurableAcknowledgementFilter(durable);

    DurableAcknowledgementFilterTests() {
        doAnswer(call -> events.add("store")).when(durable).persist();
    }

    @Test
    void aPostIsStoredAfterItsHandlerAndBeforeItsAnswerLeaves() throws Exception {
        when(durable.needed()).thenReturn(true);
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setBufferSize(8192);

        filter.doFilter(new MockHttpServletRequest("POST", "/api/inquiries"), response, (req, res) -> {
            res.getWriter().write("{\"inquiryId\":\"i-1\"}");
            events.add("handled, committed " + res.isCommitted());
        });

        assertThat(events).containsExactly("handled, committed false", "store");
        assertThat(response.getBufferSize()).isGreaterThanOrEqualTo(64 * 1024);
    }

    @Test
    void aFailingHandlerIsStoredToo() {
        when(durable.needed()).thenReturn(true);
        // The inbox row of an input refused later is kept as well.
        assertThatThrownBy(() -> filter.doFilter(
                new MockHttpServletRequest("PUT", "/engine-rest/task/1/complete"), new MockHttpServletResponse(),
                (req, res) -> {
                    throw new IllegalStateException("boom");
                })).hasMessage("boom");
        assertThat(events).containsExactly("store");
    }

    @Test
    void readsAndDatabasesThatNeedNoStoreAreLeftAlone() throws Exception {
        when(durable.needed()).thenReturn(true);
        filter.doFilter(new MockHttpServletRequest("GET", "/api/inquiries/1"), new MockHttpServletResponse(),
                (req, res) -> events.add("handled"));
        when(durable.needed()).thenReturn(false);
        filter.doFilter(new MockHttpServletRequest("POST", "/api/inquiries"), new MockHttpServletResponse(),
                (req, res) -> events.add("handled"));

        assertThat(events).containsExactly("handled", "handled");
    }
}
