package io.stratum.intelligence;

import io.stratum.intelligence.bootstrap.PhraseBook;
import io.stratum.intelligence.bootstrap.SupportInquiryGenerator;
import io.stratum.intelligence.bootstrap.SupportInquiryGenerator.Example;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SupportInquiryGeneratorTests {

    private final SupportInquiryGenerator generator = new SupportInquiryGenerator(PhraseBook.load());

    @Test
    void sameSeedGivesSameInquiries() {
        assertThat(generator.generate(500, 7)).isEqualTo(generator.generate(500, 7));
    }

    @Test
    void differentSeedGivesDifferentInquiries() {
        List<String> a = generator.generate(200, 7).stream().map(Example::text).toList();
        List<String> b = generator.generate(200, 8).stream().map(Example::text).toList();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void coversEveryTopicAndUrgencyWithFilledSlotsAndVariedWording() {
        List<Example> data = generator.generate(3000, 42);
        Map<String, Long> topics = data.stream().collect(Collectors.groupingBy(Example::topic, Collectors.counting()));
        assertThat(topics.keySet()).containsExactlyInAnyOrder("billing", "technical", "account", "shipping",
                "returns", "general");
        topics.values().forEach(n -> assertThat(n).isEqualTo(500));
        Map<String, Long> urgencies = data.stream().collect(Collectors.groupingBy(Example::urgency, Collectors.counting()));
        assertThat(urgencies.keySet()).containsExactlyInAnyOrderElementsOf(SupportInquiryGenerator.URGENCIES);
        urgencies.values().forEach(n -> assertThat(n).isGreaterThan(300));
        assertThat(data).allSatisfy(e -> assertThat(e.text()).doesNotContain("{").isNotBlank());
        // most texts are unique, and lengths vary
        Set<String> distinct = data.stream().map(Example::text).collect(Collectors.toSet());
        assertThat(distinct.size()).isGreaterThan(2700);
        Map<Integer, Long> lengthBands = data.stream()
                .collect(Collectors.groupingBy(e -> e.text().length() / 50, Collectors.counting()));
        assertThat(lengthBands.size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void everyIntentHasAWrittenReply() {
        PhraseBook book = PhraseBook.load();
        assertThat(book.intents().keySet()).allSatisfy(intent -> assertThat(book.reply(intent)).isNotBlank());
        assertThat(book.intents().keySet().stream().map(i -> i.substring(0, i.indexOf('/')))
                .collect(Collectors.toMap(Function.identity(), t -> 1, Integer::sum))).hasSize(6);
    }
}
