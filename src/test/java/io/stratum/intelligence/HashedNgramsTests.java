package io.stratum.intelligence;

import io.stratum.intelligence.text.HashedNgrams;
import io.stratum.intelligence.text.SparseVector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HashedNgramsTests {

    private final HashedNgrams features = HashedNgrams.fit(List.of(
            "I was charged twice for my plan",
            "my package has not arrived",
            "the app crashes on startup",
            "please refund my order",
            "where is my package"), 16);

    @Test
    void vectorsAreSparseSortedAndUnitLength() {
        SparseVector v = features.transform("Please refund the double charge on my card!");
        assertThat(v.size()).isBetween(20, 400);
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.indices()[i]).isGreaterThan(v.indices()[i - 1]);
        }
        assertThat(v.dot(v)).isCloseTo(1.0, within(1e-5));
        assertThat(v.indices()[0]).isGreaterThanOrEqualTo(0);
        assertThat(v.indices()[v.size() - 1]).isLessThan(1 << 16);
    }

    @Test
    void sameTextSameVectorAndCaseOrAccentsDoNotMatter() {
        SparseVector a = features.transform("Café REFUND please");
        SparseVector b = features.transform("cafe refund please");
        assertThat(a.indices()).isEqualTo(b.indices());
        assertThat(a.dot(b)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void characterNgramsMakeTyposStillSimilarButUnrelatedTextsNot() {
        SparseVector right = features.transform("subscription");
        SparseVector typo = features.transform("subscripton");
        SparseVector other = features.transform("startup");
        assertThat(right.dot(typo)).isGreaterThan(0.3);
        assertThat(right.dot(other)).isLessThan(0.05);
    }

    @Test
    void rareTermsWeighMoreThanCommonOnes() {
        SparseVector v = features.transform("my crashes");
        // "my" occurs in 3 of 5 fitted texts, "crashes" in 1: the rarer word gets the larger weight
        double wMy = weightOfWord(v, "my");
        double wCrashes = weightOfWord(v, "crashes");
        assertThat(wCrashes).isGreaterThan(wMy);
    }

    @Test
    void emptyTextGivesEmptyVector() {
        assertThat(features.transform("").size()).isZero();
        assertThat(features.transform("?!").size()).isZero();
    }

    private double weightOfWord(SparseVector v, String word) {
        int bucket = features.wordNgrams(word).get(0).getValue();
        int pos = java.util.Arrays.binarySearch(v.indices(), bucket);
        return pos < 0 ? 0 : v.values()[pos];
    }
}
