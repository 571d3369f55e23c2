package io.stratum.intelligence.reply;

import io.stratum.intelligence.text.EncoderModel;
import io.stratum.intelligence.text.SentenceEncoder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The reply memory never compares vectors of two encoders: rows another encoder embedded are embedded again. */
@SpringBootTest
@ActiveProfiles("test")
class ReplyMemoryEncoderTests {

    @Autowired
    RetrievalReplyDrafter drafter;
    @Autowired
    SentenceEncoder encoder;
    @Autowired
    JdbcClient jdbc;

    @Test
    void rowsOfAnotherEncoderAreEmbeddedAgainAtStart() {
        String id = UUID.randomUUID().toString();
        String inquiry = "The left pedal of the rowing machine I returned came back with a squeak, can you take it again?";
        // As a row of the other encoder looks to this server: a vector from another space (here: a far-off one)
        EncoderModel other = Arrays.stream(EncoderModel.values()).filter(f -> f != encoder.form()).findFirst()
                .orElseThrow();
        float[] foreign = new float[SentenceEncoder.DIMENSION];
        foreign[0] = -1;
        jdbc.sql("INSERT INTO reply_memory (id, topic, inquiry, reply, embedding, encoder, source, created_at) "
                        + "VALUES (?, 'returns', ?, 'We collect the rowing machine again.', ?, ?, 'remembered', ?)")
                .params(id, inquiry, RetrievalReplyDrafter.encode(foreign), other.id(), OffsetDateTime.now()).update();
        try {
            drafter.load(); // what a start does
            assertThat(jdbc.sql("SELECT encoder FROM reply_memory WHERE id = ?").param(id).query(String.class)
                    .single()).isEqualTo(encoder.form().id());
            float[] stored = RetrievalReplyDrafter.decode(jdbc.sql("SELECT embedding FROM reply_memory WHERE id = ?")
                    .param(id).query(String.class).single());
            float[] fresh = encoder.embed(inquiry);
            double cosine = 0;
            for (int d = 0; d < fresh.length; d++) {
                cosine += stored[d] * fresh[d];
            }
            assertThat(cosine).isCloseTo(1.0, within(1e-4));
            assertThat(drafter.draft(inquiry, "returns").source()).isEqualTo("similar:" + id);
        } finally {
            jdbc.sql("DELETE FROM reply_memory WHERE id = ?").param(id).update();
            drafter.load();
        }
    }
}
