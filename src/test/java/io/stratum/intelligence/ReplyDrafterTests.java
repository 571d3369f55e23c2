package io.stratum.intelligence;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@ActiveProfiles("test")
class ReplyDrafterTests {

    @Autowired
    ReplyDrafter drafter;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void draftsATopicAppropriateReplyWithSimilarResolvedInquiries() {
        ReplyDrafter.DraftReply d = drafter.draft(
                "Hello, I see two identical charges of $49 on my credit card this month, please fix it", "billing");
        assertThat(d.reply()).containsIgnoringCase("charge");
        assertThat(d.similar()).hasSize(3);
        assertThat(d.similarity()).isBetween(0.3, 1.0);
        assertThat(d.source()).matches("(similar:.+|template:billing)");

        ReplyDrafter.DraftReply shipping = drafter.draft("ok so basically what is the weather like", "shipping");
        assertThat(shipping.source()).isEqualTo("template:shipping");
        assertThat(shipping.reply()).contains("Delivery team").contains("what is the weather like");
    }

    @Test
    void unknownTopicFallsBackToTheGeneralTemplate() {
        ReplyDrafter.DraftReply d = drafter.draft("Something unusual", "astrology");
        assertThat(d.source()).isEqualTo("template:general");
    }

    @Test
    void learnsFromRememberedReplies() {
        String inquiry = "My hamster chewed through the charging cable of the scooter you sold me, can I get a new cable?";
        String reply = "We will send a replacement scooter cable free of charge, hamster-proof sleeve included.";
        ReplyDrafter.DraftReply before = drafter.draft(
                "the hamster bit through my scooter charging cable, can you send a new cable?", "returns");
        assertThat(before.reply()).doesNotContain("hamster-proof");

        drafter.remember(inquiry, "returns", reply);

        ReplyDrafter.DraftReply after = drafter.draft(
                "the hamster bit through my scooter charging cable, can you send a new cable?", "returns");
        assertThat(after.source()).startsWith("similar:");
        assertThat(after.reply()).contains("hamster-proof sleeve");
        assertThat(after.similar().get(0)).contains("hamster");
        assertThatThrownBy(() -> drafter.remember("", "returns", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplyRememberedByAJobThatRollsBackIsNotReused() {
        String inquiry = "The parrot ate the remote control of the drone you sold me, do you sell a spare remote?";
        TransactionTemplate job = new TransactionTemplate(transactions);
        job.executeWithoutResult(status -> {
            drafter.remember(inquiry, "returns", "A spare drone remote is on its way, parrot-proof case included.");
            status.setRollbackOnly();
        });

        ReplyDrafter.DraftReply draft = drafter.draft(inquiry, "returns");
        assertThat(draft.reply()).doesNotContain("parrot-proof");
        assertThat(draft.similar()).noneMatch(s -> s.contains("parrot"));

        // Remembered by a job that commits, it is reused
        job.executeWithoutResult(status ->
                drafter.remember(inquiry, "returns", "A spare drone remote is on its way, parrot-proof case included."));
        assertThat(drafter.draft(inquiry, "returns").reply()).contains("parrot-proof");
    }
}
