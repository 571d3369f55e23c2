package io.stratum.orchestration;

/**
 * The one home for the support-triage process key, its BPMN element ids and its variable names
 * ({@code processes/support-triage.bpmn}).
 */
public final class SupportTriageProcess {

    public static final String KEY = "support-triage";
    public static final String PRIORITY_DECISION = "support-priority";
    public static final String ROUTING_DECISION = "support-routing";
    public static final String REVIEW_FORM = "Form_ReviewTriage";
    public static final String CLASSIFICATION_FAILED = "ClassificationFailed";

    private SupportTriageProcess() {
    }

    /** BPMN element ids. */
    public static final class Element {
        public static final String INQUIRY_RECEIVED = "Event_InquiryReceived";
        public static final String LOAD_CUSTOMER = "Task_LoadCustomer";
        public static final String CLASSIFY = "SubProcess_Classify";
        public static final String CLASSIFY_TOPIC = "Task_ClassifyTopic";
        public static final String CLASSIFY_URGENCY = "Task_ClassifyUrgency";
        public static final String CLASSIFICATION_FAILED = "Event_ClassificationFailed";
        public static final String DECIDE_PRIORITY = "Task_DecidePriority";
        public static final String DRAFT_REPLY = "Task_DraftReply";
        public static final String CONFIDENT = "Gateway_Confident";
        public static final String PREPARE_REVIEW = "Task_PrepareReview";
        public static final String REVIEW_TRIAGE = "ReviewTriage";
        public static final String REVIEW_SLA_BREACHED = "Event_ReviewSlaBreached";
        public static final String ESCALATE_REVIEW = "Task_EscalateReview";
        public static final String REVIEW_ESCALATED = "Event_ReviewEscalated";
        public static final String RECOMPUTE_PRIORITY = "Task_RecomputePriority";
        public static final String REMEMBER_REPLY = "Task_RememberReply";
        public static final String CREATE_TICKET = "Task_CreateTicket";
        public static final String SEND_ACKNOWLEDGEMENT = "Task_SendAcknowledgement";
        public static final String INQUIRY_TRIAGED = "Event_InquiryTriaged";

        private Element() {
        }
    }

    /** Process variable names. */
    public static final class Var {
        // set at start (InquiryWorkflow)
        public static final String INQUIRY_ID = "inquiryId";
        public static final String CHANNEL = "channel";
        public static final String FROM = "from";
        public static final String SUBJECT = "subject";
        public static final String BODY = "body";
        public static final String CUSTOMER_ID = "customerId";
        // Task_LoadCustomer
        public static final String CUSTOMER_NAME = "customerName";
        public static final String CUSTOMER_TIER = "customerTier";
        public static final String CONTRACT_VALUE = "contractValue";
        // classification (result variables chosen in the BPMN; suffixes added by ClassifyTextDelegate)
        public static final String TOPIC_DECISION = "topicDecision";
        public static final String URGENCY_DECISION = "urgencyDecision";
        public static final String LABEL_SUFFIX = "Label";
        public static final String CONFIDENCE_SUFFIX = "Confidence";
        public static final String CONFIDENT_SUFFIX = "Confident";
        /** True when a confident decision was sent to review at random (calibration's unbiased sample); absent otherwise. */
        public static final String SPOT_CHECK_SUFFIX = "SpotCheck";
        public static final String AI_FAILED = "aiFailed";
        public static final String AI_FAILED_MESSAGE = "aiFailedMessage";
        // working values: AI proposal first, the reviewer's final word after review
        public static final String TOPIC = "topic";
        public static final String URGENCY = "urgency";
        public static final String REPLY = "reply";
        public static final String REPLY_SOURCE = "replySource";
        // DMN outputs
        public static final String PRIORITY = "priority";
        public static final String SLA_HOURS = "slaHours";
        public static final String TEAM = "team";
        // review
        public static final String REVIEW_SLA = "reviewSla";
        public static final String OVERRIDE_REASON = "overrideReason";
        public static final String REVIEWED_BY = "reviewedBy";
        public static final String PROPOSED_PREFIX = "proposed";
        // action
        public static final String TICKET_ID = "ticketId";
        public static final String DECIDED_BY = "decidedBy";
        public static final String ESCALATED = "escalated";
        // activity-local configuration (camunda:inputParameter)
        public static final String IN_MODEL = "model";
        public static final String IN_TEXT = "text";
        public static final String IN_RESULT_VARIABLE = "resultVariable";
        public static final String IN_REVIEWED_DECISIONS = "reviewedDecisions";

        private Var() {
        }
    }

    /** Status values reported to ingestion through InquiryProgress. */
    public static final class Status {
        public static final String CLASSIFIED = "CLASSIFIED";
        public static final String REVIEW = "REVIEW";
        public static final String TICKETED = "TICKETED";
        public static final String DONE = "DONE";

        private Status() {
        }
    }
}
