package io.stratum.intelligence;

import java.util.List;

/**
 * Drafts a reply to an inquiry from the most similar resolved inquiries and the reply templates of its topic,
 * and learns from replies that people sent.
 */
public interface ReplyDrafter {

    DraftReply draft(String text, String topic);

    /** Adds a resolved inquiry (its text, final topic and the reply that was sent) to the retrieval memory. */
    void remember(String text, String topic, String reply);

    /**
     * @param reply      the drafted reply text
     * @param source     "template:&lt;id&gt;" or "similar:&lt;id&gt;" — where the draft came from
     * @param similarity cosine similarity of the best retrieved neighbour in [0,1] (0 when none)
     * @param similar    short excerpts of the most similar resolved inquiries, best first
     */
    record DraftReply(String reply, String source, double similarity, List<String> similar) {
    }
}
