package io.stratum.intelligence.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic (seeded) generator of customer-support inquiries, each labelled with a topic and an urgency,
 * from the project's own {@link PhraseBook}. Variation: template choice, slot fillers, one or two body
 * sentences, urgency sentence before or after, greetings/closings, lower-casing, dropped punctuation and typos,
 * so a model trained on it does not learn the templates' surface.
 */
public final class SupportInquiryGenerator {

    /** Bumped whenever the generation logic changes (part of the bootstrap cache key). */
    public static final int VERSION = 1;

    public static final List<String> URGENCIES = List.of("low", "normal", "high", "critical");
    private static final double[] URGENCY_SHARE = {0.22, 0.33, 0.25, 0.20};
    private static final Pattern SLOT = Pattern.compile("\\{([a-z]+)}");

    /** One generated inquiry. {@code intent} is the finer {@code topic/intent} the template came from. */
    public record Example(String text, String topic, String urgency, String intent) {
    }

    private final PhraseBook book;

    public SupportInquiryGenerator(PhraseBook book) {
        this.book = book;
    }

    public List<Example> generate(int count, long seed) {
        Random random = new Random(seed);
        Map<String, List<String>> intents = book.intents();
        List<String> topics = book.topics();
        List<Example> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String topic = topics.get(i % topics.size()); // balanced topics
            List<String> topicIntents = intents.keySet().stream().filter(k -> k.startsWith(topic + "/")).toList();
            String intent = pick(topicIntents, random);
            String urgency = pickUrgency(random);
            out.add(new Example(compose(intents.get(intent), urgency, random), topic, urgency, intent));
        }
        return out;
    }

    private String compose(List<String> templates, String urgency, Random random) {
        List<String> parts = new ArrayList<>();
        if (random.nextDouble() < 0.45) {
            parts.add(pick(book.block("greeting"), random));
        }
        String body = fill(pick(templates, random), random);
        if (random.nextDouble() < 0.25) { // a second sentence on the same matter makes longer messages
            body = body + " " + fill(pick(templates, random), random);
        }
        String cue = urgencyCue(urgency, random);
        boolean cueFirst = cue != null && random.nextDouble() < 0.3;
        if (cueFirst) {
            parts.add(cue);
        }
        parts.add(body);
        if (cue != null && !cueFirst) {
            parts.add(cue);
        }
        if (random.nextDouble() < 0.4) {
            parts.add(pick(book.block("closing"), random));
        }
        return noise(String.join(" ", parts), random);
    }

    private String urgencyCue(String urgency, Random random) {
        if (urgency.equals("normal") && random.nextDouble() < 0.5) {
            return null; // most ordinary requests say nothing about urgency
        }
        String cue = pick(book.block("urgency/" + urgency), random);
        if (urgency.equals("critical") && random.nextDouble() < 0.3) {
            cue = cue + " " + pick(book.block("urgency/critical"), random);
        }
        return cue;
    }

    private String fill(String template, Random random) {
        Matcher m = SLOT.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            List<String> fillers = book.slots().get(m.group(1));
            String value = fillers == null ? m.group() : pick(fillers, random);
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        String s = sb.toString();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String noise(String text, Random random) {
        String s = text;
        if (random.nextDouble() < 0.15) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (random.nextDouble() < 0.1) {
            s = s.replaceAll("[.,!?]", "");
        }
        if (random.nextDouble() < 0.3) {
            s = typos(s, random);
        }
        return s.replaceAll("\\s+", " ").strip();
    }

    /** Swaps two neighbouring letters or drops one in a few longer words. */
    private static String typos(String s, Random random) {
        String[] words = s.split(" ");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.length() < 5 || random.nextDouble() > 0.08) {
                continue;
            }
            int p = 1 + random.nextInt(w.length() - 3);
            words[i] = random.nextBoolean()
                    ? w.substring(0, p) + w.charAt(p + 1) + w.charAt(p) + w.substring(p + 2)
                    : w.substring(0, p) + w.substring(p + 1);
        }
        return String.join(" ", words);
    }

    private static String pickUrgency(Random random) {
        double r = random.nextDouble();
        for (int i = 0; i < URGENCY_SHARE.length; i++) {
            r -= URGENCY_SHARE[i];
            if (r < 0) {
                return URGENCIES.get(i);
            }
        }
        return URGENCIES.get(URGENCIES.size() - 1);
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }
}
