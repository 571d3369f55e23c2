package io.stratum.intelligence.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The written phrases behind the bootstrap data ({@code intelligence/bootstrap-inquiries.txt}): slot fillers,
 * inquiry templates per {@code topic/intent}, urgency sentences, politeness, and the reply agents sent per intent.
 */
public record PhraseBook(String source, Map<String, List<String>> slots, Map<String, List<String>> blocks) {

    public static final String RESOURCE = "/intelligence/bootstrap-inquiries.txt";

    public static PhraseBook load() {
        try (InputStream in = PhraseBook.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PhraseBook parse(String text) {
        Map<String, List<String>> slots = new LinkedHashMap<>();
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        List<String> current = null;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@")) {
                int eq = line.indexOf('=');
                slots.put(line.substring(1, eq).strip(),
                        Arrays.stream(line.substring(eq + 1).split("\\|")).map(String::strip).toList());
            } else if (line.startsWith("[") && line.endsWith("]")) {
                current = blocks.computeIfAbsent(line.substring(1, line.length() - 1), k -> new ArrayList<>());
            } else if (current != null) {
                current.add(line);
            }
        }
        return new PhraseBook(text, slots, blocks);
    }

    /** Inquiry template blocks: {@code topic/intent} → templates (excludes urgency, reply and politeness blocks). */
    public Map<String, List<String>> intents() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        blocks.forEach((k, v) -> {
            if (k.contains("/") && !k.startsWith("urgency/") && !k.startsWith("reply/")) {
                out.put(k, v);
            }
        });
        return out;
    }

    public List<String> topics() {
        return intents().keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().toList();
    }

    public List<String> block(String name) {
        return blocks.getOrDefault(name, List.of());
    }

    /** The reply an agent sent for an intent ({@code topic/intent}), or null. */
    public String reply(String intent) {
        List<String> r = block("reply/" + intent);
        return r.isEmpty() ? null : r.get(0);
    }
}
