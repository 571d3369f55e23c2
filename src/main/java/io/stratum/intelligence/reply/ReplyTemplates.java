package io.stratum.intelligence.reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reply templates per topic ({@code intelligence/reply-templates.txt}) and how their placeholders are filled. */
public final class ReplyTemplates {

    static final String RESOURCE = "/intelligence/reply-templates.txt";
    static final String FALLBACK_TOPIC = "general";

    private record Topic(String team, String eta, List<String> templates) {
    }

    private final Map<String, Topic> topics;

    private ReplyTemplates(Map<String, Topic> topics) {
        this.topics = topics;
    }

    public static ReplyTemplates load() {
        try (InputStream in = ReplyTemplates.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            Map<String, Topic> topics = new LinkedHashMap<>();
            String name = null;
            String team = "";
            String eta = "";
            List<String> templates = new ArrayList<>();
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    if (name != null) {
                        topics.put(name, new Topic(team, eta, templates));
                    }
                    name = line.substring(1, line.length() - 1);
                    team = "";
                    eta = "";
                    templates = new ArrayList<>();
                } else if (line.startsWith("team:")) {
                    team = line.substring(5).strip();
                } else if (line.startsWith("eta:")) {
                    eta = line.substring(4).strip();
                } else {
                    templates.add(line);
                }
            }
            if (name != null) {
                topics.put(name, new Topic(team, eta, templates));
            }
            return new ReplyTemplates(topics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topic whose template is used: the given one when known, else {@value #FALLBACK_TOPIC}. */
    public String resolve(String topic) {
        return topic != null && topics.containsKey(topic) ? topic : FALLBACK_TOPIC;
    }

    /** Fills a template of the topic; the choice among a topic's templates is stable for the same inquiry. */
    public String fill(String topic, String inquiry) {
        Topic t = topics.get(resolve(topic));
        String template = t.templates().get(Math.floorMod(inquiry.hashCode(), t.templates().size()));
        return template.replace("{excerpt}", excerpt(inquiry, 80))
                .replace("{team}", t.team())
                .replace("{eta}", t.eta());
    }

    /** The start of a message, cut at a word boundary. */
    public static String excerpt(String text, int max) {
        String s = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (s.length() <= max) {
            return s;
        }
        int cut = s.lastIndexOf(' ', max);
        return s.substring(0, cut > max / 2 ? cut : max) + "…";
    }
}
