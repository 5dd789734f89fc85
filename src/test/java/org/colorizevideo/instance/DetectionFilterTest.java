package org.colorizevideo.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** InstColorization's selection: score threshold, then the top K by score, ties in detector order. */
class DetectionFilterTest {

    static Detection det(int label, float score) {
        return new Detection(label, "c" + label, score, label, 0, label + 10, 10);
    }

    @Test
    void defaultsAreInstColorizations() {
        DetectionFilter f = DetectionFilter.standard();
        assertEquals(0.7, f.threshold());
        assertEquals(8, f.maxInstances());
    }

    @Test
    void keepsScoresAtOrAboveTheThreshold() {
        List<Detection> in = List.of(det(1, 0.9f), det(2, 0.7f), det(3, 0.69999f), det(4, 0.2f), det(5, 0.75f));
        List<Detection> out = new DetectionFilter(0.7, 8).select(in);
        assertEquals(List.of(1, 5, 2), out.stream().map(Detection::label).toList());
        assertTrue(new DetectionFilter(0.95, 8).select(in).isEmpty());
        assertEquals(5, new DetectionFilter(0.0, 8).select(in).size());
    }

    @Test
    void keepsTheTopKByScoreWhateverTheInputOrder() {
        List<Detection> in = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            in.add(det(i + 1, 0.71f + 0.02f * ((i * 5) % 12)));   // a permutation of 12 distinct scores
        }
        List<Detection> out = new DetectionFilter(0.7, 8).select(in);
        assertEquals(8, out.size());
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i - 1).score() > out.get(i).score(), "not sorted: " + out);
        }
        float lowestKept = out.get(7).score();
        assertEquals(4, in.stream().filter(d -> d.score() < lowestKept).count());
        assertTrue(new DetectionFilter(0.7, 0).select(in).isEmpty());
        assertEquals(12, in.size(), "the input is not changed");
    }

    @Test
    void tiesKeepTheDetectorsOrder() {
        List<Detection> in = List.of(det(1, 0.8f), det(2, 0.9f), det(3, 0.8f), det(4, 0.8f), det(5, 0.8f));
        assertEquals(List.of(2, 1, 3, 4, 5), new DetectionFilter(0.7, 8).select(in).stream().map(Detection::label).toList());
        // a tie across the K-th place goes to the earlier detections
        assertEquals(List.of(2, 1, 3), new DetectionFilter(0.7, 3).select(in).stream().map(Detection::label).toList());
        List<Detection> reversed = new ArrayList<>(in);
        java.util.Collections.reverse(reversed);
        assertEquals(List.of(2, 5, 4), new DetectionFilter(0.7, 3).select(reversed).stream().map(Detection::label).toList());
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThrows(IllegalArgumentException.class, () -> new DetectionFilter(1.5, 8));
        assertThrows(IllegalArgumentException.class, () -> new DetectionFilter(Double.NaN, 8));
        assertThrows(IllegalArgumentException.class, () -> new DetectionFilter(0.7, -1));
    }
}
