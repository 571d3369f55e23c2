package io.stratum.orchestration;

/**
 * The one home for the predictive-maintenance process key, its element ids, message, error and variable names
 * ({@code processes/predictive-maintenance.bpmn}).
 */
public final class PredictiveMaintenanceProcess {

    public static final String KEY = "predictive-maintenance";
    public static final String RISK_REPORTED = "RiskReported";
    public static final String NO_FEASIBLE_PLAN = "NoFeasiblePlan";
    public static final String VISIT_PLAN_MODEL = "visit-plan";

    private PredictiveMaintenanceProcess() {
    }

    /** BPMN element ids. */
    public static final class Element {
        public static final String RISK_DETECTED = "Event_RiskDetected";
        public static final String ASSESS_RISK = "Task_AssessRisk";
        public static final String CRITICAL_GATEWAY = "Gateway_Critical";
        public static final String PLAN_URGENT_VISIT = "Task_PlanUrgentVisit";
        public static final String PLAN_VISIT = "Task_PlanVisit";
        public static final String NO_PLAN_URGENT = "Event_NoPlanUrgent";
        public static final String NO_PLAN = "Event_NoPlan";
        public static final String CONFIRM_VISIT = "ConfirmVisit";
        public static final String CONFIRMATION_OVERDUE = "Event_ConfirmationOverdue";
        public static final String ESCALATE_CONFIRMATION = "Task_EscalateConfirmation";
        public static final String CREATE_WORK_ORDER = "Task_CreateWorkOrder";
        public static final String NOTIFY_TECHNICIAN = "Task_NotifyTechnician";
        public static final String REPORT_VISIT_OUTCOME = "ReportVisitOutcome";
        public static final String RECORD_OUTCOME = "Task_RecordOutcome";
        public static final String CASE_CLOSED = "Event_CaseClosed";
        public static final String RISK_UPDATED = "Event_RiskUpdated";
        public static final String UPDATE_CASE = "Task_UpdateCase";

        private Element() {
        }
    }

    /** Process variable names. */
    public static final class Var {
        // set at start and on each correlated risk report (the latest reading)
        public static final String ASSET_ID = "assetId";
        public static final String ASSET_NAME = "assetName";
        public static final String CRITICALITY = "criticality";
        public static final String REQUIRED_SKILL = "requiredSkill";
        public static final String LAT = "lat";
        public static final String LON = "lon";
        public static final String PRODUCT_TYPE = "productType";
        public static final String READING_ID = "readingId";
        public static final String READING = "reading";
        public static final String FAILURE_PROBABILITY = "failureProbability";
        public static final String FAILURE_MODE = "failureMode";
        public static final String ANOMALY_SCORE = "anomalyScore";
        public static final String MODEL_VERSION = "modelVersion";
        // case
        public static final String MAX_FAILURE_PROBABILITY = "maxFailureProbability";
        public static final String RISK_REPORTS = "riskReports";
        public static final String CRITICAL = "critical";
        public static final String CONFIRM_WITHIN = "confirmWithin";
        public static final String VISIT_DEADLINE = "visitDeadline";
        // remaining-life forecast (absent when the asset sends no cycle sensors)
        public static final String REMAINING_LIFE_CYCLES = "remainingLifeCycles";
        public static final String FORECAST_FAILURE_AT = "forecastFailureAt";
        // plan (proposed = planner, working values = dispatcher's final word)
        public static final String PROPOSED_TECHNICIAN_ID = "proposedTechnicianId";
        public static final String PROPOSED_VISIT_START = "proposedVisitStart";
        public static final String TECHNICIAN_ID = "technicianId";
        public static final String VISIT_START = "visitStart";
        public static final String TRAVEL_KM = "travelKm";
        public static final String PLAN_NOTE = "planNote";
        public static final String CONFIRMED_BY = "confirmedBy";
        public static final String ESCALATED = "escalated";
        // action and outcome
        public static final String WORK_ORDER_ID = "workOrderId";
        public static final String FAULT_FOUND = "faultFound";
        public static final String REPORTED_MODE = "reportedMode";
        public static final String OUTCOME_NOTE = "outcomeNote";
        // activity-local input (camunda:inputParameter)
        public static final String IN_URGENT = "urgent";

        private Var() {
        }
    }
}
