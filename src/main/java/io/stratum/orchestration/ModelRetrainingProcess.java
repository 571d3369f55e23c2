package io.stratum.orchestration;

/** Key, element ids and variables of {@code processes/model-retraining.bpmn}. */
public final class ModelRetrainingProcess {

    public static final String KEY = "model-retraining";
    public static final String MESSAGE_REQUESTED = "RetrainingRequested";
    public static final String APPROVAL_FORM = "Form_ApproveModelPromotion";
    public static final String DECISION_APPROVE = "approve";

    private ModelRetrainingProcess() {
    }

    /** BPMN element ids. */
    public static final class Element {
        public static final String REQUESTED = "Event_RetrainingRequested";
        public static final String TRAIN_CHALLENGER = "Task_TrainChallenger";
        public static final String EVALUATE_MODELS = "Task_EvaluateModels";
        public static final String IS_BETTER = "Gateway_ChallengerBetter";
        public static final String APPROVE_PROMOTION = "ApproveModelPromotion";
        public static final String IS_APPROVED = "Gateway_Approved";
        public static final String PROMOTE_CHALLENGER = "Task_PromoteChallenger";
        public static final String CHALLENGER_PROMOTED = "Event_ChallengerPromoted";
        public static final String JOIN_ARCHIVE = "Gateway_JoinArchive";
        public static final String ARCHIVE_CHALLENGER = "Task_ArchiveChallenger";
        public static final String CHALLENGER_ARCHIVED = "Event_ChallengerArchived";

        private Element() {
        }
    }

    /** Process variables. */
    public static final class Var {
        public static final String MODEL = "model";
        public static final String REQUESTED_BY = "requestedBy";
        // Task_TrainChallenger
        public static final String CHALLENGER_VERSION = "challengerVersion";
        public static final String TRAINING_EXAMPLES = "trainingExamples";
        public static final String FEEDBACK_EXAMPLES = "feedbackExamples";
        public static final String HOLDOUT_FROM = "holdoutFrom";
        public static final String TRAINING_SECONDS = "trainingSeconds";
        // Task_EvaluateModels
        public static final String CHAMPION_VERSION = "championVersion";
        public static final String CHAMPION_ACCURACY = "championAccuracy";
        public static final String CHALLENGER_ACCURACY = "challengerAccuracy";
        public static final String HOLDOUT_SIZE = "holdoutSize";
        public static final String CHALLENGER_BETTER = "challengerBetter";
        public static final String VERDICT = "evaluationVerdict";
        public static final String CHAMPION_REPORT = "championReport";
        public static final String CHALLENGER_REPORT = "challengerReport";
        public static final String EVALUATION = "evaluation";
        public static final String BIAS_FLAGGED = "biasFlagged";
        // ApproveModelPromotion
        public static final String DECISION = "promotionDecision";
        public static final String COMMENT = "promotionComment";
        public static final String DECIDED_BY = "promotionDecidedBy";

        private Var() {
        }
    }
}
