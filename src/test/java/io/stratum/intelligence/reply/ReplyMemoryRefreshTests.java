package io.stratum.intelligence.reply;

import io.stratum.intelligence.text.EncoderModel;
import io.stratum.intelligence.text.SentenceEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes of a cluster share the reply memory's table but each searches its own index: what another node remembered
 * (here: rows written straight into the table, as that node's insert would) is drafted from after a refresh.
 */
@SpringBootTest
@ActiveProfiles("test")
class ReplyMemoryRefreshTests {

    @Autowired
    RetrievalReplyDrafter drafter;
    @Autowired
    SentenceEncoder encoder;
    @Autowired
    JdbcClient jdbc;

    final List<String> rows = new ArrayList<>();

    @AfterEach
    void forget() {
        rows.forEach(id -> jdbc.sql("DELETE FROM reply_memory WHERE id = ?").param(id).update());
        drafter.load();
    }

    @Test
    void aReplyRememberedOnAnotherNodeIsDraftedFromAfterARefresh() {
        String inquiry = "The hinge of the folding treadmill I ordered snapped on the second day, can I get a new one?";
        drafter.refresh();
        int before = drafter.size();
        String id = insertAsAnotherNode(inquiry, encoder.embed(inquiry), encoder.form().id(), now());

        assertThat(drafter.draft(inquiry, "returns").source()).isNotEqualTo("similar:" + id);
        drafter.refresh();
        assertThat(drafter.draft(inquiry, "returns").source()).isEqualTo("similar:" + id);
        drafter.refresh();
        assertThat(drafter.size()).isEqualTo(before + 1);
    }

    @Test
    void aRowCommittedLateWithAnEarlierTimeIsFoundToo() {
        String first = "My order of garden chairs came with one chair missing, please send the last one.";
        String late = "The shipping box of the bird feeder was torn open and the feeder is gone, what now?";
        insertAsAnotherNode(first, encoder.embed(first), encoder.form().id(), now());
        drafter.refresh();
        int before = drafter.size();
        // Inserted two minutes ago by a job that committed only now: older than the newest row already seen
        String id = insertAsAnotherNode(late, encoder.embed(late), encoder.form().id(), now().minusMinutes(2));

        drafter.refresh();
        assertThat(drafter.size()).isEqualTo(before + 1);
        assertThat(drafter.draft(late, "returns").source()).isEqualTo("similar:" + id);
    }

    @Test
    void aRowOfAnotherEncoderIsEmbeddedForThisIndexAndLeftAsItsNodeWroteIt() {
        String inquiry = "Our office printer subscription renewed although we cancelled it in writing last month.";
        EncoderModel other = Arrays.stream(EncoderModel.values()).filter(f -> f != encoder.form()).findFirst()
                .orElseThrow();
        float[] foreign = new float[SentenceEncoder.DIMENSION];
        foreign[0] = -1; // a vector from another space: compared as it is, it would match nothing
        String id = insertAsAnotherNode(inquiry, foreign, other.id(), now());

        drafter.refresh();
        assertThat(drafter.draft(inquiry, "returns").source()).isEqualTo("similar:" + id);
        assertThat(jdbc.sql("SELECT encoder FROM reply_memory WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo(other.id());
    }

    @Test
    void whatThisNodeRememberedIsNotAddedTwice() {
        String inquiry = "The blender lid I received does not fit the jug, it seems to be for another model.";
        drafter.refresh();
        int before = drafter.size();
        drafter.remember(inquiry, "returns", "We are sending you the lid for your blender model today.");
        jdbc.sql("SELECT id FROM reply_memory WHERE inquiry = ?").param(inquiry).query(String.class).list()
                .forEach(rows::add);

        drafter.refresh();
        assertThat(drafter.size()).isEqualTo(before + 1);
        assertThat(drafter.draft(inquiry, "returns").similar()).hasSizeLessThanOrEqualTo(3)
                .doesNotHaveDuplicates();
    }

    private String insertAsAnotherNode(String inquiry, float[] vector, String encoderId, OffsetDateTime createdAt) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO reply_memory (id, topic, inquiry, reply, embedding, encoder, source, created_at) "
                        + "VALUES (?, 'returns', ?, ?, ?, ?, 'remembered', ?)")
                .params(id, inquiry, "Reply written on another node for: " + inquiry,
                        RetrievalReplyDrafter.encode(vector), encoderId, createdAt).update();
        rows.add(id);
        return id;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
