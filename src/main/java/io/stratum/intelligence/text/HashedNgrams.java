package io.stratum.intelligence.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Hashed n-gram TF-IDF features: word unigrams + bigrams and character 3–5-grams inside word boundaries,
 * hashed into {@code 2^bits} buckets, sublinear tf (1 + ln tf), smoothed idf, L2-normalised.
 * Hashing needs no vocabulary, so unseen words at serving time still land in buckets learnt from their
 * character n-grams (typos, inflections). Immutable and thread-safe once built.
 */
public final class HashedNgrams {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final int bits;
    private final float[] idf;

    private HashedNgrams(int bits, float[] idf) {
        this.bits = bits;
        this.idf = idf;
    }

    public static HashedNgrams fit(List<String> texts, int bits) {
        int buckets = 1 << bits;
        int[] df = new int[buckets];
        for (String text : texts) {
            Map<Integer, Integer> counts = rawCounts(text, bits, null);
            counts.keySet().forEach(b -> df[b]++);
        }
        float[] idf = new float[buckets];
        int n = texts.size();
        for (int b = 0; b < buckets; b++) {
            idf[b] = (float) (Math.log((1.0 + n) / (1.0 + df[b])) + 1.0);
        }
        return new HashedNgrams(bits, idf);
    }

    public static HashedNgrams of(int bits, float[] idf) {
        if (idf.length != 1 << bits) {
            throw new IllegalArgumentException("idf table has " + idf.length + " entries, expected 2^" + bits);
        }
        return new HashedNgrams(bits, idf);
    }

    public int bits() {
        return bits;
    }

    public int dimension() {
        return 1 << bits;
    }

    public float[] idf() {
        return idf.clone();
    }

    public SparseVector transform(String text) {
        Map<Integer, Integer> counts = rawCounts(text, bits, null);
        int[] idx = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        float[] val = new float[idx.length];
        double norm = 0;
        for (int i = 0; i < idx.length; i++) {
            double v = (1.0 + Math.log(counts.get(idx[i]))) * idf[idx[i]];
            val[i] = (float) v;
            norm += v * v;
        }
        if (norm > 0) {
            float inv = (float) (1.0 / Math.sqrt(norm));
            for (int i = 0; i < val.length; i++) {
                val[i] *= inv;
            }
        }
        return new SparseVector(idx, val);
    }

    /** The word n-grams of a text with their buckets, for explanations (char n-grams are not shown to people). */
    public List<Map.Entry<String, Integer>> wordNgrams(String text) {
        List<Map.Entry<String, Integer>> out = new ArrayList<>();
        rawCounts(text, bits, (gram, bucket) -> out.add(Map.entry(gram, bucket)));
        return out;
    }

    static String normalise(String text) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD);
        s = MARKS.matcher(s).replaceAll("");
        return s.toLowerCase(Locale.ROOT);
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        var m = TOKEN.matcher(normalise(text));
        while (m.find()) {
            String t = m.group();
            // Numbers carry little topic signal but vary endlessly: fold them to their shape.
            out.add(t.chars().allMatch(Character::isDigit) ? "0".repeat(Math.min(t.length(), 4)) : t);
        }
        return out;
    }

    private static Map<Integer, Integer> rawCounts(String text, int bits, BiConsumer<String, Integer> wordGrams) {
        int mask = (1 << bits) - 1;
        Map<Integer, Integer> counts = new HashMap<>();
        List<String> tokens = tokens(text);
        for (int i = 0; i < tokens.size(); i++) {
            String w = tokens.get(i);
            int b = hash("w:", w) & mask;
            counts.merge(b, 1, Integer::sum);
            if (wordGrams != null) {
                wordGrams.accept(w, b);
            }
            if (i + 1 < tokens.size()) {
                String bi = w + " " + tokens.get(i + 1);
                int bb = hash("b:", bi) & mask;
                counts.merge(bb, 1, Integer::sum);
                if (wordGrams != null) {
                    wordGrams.accept(bi, bb);
                }
            }
            String padded = " " + w + " ";
            for (int n = 3; n <= 5; n++) {
                for (int s = 0; s + n <= padded.length(); s++) {
                    counts.merge(hash("c:", padded.substring(s, s + n)) & mask, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** 32-bit FNV-1a over prefix + gram; the prefix keeps word, bigram and char grams in separate hash spaces. */
    static int hash(String prefix, String gram) {
        int h = 0x811c9dc5;
        for (int i = 0; i < prefix.length(); i++) {
            h = (h ^ prefix.charAt(i)) * 0x01000193;
        }
        for (int i = 0; i < gram.length(); i++) {
            h = (h ^ gram.charAt(i)) * 0x01000193;
        }
        // final avalanche so low bits (the bucket) depend on every character
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    @Override
    public String toString() {
        return "HashedNgrams[2^" + bits + ", idf " + Arrays.hashCode(idf) + "]";
    }
}
