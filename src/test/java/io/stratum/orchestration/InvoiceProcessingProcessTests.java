package io.stratum.orchestration;

import io.stratum.action.Mailer;
import io.stratum.action.invoice.InvoiceRegister;
import io.stratum.action.payment.ExchangeRates;
import io.stratum.action.payment.ExecutedPayment;
import io.stratum.action.payment.PayeeHistory;
import io.stratum.action.payment.Payees;
import io.stratum.action.payment.Payees.PayeeCheck;
import io.stratum.action.payment.PaymentInstruction;
import io.stratum.action.payment.Payments;
import io.stratum.action.payment.ScheduledPayment;
import io.stratum.action.purchasing.InvoiceToMatch;
import io.stratum.action.purchasing.MatchReport;
import io.stratum.action.purchasing.PurchaseOrder;
import io.stratum.action.purchasing.PurchaseOrders;
import io.stratum.ingestion.document.Documents;
import io.stratum.ingestion.document.StoredDocument;
import io.stratum.intelligence.ConfidenceThresholds;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.DocumentReader;
import io.stratum.intelligence.document.UnreadableDocumentException;
import io.stratum.intelligence.invoice.InvoiceExtractor;
import io.stratum.intelligence.invoice.InvoiceFields;
import io.stratum.learning.Feedback;
import io.stratum.learning.RetrainingStore;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.stratum.orchestration.InvoiceProcessingProcess.Element.*;
import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The invoice-processing process on a real in-memory engine with its DMN tables and forms; the ports of the other
 * layers (inbox, reader, extractor, register, purchase orders, payments, mail, retraining store) are mocks. Every
 * path: straight through, unreadable, verify with corrections, duplicate, mismatch accepted and rejected, four-eyes
 * (same person refused), rejection by the approver, the payment timer, and a payment job retried after a crash.
 */
@Deployment(resources = {"processes/invoice-processing.bpmn", "processes/match-tolerance.dmn",
        "processes/invoice-approval.dmn", "forms/verify-invoice.form", "forms/resolve-discrepancy.form",
        "forms/approve-invoice.form"})
class InvoiceProcessingProcessTests {

    private static final Instant NOW = Instant.parse("2026-03-02T07:10:00Z");
    private static final String DOC = "doc-0001";
    private static final byte[] PDF = "%PDF-1.7 invoice".getBytes(StandardCharsets.US_ASCII);
    private static final LocalDate PAY_ON = LocalDate.of(2026, 3, 12);
    private static final String IBAN = "DE89370400440532013000";
    private static final String OLD_IBAN = "DE02120300000000202051";
    private static final String VAT = "DE123456789";
    /** As application.yaml ships them: base EUR, no rate for SEK. */
    private static final ExchangeRates RATES = new ExchangeRates("EUR", Map.of("USD", new BigDecimal("0.86"),
            "GBP", new BigDecimal("1.14"), "CHF", new BigDecimal("1.07")));

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    ProcessEngine engine;
    final Documents documents = mock(Documents.class);
    final DocumentReader reader = mock(DocumentReader.class);
    final InvoiceExtractor extractor = mock(InvoiceExtractor.class);
    final ConfidenceThresholds thresholds = mock(ConfidenceThresholds.class);
    final InvoiceRegister register = mock(InvoiceRegister.class);
    final PurchaseOrders orders = mock(PurchaseOrders.class);
    final Payments payments = mock(Payments.class);
    final Payees payees = mock(Payees.class);
    final Mailer mailer = mock(Mailer.class);
    final RetrainingStore store = mock(RetrainingStore.class);
    final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    final InvoiceFlowSettings settings = new InvoiceFlowSettings(
            List.of("invoiceNumber", "issueDate", "sellerName", "sellerIban", "currency", "total"),
            "ap@example.com");
    final DocumentLayout layout = new DocumentLayout(List.of(), null);
    /** The bank behind the Payments mock: executed payments by id, each with its one ledger entry. */
    final Map<String, ExecutedPayment> bank = new HashMap<>();

    @BeforeEach
    void wire() {
        engine = extension.getProcessEngine();
        init(engine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        Mocks.register("extractInvoiceDelegate", new ExtractInvoiceDelegate(provider(Documents.class, documents),
                provider(DocumentReader.class, reader), provider(InvoiceExtractor.class, extractor),
                provider(ModelRegistry.class, null), thresholds, settings, events));
        Mocks.register("sendInvoiceNoticeDelegate", new SendInvoiceNoticeDelegate(mailer, settings));
        Mocks.register("verifyInvoiceListener", new VerifyInvoiceListener(store, settings, events));
        Mocks.register("rememberCorrectionsDelegate", new RememberCorrectionsDelegate(
                provider(Documents.class, documents), provider(DocumentReader.class, reader),
                provider(InvoiceExtractor.class, extractor)));
        Mocks.register("checkDuplicateDelegate", new CheckDuplicateDelegate(register));
        Mocks.register("matchPurchaseOrderDelegate", new MatchPurchaseOrderDelegate(
                provider(PurchaseOrders.class, orders)));
        Mocks.register("resolveDiscrepancyListener", new ResolveDiscrepancyListener());
        Mocks.register("approveInvoiceListener", new ApproveInvoiceListener());
        Mocks.register("checkPayeeDelegate", new CheckPayeeDelegate(provider(Payees.class, payees)));
        Mocks.register("convertTotalDelegate", new ConvertTotalDelegate(RATES));
        Mocks.register("approveAutomaticallyDelegate", new ApproveAutomaticallyDelegate());
        Mocks.register("schedulePaymentDelegate", new SchedulePaymentDelegate(provider(Payments.class, payments)));
        Mocks.register("executePaymentDelegate", new ExecutePaymentDelegate(provider(Payments.class, payments)));
        Mocks.register("sendRemittanceNoticeDelegate", new SendRemittanceNoticeDelegate(mailer, settings));

        when(thresholds.threshold(InvoiceProcessingProcess.FIELDS_MODEL)).thenReturn(0.9);
        when(documents.find(DOC)).thenReturn(Optional.of(new StoredDocument(DOC, "inv-0042.pdf", "application/pdf",
                PDF.length, "ab12", "email", "billing@acme.example", "STARTED", null, null, NOW)));
        when(documents.content(DOC)).thenReturn(PDF);
        when(reader.read(PDF, "application/pdf")).thenReturn(layout);
        when(register.register(anyString(), anyString(), any(), anyString(), any(), anyString(), anyString()))
                .thenReturn(Optional.empty());
        // ACME was paid to the invoice's IBAN before, unless a test says otherwise
        when(payees.check("ACME GmbH", VAT, IBAN)).thenReturn(new PayeeCheck(true, IBAN, null));
        when(payments.schedule(any())).thenAnswer(call -> {
            PaymentInstruction i = call.getArgument(0);
            return new ScheduledPayment("PAY-" + i.invoiceKey(), i.invoiceKey(), PAY_ON, i.amount(),
                    BigDecimal.ZERO, i.currency(), "SCHEDULED");
        });
        when(payments.execute(anyString())).thenAnswer(call -> {
            String id = call.getArgument(0);
            ExecutedPayment earlier = bank.get(id);
            if (earlier != null) {
                return new ExecutedPayment(id, earlier.messageId(), earlier.endToEndId(), earlier.ledgerEntryId(),
                        true);
            }
            ExecutedPayment paid = new ExecutedPayment(id, "MSG-" + bank.size(), "E2E-" + id, 100L + bank.size(),
                    false);
            bank.put(id, paid);
            return paid;
        });
    }

    @AfterEach
    void cleanUp() {
        Mocks.reset();
        ClockUtil.reset();
        reset();
    }

    @Test
    void aClearInvoiceWithoutOrderIsApprovedOnceAndPaidOnItsDate() {
        extracted(invoice(0.97, null, "800.00"));
        ProcessInstance pi = start();
        job(pi, EXTRACT);

        // The decision: one JSON variable with fields, confidence, model and decision id; logged as an AI decision
        String json = engine.getRuntimeService().getVariableTyped(pi.getId(), INVOICE, false).getValue().toString();
        assertThat(json).contains("\"model\":\"invoice-fields\"", "\"decisionId\":\"", "\"invoiceNumber\":0.97",
                "\"total\":800.0");
        assertThat(var(pi, "invoiceConfident")).isEqualTo(true);
        assertThat(var(pi, DOCUMENT_LINK)).isEqualTo("/api/documents/" + DOC + "/content");
        assertThat(var(pi, SELLER_EMAIL)).isEqualTo("billing@acme.example");
        ArgumentCaptor<Object> event = ArgumentCaptor.forClass(Object.class);
        verify(events).publishEvent(event.capture());
        assertThat(event.getValue()).isInstanceOfSatisfying(AiDecisionMade.class, e -> {
            assertThat(e.model()).isEqualTo("invoice-fields");
            assertThat(e.businessKey()).isEqualTo(DOC);
            assertThat(e.output()).contains("invoiceNumber=INV-0042", "total=800.00");
            assertThat(e.confidence()).isEqualTo(0.96); // the least sure required field, the issue date
            assertThat(e.inputFingerprint()).hasSize(64);
        });

        job(pi, CHECK_DUPLICATE);
        verify(register).register(DOC, "ACME GmbH", VAT, "INV-0042", new BigDecimal("800.00"), "EUR", pi.getId());
        assertThat(pi).hasPassed(DECIDE_APPROVERS).hasNotPassed(VERIFY, MATCH_ORDER).isWaitingAt(APPROVE);
        assertThat(pi).variables().containsEntry(APPROVER_GROUP, "approvers").containsEntry(FOUR_EYES, false);
        Task approval = task(pi);
        assertThat(engine.getTaskService().getIdentityLinksForTask(approval.getId()))
                .anyMatch(l -> "approvers".equals(l.getGroupId()));
        decide(pi, "approver", "approve", null);

        job(pi, SCHEDULE_PAYMENT);
        ArgumentCaptor<PaymentInstruction> instruction = ArgumentCaptor.forClass(PaymentInstruction.class);
        verify(payments).schedule(instruction.capture());
        assertThat(instruction.getValue()).satisfies(i -> {
            assertThat(i.invoiceKey()).isEqualTo(DOC);
            assertThat(i.creditorIban()).isEqualTo("DE89370400440532013000");
            assertThat(i.amount()).isEqualByComparingTo("800.00");
            assertThat(i.remittance()).isEqualTo("INV-0042");
            assertThat(i.discountPercent()).isEqualByComparingTo("2");
            assertThat(i.discountDays()).isEqualTo(10);
            assertThat(i.remittanceEmail()).isEqualTo("billing@acme.example");
        });

        // The timer waits for the execution date; executing it starts the payment
        assertThat(pi).isWaitingAt(PAYMENT_DATE_REACHED);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-03-12T00:00:00Z"));
        verify(payments, never()).execute(anyString());
        engine.getManagementService().executeJob(timer.getId());
        job(pi, EXECUTE_PAYMENT);
        job(pi, EXECUTE_PAYMENT); // the async continuation after the payment
        verify(payments).execute("PAY-" + DOC);
        verify(mailer).send(eq("remittance:" + DOC), eq("billing@acme.example"), contains("INV-0042"),
                contains("800.00 EUR on 2026-03-12"));
        assertThat(pi).hasPassed(SEND_REMITTANCE, ENDED_PAID).isEnded();
        assertThat(historic(pi, OUTCOME)).isEqualTo(InvoiceProcessingProcess.Outcome.PAID);
        assertThat(historic(pi, LEDGER_ENTRY_ID)).isEqualTo(100L);
    }

    @Test
    void anUnreadableDocumentEndsWithAReadableOutcome() {
        when(reader.read(PDF, "application/pdf")).thenThrow(new UnreadableDocumentException("the PDF is encrypted"));
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        assertThat(pi).hasPassed(UNREADABLE).isWaitingAt(SEND_UNREADABLE_NOTICE);
        job(pi, SEND_UNREADABLE_NOTICE);
        assertThat(pi).hasPassed(ENDED_UNREADABLE).isEnded();
        assertThat(historic(pi, OUTCOME)).isEqualTo(InvoiceProcessingProcess.Outcome.UNREADABLE);
        assertThat((String) historic(pi, OUTCOME_MESSAGE)).contains("inv-0042.pdf", "the PDF is encrypted");
        verify(mailer).send(eq("invoice-notice:" + DOC + ":unreadable"), eq("ap@example.com"), anyString(),
                contains("the PDF is encrypted"));
        verify(extractor, never()).extract(any());
    }

    @Test
    void aMalformedEmbeddedInvoiceXmlTakesTheSamePath() {
        when(extractor.extract(any())).thenThrow(new UnreadableDocumentException(
                "The embedded invoice XML's GrandTotalAmount '1.234,56' is not a number (EN 16931 writes 1234.56)"));
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        assertThat(pi).hasPassed(UNREADABLE).isWaitingAt(SEND_UNREADABLE_NOTICE);
        job(pi, SEND_UNREADABLE_NOTICE);
        assertThat(pi).hasPassed(ENDED_UNREADABLE).isEnded();
        assertThat((String) historic(pi, OUTCOME_MESSAGE)).contains("inv-0042.pdf", "GrandTotalAmount '1.234,56'");
    }

    @Test
    void aDocumentMissingFromTheInboxTakesTheSamePath() {
        when(documents.find(DOC)).thenReturn(Optional.empty());
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, SEND_UNREADABLE_NOTICE);
        assertThat(pi).hasPassed(ENDED_UNREADABLE).isEnded();
        assertThat((String) historic(pi, UNREADABLE_REASON)).contains("is not in the document inbox");
    }

    @Test
    void anUnsureTotalIsVerifiedCorrectedAndRemembered() {
        extracted(invoice(0.55, null, "1180.00"));
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        assertThat(pi).isWaitingAt(VERIFY);
        assertThat(var(pi, "invoiceUnsureFields")).isEqualTo("total");
        assertThat((String) var(pi, "invoiceConfidenceText")).contains("total 55 % (unsure)", "invoiceNumber 97 %");
        Task verify = task(pi);
        assertThat(engine.getTaskService().createTaskQuery().taskId(verify.getId()).initializeFormKeys()
                .singleResult().getCamundaFormRef().getKey()).isEqualTo("Form_VerifyInvoice");
        engine.getTaskService().claim(verify.getId(), "analyst");

        // A date that is no date is refused with the field's name; nothing is recorded
        assertThatThrownBy(() -> engine.getTaskService().complete(verify.getId(),
                Variables.createVariables().putValue(ISSUE_DATE, "2.3.2026")))
                .hasMessageContaining("issueDate: a date such as 2026-03-31");
        verify(store, never()).record(any());
        // The lines are a JSON list (the form's dynamic list): a line that cannot be read is refused by its number
        assertThat(engine.getRuntimeService().getVariableTyped(pi.getId(), INVOICE_LINES, false).getValue()
                .toString()).contains("\"description\":\"Widgets\"", "\"quantity\":10");
        assertThatThrownBy(() -> engine.getTaskService().complete(verify.getId(), Variables.createVariables()
                .putValue(INVOICE_LINES, "[{\"description\":\"Widgets\",\"quantity\":10,\"unitPrice\":99.16},"
                        + "{\"description\":\"Freight\",\"quantity\":\"one\",\"unitPrice\":12}]")))
                .hasMessageContaining("invoiceLines: line 2: the quantity 'one' is not a number");
        verify(store, never()).record(any());

        // The person corrects the total and the first line's quantity, adds a missed line (amount left to compute)
        // and leaves an empty row, which is dropped
        engine.getTaskService().complete(verify.getId(), Variables.createVariables().putValue(TOTAL, 1108.0)
                .putValue(SELLER_IBAN, "de89 3704 0044 0532 0130 00").putValue(BUYER_NAME, "")
                .putValue(INVOICE_LINES, org.camunda.spin.plugin.variable.SpinValues.jsonValue(
                        "[{\"description\":\"Widgets\",\"quantity\":9,\"unitPrice\":\"67,23\",\"amount\":605.07},"
                                + "{\"description\":\"Freight\",\"quantity\":1,\"unitPrice\":25.5},"
                                + "{\"description\":\"\",\"quantity\":null}]").create())
                .putValue(VERIFY_NOTE, "total misread"));
        ArgumentCaptor<Feedback> feedback = ArgumentCaptor.forClass(Feedback.class);
        // every field found or entered, confirmed ones too, and one per line
        verify(store, times(15)).record(feedback.capture());
        assertThat(feedback.getAllValues()).filteredOn(f -> f.input().endsWith("field=lines[1]")).singleElement()
                .satisfies(f -> {
                    assertThat(f.predicted()).isEqualTo("Widgets | 10 | 99.16 | 991.6");
                    assertThat(f.corrected()).isEqualTo("Widgets | 9 | 67.23 | 605.07");
                    assertThat(f.overridden()).isTrue();
                });
        assertThat(feedback.getAllValues()).filteredOn(f -> f.input().endsWith("field=lines[2]")).singleElement()
                .satisfies(f -> {
                    assertThat(f.predicted()).isNull();
                    assertThat(f.corrected()).isEqualTo("Freight | 1 | 25.5 | 25.5");
                });
        assertThat(engine.getRuntimeService().getVariableTyped(pi.getId(), INVOICE_LINES, false).getValue()
                .toString()).contains("{\"description\":\"Freight\",\"quantity\":1,\"unitPrice\":25.5,\"amount\":25.5}");
        Feedback total = feedback.getAllValues().stream().filter(f -> f.input().endsWith("field=total"))
                .findFirst().orElseThrow();
        assertThat(total.predicted()).isEqualTo("1180.00");
        assertThat(total.corrected()).isEqualTo("1108.00");
        assertThat(total.overridden()).isTrue();
        assertThat(total.actor()).isEqualTo("analyst");
        assertThat(total.reason()).isEqualTo("total misread");
        assertThat(total.model()).isEqualTo("invoice-fields");
        assertThat(total.source()).isEqualTo("invoice-processing/VerifyInvoice");
        assertThat(feedback.getAllValues()).filteredOn(f -> f.input().endsWith("field=buyerName"))
                .singleElement().satisfies(f -> assertThat(f.corrected()).isEmpty()); // emptied: "" (never null)
        assertThat(feedback.getAllValues()).filteredOn(f -> f.input().endsWith("field=sellerIban"))
                .allMatch(f -> !f.overridden()); // the same IBAN, only spaced
        ArgumentCaptor<Object> events = ArgumentCaptor.forClass(Object.class);
        verify(this.events, times(2)).publishEvent(events.capture());
        assertThat(events.getAllValues().get(1)).isInstanceOfSatisfying(AiDecisionReviewed.class, r -> {
            assertThat(r.proposed()).isEqualTo("buyerName=Stratum AG; total=1180.00; "
                    + "lines[1]=Widgets | 10 | 99.16 | 991.6; lines[2]=");
            assertThat(r.finalValue()).isEqualTo("buyerName=; total=1108.00; lines[1]=Widgets | 9 | 67.23 | 605.07; "
                    + "lines[2]=Freight | 1 | 25.5 | 25.5");
            assertThat(r.actor()).isEqualTo("analyst");
        });
        assertThat(var(pi, VERIFIED_BY)).isEqualTo("analyst");

        job(pi, REMEMBER);
        ArgumentCaptor<InvoiceFields> remembered = ArgumentCaptor.forClass(InvoiceFields.class);
        verify(extractor).remember(eq(layout), remembered.capture());
        assertThat(remembered.getValue().total()).isEqualByComparingTo("1108.00");
        assertThat(remembered.getValue().sellerIban()).isEqualTo("DE89370400440532013000");
        assertThat(remembered.getValue().lines()).extracting(InvoiceFields.LineItem::description)
                .containsExactly("Widgets", "Freight");
        job(pi, CHECK_DUPLICATE);
        verify(register).register(DOC, "ACME GmbH", VAT, "INV-0042", new BigDecimal("1108.00"), "EUR", pi.getId());
        assertThat(pi).isWaitingAt(APPROVE);
    }

    @Test
    void aMissingRequiredFieldMustBeFilledIn() {
        InvoiceFields f = invoice(0.97, null, "800.00");
        extracted(new InvoiceFields(f.invoiceNumber(), f.issueDate(), f.dueDate(), f.sellerName(), f.sellerVatId(),
                null, f.buyerName(), null, f.currency(), f.netAmount(), f.taxAmount(), f.total(), f.paymentTerms(),
                f.discount(), f.lines(), f.confidence(), "model"));
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        assertThat(pi).isWaitingAt(VERIFY);
        assertThat((String) var(pi, "invoiceConfidenceText")).contains("sellerIban missing");
        Task verify = task(pi);
        assertThatThrownBy(() -> engine.getTaskService().complete(verify.getId()))
                .hasMessageContaining("sellerIban: required");
    }

    @Test
    void aDuplicateIsNotPaidAgain() {
        extracted(invoice(0.97, null, "800.00"));
        when(register.register(anyString(), anyString(), any(), anyString(), any(), anyString(), anyString()))
                .thenReturn(Optional.of("doc-0000"));
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, CHECK_DUPLICATE);
        assertThat(pi).hasPassed(SEND_DUPLICATE_NOTICE, ENDED_DUPLICATE).hasNotPassed(APPROVE).isEnded();
        assertThat(historic(pi, OUTCOME)).isEqualTo(InvoiceProcessingProcess.Outcome.DUPLICATE);
        assertThat((String) historic(pi, OUTCOME_MESSAGE)).contains("INV-0042", "duplicates document doc-0000");
        verify(mailer).send(eq("invoice-notice:" + DOC + ":duplicate"), eq("ap@example.com"), anyString(),
                contains("not paid again"));
        verify(payments, never()).schedule(any());
    }

    @Test
    void aSmallInvoiceMatchedWithinToleranceIsApprovedByTheTableAndPaidWithoutAPerson() {
        // Given a sure invoice of 800.00 whose order and goods receipts match within tolerance, to an IBAN ACME was
        // paid to before
        extracted(invoice(0.97, "PO-7", "800.00"));
        matched(new MatchReport(true, new BigDecimal("0.01"), BigDecimal.ZERO, new BigDecimal("0.005"), 0,
                List.of()), "IT");
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, CHECK_DUPLICATE);
        job(pi, MATCH_ORDER);
        ArgumentCaptor<InvoiceToMatch> invoice = ArgumentCaptor.forClass(InvoiceToMatch.class);
        verify(orders).match(invoice.capture());
        assertThat(invoice.getValue().orderNumber()).isEqualTo("PO-7");
        assertThat(invoice.getValue().netAmount()).isEqualByComparingTo("672.27");
        assertThat(invoice.getValue().lines()).hasSize(1);

        // Then the approval table approves it by itself, recorded as such, and nobody gets a task
        assertThat(pi).hasPassed(CHECK_TOLERANCE, CHECK_PAYEE, DECIDE_APPROVERS, NO_TOUCH, APPROVE_AUTOMATICALLY)
                .hasNotPassed(RESOLVE, APPROVE).isWaitingAt(SCHEDULE_PAYMENT);
        verify(payees).check("ACME GmbH", VAT, IBAN);
        assertThat(pi).variables().containsEntry(WITHIN_TOLERANCE, true).containsEntry(COST_CENTRE, "IT")
                .containsEntry(BANK_DETAILS_TRUSTED, true).containsEntry(AUTO_APPROVED, true)
                .containsEntry(APPROVED_BY, InvoiceProcessingProcess.NO_TOUCH_APPROVER)
                .containsEntry(INVOICE_REJECTED, false);
        assertThat((String) var(pi, APPROVAL_NOTE)).contains("no-touch rule of invoice-approval", "order PO-7",
                "total 800.00 EUR", "cost centre IT", "IBAN " + IBAN + " already paid to this seller");
        assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(InvoiceProcessingProcess.INVOICE_APPROVAL).includeOutputs().singleResult()
                .getOutputs()).anyMatch(o -> "autoApproved".equals(o.getVariableName())
                && Boolean.TRUE.equals(o.getValue()));
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isZero();

        // And it is paid on its date like any approved invoice
        job(pi, SCHEDULE_PAYMENT);
        job(pi, PAYMENT_DATE_REACHED);
        job(pi, EXECUTE_PAYMENT);
        job(pi, EXECUTE_PAYMENT);
        assertThat(pi).hasPassed(ENDED_PAID).isEnded();
        assertThat(historic(pi, OUTCOME)).isEqualTo(InvoiceProcessingProcess.Outcome.PAID);
        // The order's supplier e-mail comes before the address the invoice was mailed from
        verify(mailer).send(eq("remittance:" + DOC), eq("receivables@acme.example"), contains("INV-0042"),
                org.mockito.ArgumentMatchers.startsWith("Dear ACME GmbH"));
        assertThat(historic(pi, SELLER_NOTICE_TO)).isEqualTo("receivables@acme.example (purchase-order)");
    }

    @Test
    void theFirstInvoiceOfASellerGoesToAnApproverWithABankDetailsWarning() {
        // Given a small invoice matched within tolerance, but nothing was ever paid to this seller
        String warning = "Bank details not seen before for this seller: nothing was paid to ACME GmbH yet; check IBAN "
                + IBAN + " with the seller before approving";
        when(payees.check("ACME GmbH", VAT, IBAN)).thenReturn(new PayeeCheck(false, null, warning));
        ProcessInstance pi = untrustedSmallMatchedInvoice();

        // Then no no-touch: the approver gets the task and sees the warning, which stays in the decision trail
        assertThat(pi).variables().containsEntry(BANK_DETAILS_TRUSTED, false).containsEntry(BANK_DETAILS_WARNING,
                warning).containsEntry(AUTO_APPROVED, false).containsEntry(APPROVER_GROUP, "approvers");
        assertApprovalTableSaw(false);
        assertThat(approveFormText(pi)).contains("Warning", "bankDetailsWarning", "sellerIban");

        // And a person approving it lets it be paid as usual
        decide(pi, "approver", "approve", null);
        assertThat(pi).isWaitingAt(SCHEDULE_PAYMENT);
        assertThat(var(pi, APPROVED_BY)).isEqualTo("approver");
    }

    @Test
    void aChangedIbanGoesToAnApproverNamingTheOldAndTheNewOne() {
        String warning = "IBAN differs from the one paid last time: " + OLD_IBAN + " → " + IBAN
                + "; confirm the change with the seller through a known contact before approving";
        when(payees.check("ACME GmbH", VAT, IBAN)).thenReturn(new PayeeCheck(false, OLD_IBAN, warning));
        ProcessInstance pi = untrustedSmallMatchedInvoice();

        assertThat(pi).variables().containsEntry(BANK_DETAILS_TRUSTED, false).containsEntry(LAST_PAID_IBAN, OLD_IBAN)
                .containsEntry(AUTO_APPROVED, false);
        assertThat((String) var(pi, BANK_DETAILS_WARNING)).contains(OLD_IBAN + " → " + IBAN);
        assertApprovalTableSaw(false);

        // The approver may refuse to pay the new account
        decide(pi, "approver", "reject", "IBAN change not confirmed by ACME");
        assertThat(pi).hasNotPassed(SCHEDULE_PAYMENT).isWaitingAt(SEND_REJECTION_NOTICE);
        verify(payments, never()).schedule(any());
    }

    @Test
    void aRenamedSellerWithTheSameVatIdAndIbanStaysTrusted(@TempDir Path data) {
        // Given ACME (VAT id DE123456789) paid to IBAN before, in the real payment tables
        PayeeHistory history = new PayeeHistory(data);
        history.paid("doc-0000", "ACME GmbH", VAT, IBAN, true);
        Mocks.register("checkPayeeDelegate", new CheckPayeeDelegate(provider(Payees.class, history.payees())));

        // When it invoices under its new name with the same VAT id and IBAN
        ProcessInstance pi = smallMatchedInvoice(renamed(invoice(0.97, "PO-7", "800.00"), "ACME Holding GmbH", VAT));

        // Then the bank details are still trusted and no person is needed
        assertThat(pi).hasPassed(CHECK_PAYEE, NO_TOUCH, APPROVE_AUTOMATICALLY).hasNotPassed(APPROVE)
                .isWaitingAt(SCHEDULE_PAYMENT);
        assertThat(pi).variables().containsEntry(BANK_DETAILS_TRUSTED, true).containsEntry(AUTO_APPROVED, true);
        assertApprovalTableSaw(true);
    }

    @Test
    void anotherCompanyWithASimilarNameInheritsNoTrust(@TempDir Path data) {
        // Given ACME GmbH (VAT id DE123456789) paid to IBAN before
        PayeeHistory history = new PayeeHistory(data);
        history.paid("doc-0000", "ACME GmbH", VAT, IBAN, true);
        Mocks.register("checkPayeeDelegate", new CheckPayeeDelegate(provider(Payees.class, history.payees())));

        // When a company spelt the same but with another VAT id asks to be paid to that IBAN
        ProcessInstance pi = smallMatchedInvoice(renamed(invoice(0.97, "PO-7", "800.00"), "Acme GmbH",
                "DE987654321"));

        // Then a person approves it, warned that nothing was paid to this company yet
        assertThat(pi).hasPassed(CHECK_PAYEE, NO_TOUCH).hasNotPassed(APPROVE_AUTOMATICALLY).isWaitingAt(APPROVE);
        assertThat(pi).variables().containsEntry(BANK_DETAILS_TRUSTED, false).containsEntry(AUTO_APPROVED, false);
        assertThat((String) var(pi, BANK_DETAILS_WARNING)).startsWith("Bank details not seen before")
                .contains("VAT id DE987654321", IBAN);
        assertApprovalTableSaw(false);
    }

    private static InvoiceFields renamed(InvoiceFields f, String seller, String vat) {
        return new InvoiceFields(f.invoiceNumber(), f.issueDate(), f.dueDate(), seller, vat, f.sellerIban(),
                f.buyerName(), f.purchaseOrderRef(), f.currency(), f.netAmount(), f.taxAmount(), f.total(),
                f.paymentTerms(), f.discount(), f.lines(), f.confidence(), f.source());
    }

    private ProcessInstance smallMatchedInvoice(InvoiceFields fields) {
        extracted(fields);
        matched(new MatchReport(true, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of()), "IT");
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, CHECK_DUPLICATE);
        job(pi, MATCH_ORDER);
        return pi;
    }

    private ProcessInstance untrustedSmallMatchedInvoice() {
        extracted(invoice(0.97, "PO-7", "800.00"));
        matched(new MatchReport(true, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of()), "IT");
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, CHECK_DUPLICATE);
        job(pi, MATCH_ORDER);
        assertThat(pi).hasPassed(CHECK_TOLERANCE, CHECK_PAYEE, NO_TOUCH).hasNotPassed(APPROVE_AUTOMATICALLY)
                .isWaitingAt(APPROVE);
        assertThat(pi).variables().containsEntry(WITHIN_TOLERANCE, true);
        return pi;
    }

    /** The approval table's history records what it was told about the bank details. */
    private void assertApprovalTableSaw(boolean trusted) {
        assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(InvoiceProcessingProcess.INVOICE_APPROVAL).includeInputs().singleResult()
                .getInputs()).anyMatch(i -> "Bank details paid to this seller before".equals(i.getClauseName())
                && Boolean.valueOf(trusted).equals(i.getValue()));
    }

    private String approveFormText(ProcessInstance pi) {
        try (java.io.InputStream form = engine.getFormService().getDeployedTaskForm(task(pi).getId())) {
            return new String(form.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aMatchWithinToleranceAboveTheNoTouchLimitGoesToAnApprover() {
        extracted(invoice(0.97, "PO-7", "2380.00"));
        matched(new MatchReport(true, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of()), "IT");
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, CHECK_DUPLICATE);
        job(pi, MATCH_ORDER);
        assertThat(pi).hasPassed(CHECK_TOLERANCE, NO_TOUCH).hasNotPassed(RESOLVE, APPROVE_AUTOMATICALLY)
                .isWaitingAt(APPROVE);
        assertThat(pi).variables().containsEntry(WITHIN_TOLERANCE, true).containsEntry(AUTO_APPROVED, false)
                .containsEntry(APPROVER_GROUP, "approvers");
    }

    @Test
    void theNoTouchLimitIsComparedInTheBaseCurrency() {
        // Given a matched invoice of 1,100.00 USD to a trusted IBAN: above 1,000 in its own currency, 946.00 EUR
        ProcessInstance usd = smallMatchedInvoice(inCurrency(invoice(0.97, "PO-7", "1100.00"), "USD"));

        // Then the table compares 946.00 EUR with the limit and approves it by itself, saying so
        assertThat(usd).hasPassed(CHECK_PAYEE, CONVERT_TOTAL, DECIDE_APPROVERS, APPROVE_AUTOMATICALLY)
                .hasNotPassed(APPROVE).isWaitingAt(SCHEDULE_PAYMENT);
        assertThat(usd).variables().containsEntry(TOTAL_IN_BASE_CURRENCY, 946.0).containsEntry(BASE_CURRENCY, "EUR")
                .containsEntry(EXCHANGE_RATE, 0.86).containsEntry(EXCHANGE_RATE_KNOWN, true)
                .containsEntry(AUTO_APPROVED, true);
        assertThat(var(usd, CURRENCY_WARNING)).isNull();
        assertThat((String) var(usd, APPROVAL_NOTE))
                .contains("total 1100.00 USD (946.00 EUR at the configured rate 0.86)");
        assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(InvoiceProcessingProcess.INVOICE_APPROVAL).processInstanceId(usd.getId())
                .includeInputs().singleResult().getInputs())
                .anyMatch(i -> "Invoice total in the base currency (stratum.exchange-rates.base-currency)".equals(i.getClauseName())
                        && Double.valueOf(946.0).equals(i.getValue()));
    }

    @Test
    void belowTheLimitInItsOwnCurrencyButAboveInTheBaseCurrencyGoesToAnApprover() {
        // Given 950.00 GBP (1,083.00 EUR), matched, to a trusted IBAN
        ProcessInstance gbp = smallMatchedInvoice(inCurrency(invoice(0.97, "PO-7", "950.00"), "GBP"));

        // Then it is above the no-touch limit: a person approves it, and the form shows the converted total
        assertThat(gbp).hasPassed(CONVERT_TOTAL, NO_TOUCH).hasNotPassed(APPROVE_AUTOMATICALLY).isWaitingAt(APPROVE);
        assertThat(gbp).variables().containsEntry(TOTAL_IN_BASE_CURRENCY, 1083.0).containsEntry(AUTO_APPROVED, false)
                .containsEntry(FOUR_EYES, false).containsEntry(APPROVER_GROUP, "approvers");
        assertThat(approveFormText(gbp)).contains("totalInBaseCurrency", "currencyWarning");
    }

    @Test
    void anInvoiceInACurrencyWithoutRateGoesToTwoApproversWithAReason() {
        // Given a small matched invoice to a trusted IBAN, in SEK, for which no exchange rate is configured
        ProcessInstance pi = smallMatchedInvoice(inCurrency(invoice(0.97, "PO-7", "500.00"), "SEK"));

        // Then it is not approved by the table: two approvers, and a warning that says why
        assertThat(pi).hasPassed(CONVERT_TOTAL, DECIDE_APPROVERS).hasNotPassed(APPROVE_AUTOMATICALLY)
                .isWaitingAt(APPROVE);
        assertThat(pi).variables().containsEntry(EXCHANGE_RATE_KNOWN, false).containsEntry(AUTO_APPROVED, false)
                .containsEntry(FOUR_EYES, true).containsEntry(APPROVER_GROUP, "approvers");
        assertThat(var(pi, TOTAL_IN_BASE_CURRENCY)).isNull();
        assertThat((String) var(pi, CURRENCY_WARNING)).isEqualTo("No exchange rate for SEK is configured"
                + " (stratum.exchange-rates.rates): the total 500.00 SEK cannot be compared with the approval limits"
                + " in EUR, so it is not approved without a person (four-eyes)");

        // And two different people approve it; then it is paid like any other
        decide(pi, "approver", "approve", null);
        decide(pi, "approver2", "approve", null);
        assertThat(pi).isWaitingAt(SCHEDULE_PAYMENT);
    }

    private static InvoiceFields inCurrency(InvoiceFields f, String currency) {
        return new InvoiceFields(f.invoiceNumber(), f.issueDate(), f.dueDate(), f.sellerName(), f.sellerVatId(),
                f.sellerIban(), f.buyerName(), f.purchaseOrderRef(), currency, f.netAmount(), f.taxAmount(), f.total(),
                f.paymentTerms(), f.discount(), f.lines(), f.confidence(), f.source());
    }

    @Test
    void aSmallMismatchAcceptedByAPersonStillNeedsAnApprover() {
        extracted(invoice(0.97, "PO-7", "800.00"));
        matched(new MatchReport(true, new BigDecimal("0.05"), BigDecimal.ZERO, BigDecimal.ZERO, 0,
                List.of("Line 1: unit price off")), "IT");
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, CHECK_DUPLICATE);
        job(pi, MATCH_ORDER);
        Task resolve = task(pi);
        engine.getTaskService().claim(resolve.getId(), "analyst");
        engine.getTaskService().complete(resolve.getId(), Variables.createVariables()
                .putValue(DISCREPANCY_DECISION, "accept").putValue(DISCREPANCY_NOTE, "agreed"));
        // No-touch is for automatic matches only: whoever accepted a discrepancy, an approver decides
        assertThat(pi).hasNotPassed(APPROVE_AUTOMATICALLY).isWaitingAt(APPROVE);
        assertThat(pi).variables().containsEntry(AUTO_APPROVED, false).containsEntry(FOUR_EYES, false);
    }

    @Test
    void anAcceptedMismatchGoesToFourEyesApprovalWhereTheSamePersonIsRefused() {
        extracted(invoice(0.97, "PO-7", "2380.00"));
        matched(new MatchReport(true, new BigDecimal("0.05"), BigDecimal.ZERO, new BigDecimal("0.05"), 0,
                List.of("Line 1: unit price 21.00 invoiced, 20.00 ordered (+5 %)")), "CAPEX");
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, CHECK_DUPLICATE);
        job(pi, MATCH_ORDER);
        assertThat(pi).isWaitingAt(RESOLVE);
        assertThat(pi).variables().containsEntry(WITHIN_TOLERANCE, false)
                .containsEntry(TOLERANCE_NOTE, "A unit price is more than 2 % off the order")
                .containsEntry(MATCH_FINDINGS, "Line 1: unit price 21.00 invoiced, 20.00 ordered (+5 %)");
        Task resolve = task(pi);
        assertThatThrownBy(() -> engine.getTaskService().complete(resolve.getId(),
                Variables.createVariables().putValue(DISCREPANCY_DECISION, "maybe")))
                .hasMessageContaining("discrepancyDecision: 'accept' or 'reject'");
        engine.getTaskService().claim(resolve.getId(), "analyst");
        engine.getTaskService().complete(resolve.getId(), Variables.createVariables()
                .putValue(DISCREPANCY_DECISION, "accept").putValue(DISCREPANCY_NOTE, "price rise agreed by phone"));

        // CAPEX from 1,000: four-eyes
        assertThat(pi).hasPassed(DECIDE_APPROVERS).isWaitingAt(APPROVE);
        assertThat(pi).variables().containsEntry(FOUR_EYES, true).containsEntry(RESOLVED_BY, "analyst")
                .containsEntry(AUTO_APPROVED, false);
        decide(pi, "approver", "approve", null);
        assertThat(pi).isWaitingAt(APPROVE);
        assertThat(var(pi, APPROVED_BY)).isEqualTo("approver");

        Task second = task(pi);
        engine.getTaskService().claim(second.getId(), "approver");
        assertThatThrownBy(() -> engine.getTaskService().complete(second.getId(),
                Variables.createVariables().putValue(APPROVAL_DECISION, "approve")))
                .hasMessageContaining("Four-eyes: approver has already approved this invoice");
        assertThat(pi).isWaitingAt(APPROVE);

        engine.getTaskService().setAssignee(second.getId(), "approver2");
        engine.getTaskService().complete(second.getId(),
                Variables.createVariables().putValue(APPROVAL_DECISION, "approve"));
        assertThat(pi).hasPassed(APPROVE).isWaitingAt(SCHEDULE_PAYMENT);
        assertThat(var(pi, APPROVED_BY)).isEqualTo("approver, approver2");
    }

    @Test
    void aRejectedMismatchIsNotPaid() {
        extracted(invoice(0.97, "PO-9", "800.00"));
        matched(new MatchReport(false, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0,
                List.of("No purchase order PO-9")), null);
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, CHECK_DUPLICATE);
        job(pi, MATCH_ORDER);
        assertThat(var(pi, TOLERANCE_NOTE)).isEqualTo("No purchase order with this number");
        Task resolve = task(pi);
        engine.getTaskService().claim(resolve.getId(), "analyst");
        assertThatThrownBy(() -> engine.getTaskService().complete(resolve.getId(),
                Variables.createVariables().putValue(DISCREPANCY_DECISION, "reject")))
                .hasMessageContaining("discrepancyNote");
        engine.getTaskService().complete(resolve.getId(), Variables.createVariables()
                .putValue(DISCREPANCY_DECISION, "reject").putValue(DISCREPANCY_NOTE, "we never ordered this"));
        assertThat(pi).hasNotPassed(DECIDE_APPROVERS).isWaitingAt(SEND_REJECTION_NOTICE);
        job(pi, SEND_REJECTION_NOTICE);
        assertThat(pi).hasPassed(ENDED_REJECTED).isEnded();
        assertThat(historic(pi, OUTCOME)).isEqualTo(InvoiceProcessingProcess.Outcome.REJECTED);
        verify(mailer).send(eq("invoice-notice:" + DOC + ":rejected"), eq("ap@example.com"), anyString(),
                contains("rejected by analyst: Purchase order mismatch: we never ordered this"));
        // The seller hears why, at the address its invoice came from (no order, so no supplier record)
        verify(mailer).send(eq("invoice-notice:" + DOC + ":rejected:seller"), eq("billing@acme.example"),
                eq("Invoice INV-0042 not accepted"), org.mockito.ArgumentMatchers.argThat(body ->
                        body.startsWith("Dear ACME GmbH") && body.contains("over 800.00 EUR")
                                && body.contains("Reason: Purchase order mismatch: we never ordered this")
                                && body.contains("quoting reference " + DOC)));
        assertThat(historic(pi, SELLER_NOTICE_TO)).isEqualTo("billing@acme.example (invoice)");
        verify(payments, never()).schedule(any());
    }

    @Test
    void anApproverRejectsTheInvoice() {
        uploaded();
        extracted(invoice(0.97, null, "12000.00"));
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, CHECK_DUPLICATE);
        assertThat(var(pi, FOUR_EYES)).isEqualTo(true); // above 10,000
        Task approval = task(pi);
        engine.getTaskService().claim(approval.getId(), "approver");
        assertThatThrownBy(() -> engine.getTaskService().complete(approval.getId(),
                Variables.createVariables().putValue(APPROVAL_DECISION, "reject")))
                .hasMessageContaining("approvalComment");
        decide(pi, "approver", "reject", "services not rendered");
        // A rejection ends the round: no second approval is asked for
        assertThat(pi).hasPassed(APPROVE).isWaitingAt(SEND_REJECTION_NOTICE);
        job(pi, SEND_REJECTION_NOTICE);
        assertThat(pi).hasPassed(ENDED_REJECTED).isEnded();
        assertThat((String) historic(pi, OUTCOME_MESSAGE)).contains("rejected by approver",
                "Not approved: services not rendered");
        // Uploaded, no order: the seller's address is unknown, accounts payable gets the seller's letter to forward
        verify(mailer).send(eq("invoice-notice:" + DOC + ":rejected:seller"), eq("ap@example.com"), anyString(),
                org.mockito.ArgumentMatchers.argThat(body -> body.startsWith("(Forward to the seller: no e-mail"
                        + " address of ACME GmbH is known, neither from a purchase order nor from the invoice's")
                        && body.contains("Reason: Not approved: services not rendered")));
        assertThat(historic(pi, SELLER_NOTICE_TO)).isEqualTo("ap@example.com (accounts-payable)");
    }

    @Test
    void aPaymentJobThatFailsAfterPayingIsRetriedAndPaysOnce() {
        // Given a node that crashes after the payment went out, before the job's transaction commits
        AtomicInteger attempts = new AtomicInteger();
        JavaDelegate real = new ExecutePaymentDelegate(provider(Payments.class, payments));
        Mocks.register("executePaymentDelegate", (JavaDelegate) execution -> {
            real.execute(execution);
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("node crashed after the payment went out");
            }
        });
        uploaded();
        extracted(invoice(0.97, null, "800.00"));
        ProcessInstance pi = start();
        job(pi, EXTRACT);
        job(pi, CHECK_DUPLICATE);
        decide(pi, "approver", "approve", null);
        job(pi, SCHEDULE_PAYMENT);
        job(pi, PAYMENT_DATE_REACHED);

        // When the payment job fails once and is retried
        Job payment = jobAt(pi, EXECUTE_PAYMENT);
        assertThatThrownBy(() -> engine.getManagementService().executeJob(payment.getId()))
                .hasMessageContaining("node crashed");
        Job retry = jobAt(pi, EXECUTE_PAYMENT);
        assertThat(retry.getRetries()).isEqualTo(4); // R5: four more tries
        assertThat(retry.getExceptionMessage()).contains("node crashed");
        assertThat(var(pi, PAYMENT_MESSAGE_ID)).isNull(); // the failed attempt's variables were rolled back
        engine.getManagementService().executeJob(retry.getId());
        job(pi, EXECUTE_PAYMENT);

        // Then the payment layer was asked twice, but one payment and one ledger entry exist
        verify(payments, times(2)).execute("PAY-" + DOC);
        assertThat(bank).hasSize(1);
        assertThat(historic(pi, PAYMENT_MESSAGE_ID)).isEqualTo("MSG-0");
        assertThat(historic(pi, LEDGER_ENTRY_ID)).isEqualTo(100L);
        verify(mailer, times(1)).send(eq("remittance:" + DOC), eq("ap@example.com"), anyString(),
                org.mockito.ArgumentMatchers.startsWith("(Forward to the seller"));
        assertThat(pi).isEnded();
    }

    // --- helpers

    private static InvoiceFields invoice(double totalConfidence, String orderRef, String total) {
        BigDecimal gross = new BigDecimal(total);
        BigDecimal net = gross.divide(new BigDecimal("1.19"), 2, java.math.RoundingMode.HALF_UP);
        Map<String, Double> confidence = new HashMap<>(Map.of("invoiceNumber", 0.97, "issueDate", 0.96,
                "dueDate", 0.95, "sellerName", 0.98, "sellerIban", 0.99, "currency", 0.99, "netAmount", 0.93,
                "taxAmount", 0.93, "total", totalConfidence, "buyerName", 0.9));
        if (orderRef != null) {
            confidence.put("purchaseOrderRef", 0.94);
        }
        return new InvoiceFields("INV-0042", LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 29), "ACME GmbH",
                VAT, IBAN, "Stratum AG", orderRef, "EUR", net, gross.subtract(net),
                gross, "2 % within 10 days, 30 days net", new InvoiceFields.Discount(new BigDecimal("2"), 10),
                List.of(new InvoiceFields.LineItem("Widgets", new BigDecimal("10"), net.divide(BigDecimal.TEN), net)),
                confidence, "model");
    }

    /** The document came by upload: no sender address. */
    private void uploaded() {
        when(documents.find(DOC)).thenReturn(Optional.of(new StoredDocument(DOC, "inv-0042.pdf", "application/pdf",
                PDF.length, "ab12", "upload", "analyst", "STARTED", null, null, NOW)));
    }

    private void extracted(InvoiceFields fields) {
        when(extractor.extract(layout)).thenReturn(fields);
    }

    private void matched(MatchReport report, String costCentre) {
        when(orders.match(any())).thenReturn(report);
        when(orders.find(anyString())).thenReturn(report.orderFound() ? Optional.of(new PurchaseOrder("PO-7",
                "ACME GmbH", "DE123456789", "EUR", costCentre, List.of(), "receivables@acme.example"))
                : Optional.empty());
    }

    private ProcessInstance start() {
        VariableMap vars = Variables.createVariables().putValue(DOCUMENT_ID, DOC);
        return engine.getRuntimeService().startProcessInstanceByKey(InvoiceProcessingProcess.KEY, DOC, vars);
    }

    private void decide(ProcessInstance pi, String user, String decision, String comment) {
        Task task = task(pi);
        engine.getTaskService().claim(task.getId(), user);
        engine.getTaskService().complete(task.getId(), Variables.createVariables()
                .putValue(APPROVAL_DECISION, decision).putValue(APPROVAL_COMMENT, comment));
    }

    private Task task(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private Job jobAt(ProcessInstance pi, String activityId) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(activityId).singleResult();
        assertThat(job).as("job at " + activityId).isNotNull();
        return job;
    }

    private void job(ProcessInstance pi, String activityId) {
        engine.getManagementService().executeJob(jobAt(pi, activityId).getId());
    }

    private Object var(ProcessInstance pi, String name) {
        return engine.getRuntimeService().getVariable(pi.getId(), name);
    }

    private Object historic(ProcessInstance pi, String name) {
        var v = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(name).singleResult();
        return v == null ? null : v.getValue();
    }

    @SuppressWarnings("unchecked")
    static <T> ObjectProvider<T> provider(Class<T> type, T bean) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (bean != null) {
            beans.addBean(type.getSimpleName(), bean);
        }
        return beans.getBeanProvider(type);
    }
}
