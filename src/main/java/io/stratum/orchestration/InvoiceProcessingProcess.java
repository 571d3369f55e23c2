package io.stratum.orchestration;

/**
 * The one home for the invoice-processing process key, its element ids, errors and variable names
 * ({@code processes/invoice-processing.bpmn}, {@code match-tolerance.dmn}, {@code invoice-approval.dmn}).
 */
public final class InvoiceProcessingProcess {

    public static final String KEY = "invoice-processing";
    /** The model name of invoice field extraction: its confidence threshold is configured under this name. */
    public static final String FIELDS_MODEL = "invoice-fields";
    public static final String DOCUMENT_UNREADABLE = "DocumentUnreadable";
    public static final String MATCH_TOLERANCE = "match-tolerance";
    public static final String INVOICE_APPROVAL = "invoice-approval";

    private InvoiceProcessingProcess() {
    }

    /** {@code approvedBy} of an invoice the approval table approved by itself. */
    public static final String NO_TOUCH_APPROVER = "no-touch rule";

    /** The readable end state of an instance, in {@code outcome}. */
    public static final class Outcome {
        public static final String PAID = "PAID";
        public static final String REJECTED = "REJECTED";
        public static final String DUPLICATE = "DUPLICATE";
        public static final String UNREADABLE = "UNREADABLE";

        private Outcome() {
        }
    }

    /** BPMN element ids. */
    public static final class Element {
        public static final String RECEIVED = "Event_InvoiceReceived";
        public static final String EXTRACT = "Task_ExtractInvoice";
        public static final String UNREADABLE = "Event_DocumentUnreadable";
        public static final String SEND_UNREADABLE_NOTICE = "Task_SendUnreadableNotice";
        public static final String ENDED_UNREADABLE = "Event_InvoiceUnreadable";
        public static final String VERIFY = "VerifyInvoice";
        public static final String REMEMBER = "Task_RememberCorrections";
        public static final String CHECK_DUPLICATE = "Task_CheckDuplicate";
        public static final String SEND_DUPLICATE_NOTICE = "Task_SendDuplicateNotice";
        public static final String ENDED_DUPLICATE = "Event_InvoiceDuplicate";
        public static final String MATCH_ORDER = "Task_MatchPurchaseOrder";
        public static final String CHECK_TOLERANCE = "Task_CheckTolerance";
        public static final String RESOLVE = "ResolveDiscrepancy";
        public static final String CHECK_PAYEE = "Task_CheckPayee";
        public static final String CONVERT_TOTAL = "Task_ConvertTotal";
        public static final String DECIDE_APPROVERS = "Task_DecideApprovers";
        public static final String NO_TOUCH = "Gateway_NoTouch";
        public static final String APPROVE_AUTOMATICALLY = "Task_ApproveAutomatically";
        public static final String APPROVE = "ApproveInvoice";
        public static final String SEND_REJECTION_NOTICE = "Task_SendRejectionNotice";
        public static final String ENDED_REJECTED = "Event_InvoiceRejected";
        public static final String SCHEDULE_PAYMENT = "Task_SchedulePayment";
        public static final String PAYMENT_DATE_REACHED = "Event_PaymentDate";
        public static final String EXECUTE_PAYMENT = "Task_ExecutePayment";
        public static final String SEND_REMITTANCE = "Task_SendRemittanceNotice";
        public static final String ENDED_PAID = "Event_InvoicePaid";

        private Element() {
        }
    }

    /** Process variable names. */
    public static final class Var {
        public static final String DOCUMENT_ID = "documentId";
        public static final String DOCUMENT_LINK = "documentLink";
        // extraction: the decision as one JSON variable, plus the working values the verify form edits
        public static final String INVOICE = "invoice";
        public static final String CONFIDENT_SUFFIX = "Confident";
        public static final String UNSURE_SUFFIX = "UnsureFields";
        public static final String CONFIDENCE_TEXT_SUFFIX = "ConfidenceText";
        public static final String UNREADABLE_REASON = "unreadableReason";
        public static final String INVOICE_NUMBER = "invoiceNumber";
        public static final String ISSUE_DATE = "issueDate";
        public static final String DUE_DATE = "dueDate";
        public static final String SELLER_NAME = "sellerName";
        public static final String SELLER_VAT_ID = "sellerVatId";
        public static final String SELLER_IBAN = "sellerIban";
        public static final String SELLER_EMAIL = "sellerEmail";
        /** The supplier e-mail of the matched purchase order. */
        public static final String SUPPLIER_EMAIL = "supplierEmail";
        /** Where the last notice to the seller went, and why there ({@code purchase-order}, {@code invoice}...). */
        public static final String SELLER_NOTICE_TO = "sellerNoticeTo";
        public static final String BUYER_NAME = "buyerName";
        public static final String PURCHASE_ORDER_REF = "purchaseOrderRef";
        public static final String CURRENCY = "currency";
        public static final String NET_AMOUNT = "netAmount";
        public static final String TAX_AMOUNT = "taxAmount";
        public static final String TOTAL = "total";
        public static final String PAYMENT_TERMS = "paymentTerms";
        public static final String DISCOUNT_PERCENT = "discountPercent";
        public static final String DISCOUNT_DAYS = "discountDays";
        /** Line items, a JSON array the verify form's dynamic list edits. */
        public static final String INVOICE_LINES = "invoiceLines";
        // verification
        public static final String VERIFY_NOTE = "verifyNote";
        public static final String VERIFIED_BY = "verifiedBy";
        // duplicate check and match
        public static final String DUPLICATE_OF = "duplicateOf";
        public static final String ORDER_FOUND = "orderFound";
        public static final String MAX_PRICE_DEVIATION = "maxPriceDeviation";
        public static final String MAX_QUANTITY_EXCESS = "maxQuantityExcess";
        public static final String AMOUNT_DEVIATION = "amountDeviation";
        public static final String UNMATCHED_LINES = "unmatchedLines";
        public static final String MATCH_FINDINGS = "matchFindings";
        public static final String COST_CENTRE = "costCentre";
        public static final String WITHIN_TOLERANCE = "withinTolerance";
        public static final String TOLERANCE_NOTE = "toleranceNote";
        public static final String DISCREPANCY_DECISION = "discrepancyDecision";
        public static final String DISCREPANCY_NOTE = "discrepancyNote";
        public static final String RESOLVED_BY = "resolvedBy";
        // bank details: trusted when this seller was paid to the same IBAN before
        public static final String BANK_DETAILS_TRUSTED = "bankDetailsTrusted";
        /** For the approver: new bank details, or the IBAN paid last time and the new one; null when trusted. */
        public static final String BANK_DETAILS_WARNING = "bankDetailsWarning";
        public static final String LAST_PAID_IBAN = "lastPaidIban";
        // the total in the base currency the approval limits are in (configured exchange rates)
        public static final String TOTAL_IN_BASE_CURRENCY = "totalInBaseCurrency";
        public static final String BASE_CURRENCY = "baseCurrency";
        public static final String EXCHANGE_RATE = "exchangeRate";
        public static final String EXCHANGE_RATE_KNOWN = "exchangeRateKnown";
        /** For the approver: why the total could not be converted; null when it was. */
        public static final String CURRENCY_WARNING = "currencyWarning";
        // approval
        public static final String APPROVER_GROUP = "approverGroup";
        public static final String FOUR_EYES = "fourEyes";
        public static final String AUTO_APPROVED = "autoApproved";
        public static final String APPROVAL_NOTE = "approvalNote";
        public static final String APPROVAL_DECISION = "approvalDecision";
        public static final String APPROVAL_COMMENT = "approvalComment";
        public static final String APPROVED_BY = "approvedBy";
        public static final String INVOICE_REJECTED = "invoiceRejected";
        public static final String REJECTED_BY = "rejectedBy";
        public static final String REJECTION_REASON = "rejectionReason";
        // payment
        public static final String PAYMENT_ID = "paymentId";
        public static final String PAYMENT_DATE = "paymentDate";
        public static final String PAYMENT_DUE = "paymentDue";
        public static final String PAYMENT_AMOUNT = "paymentAmount";
        public static final String PAYMENT_DISCOUNT = "paymentDiscount";
        public static final String PAYMENT_MESSAGE_ID = "paymentMessageId";
        public static final String PAYMENT_END_TO_END_ID = "paymentEndToEndId";
        public static final String LEDGER_ENTRY_ID = "ledgerEntryId";
        // how it ended
        public static final String OUTCOME = "outcome";
        public static final String OUTCOME_MESSAGE = "outcomeMessage";
        // activity-local inputs (camunda:inputParameter)
        public static final String IN_RESULT_VARIABLE = "resultVariable";
        public static final String IN_NOTICE = "notice";

        private Var() {
        }
    }
}
