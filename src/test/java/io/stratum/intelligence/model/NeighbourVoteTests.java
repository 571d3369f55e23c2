package io.stratum.intelligence.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NeighbourVoteTests {

    /** Unit vectors at the given angles (radians) in 2-D. */
    private static float[][] at(double... angles) {
        float[][] v = new float[angles.length][];
        for (int i = 0; i < angles.length; i++) {
            v[i] = new float[] {(float) Math.cos(angles[i]), (float) Math.sin(angles[i])};
        }
        return v;
    }

    @Test
    void closestExamplesDecideAndFarOnesBarelyCount() {
        // label 0 near angle 0, label 1 near angle pi/2, one stray label-1 example right next to the query
        float[][] memory = at(0.0, 0.05, 0.1, 0.15, 1.5, 1.55, 1.6, 0.01);
        int[] y = {0, 0, 0, 0, 1, 1, 1, 1};
        NeighbourVote vote = NeighbourVote.of(memory, y, new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        double[] logp = vote.logProbabilities(at(0.02)[0], 2);
        double p0 = Math.exp(logp[0]);
        double p1 = Math.exp(logp[1]);
        assertThat(p0 + p1).isCloseTo(1.0, within(1e-9));
        assertThat(p0).isGreaterThan(0.6); // four close label-0 examples outvote one closer stray
        assertThat(p1).isGreaterThan(0.1); // ...which still counts
        double[] far = vote.logProbabilities(at(1.52)[0], 2);
        assertThat(Math.exp(far[1])).isGreaterThan(0.99); // label-0 examples are ~90 degrees away: exp(-1/0.05) each
    }

    @Test
    void onlyTheChosenExamplesAreRemembered() {
        float[][] memory = at(0.0, 1.5);
        NeighbourVote vote = NeighbourVote.of(memory, new int[] {0, 1}, new int[] {1});
        assertThat(vote.labels()).containsExactly(1);
        assertThat(Math.exp(vote.logProbabilities(at(1.4)[0], 2)[1])).isGreaterThan(0.9);
        // right on the forgotten label-0 example: nothing similar is remembered, the vote is undecided
        assertThat(Math.exp(vote.logProbabilities(at(0.0)[0], 2)[0])).isCloseTo(0.5, within(0.01));
    }

    @Test
    void aThreadThatVotedDoesNotKeepARetiredModelsEmbeddings() throws InterruptedException {
        // A model with its own embeddings (a large memory, like a retrained model's) votes once on this thread
        float[][] memory = new float[20_000][];
        for (int i = 0; i < memory.length; i++) {
            memory[i] = new float[] {(float) Math.cos(i * 1e-4 + 0.3), (float) Math.sin(i * 1e-4 + 0.3)};
        }
        int[] all = java.util.stream.IntStream.range(0, memory.length).toArray();
        NeighbourVote retired = NeighbourVote.of(memory, new int[memory.length], all);
        retired.logProbabilities(at(0.3)[0], 2);
        java.lang.ref.WeakReference<float[]> embeddings = new java.lang.ref.WeakReference<>(retired.vectors());

        // The model is dropped (a newer version serves): nothing on this thread keeps its embeddings
        retired = null;
        memory = null;
        for (int i = 0; i < 50 && embeddings.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(embeddings.get()).isNull();
    }

    @Test
    void labelsWithoutNeighboursKeepAFiniteLogProbability() {
        NeighbourVote vote = NeighbourVote.of(at(0.0), new int[] {0}, new int[] {0});
        double[] logp = vote.logProbabilities(at(0.0)[0], 3);
        assertThat(java.util.Arrays.stream(logp).allMatch(Double::isFinite)).isTrue();
        assertThat(logp[0]).isGreaterThan(logp[1]);
        assertThat(logp[1]).isEqualTo(logp[2]);
    }

    @Test
    void modelsTrainedOnTheSameTextsShareTheSearchButVoteWithTheirOwnLabels() {
        // Given two models remembering the same embeddings (as topic and urgency do), with different labels
        float[][] memory = at(0.0, 0.05, 1.5, 1.55);
        NeighbourVote topic = NeighbourVote.of(memory, new int[] {0, 0, 1, 1}, new int[] {0, 1, 2, 3});
        NeighbourVote urgency = NeighbourVote.of(at(0.0, 0.05, 1.5, 1.55), new int[] {1, 1, 0, 0},
                new int[] {0, 1, 2, 3});
        NeighbourVote other = NeighbourVote.of(at(1.5, 1.55, 0.0, 0.05), new int[] {0, 0, 1, 1},
                new int[] {0, 1, 2, 3});

        // Then equal embeddings are kept once, different ones not
        assertThat(urgency.vectors()).isSameAs(topic.vectors());
        assertThat(other.vectors()).isNotSameAs(topic.vectors());

        // and one query (the same array, as the encoder's cache hands it out) gets each model's own answer
        float[] query = at(0.02)[0];
        assertThat(Math.exp(topic.logProbabilities(query, 2)[0])).isGreaterThan(0.99);
        assertThat(Math.exp(urgency.logProbabilities(query, 2)[1])).isGreaterThan(0.99);
        assertThat(Math.exp(other.logProbabilities(query, 2)[1])).isGreaterThan(0.99);
        assertThat(Math.exp(topic.logProbabilities(at(1.52)[0], 2)[1])).isGreaterThan(0.99);
    }
}
