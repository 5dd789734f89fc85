package org.colorizevideo.dvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.CollectedFrames;
import org.colorizevideo.dvp.DvpSettings.Mode;
import org.colorizevideo.progress.Cancellation;
import org.junit.jupiter.api.Test;

/** The running mean of the network's weights over the last steps, which then writes the result. */
class WeightAverageTest {

    private static List<float[]> copy(List<NDArray> arrays) {
        List<float[]> values = new ArrayList<>();
        arrays.forEach(a -> values.add(a.toFloatArray()));
        return values;
    }

    /** After steps 1..3 the weights become the plain mean of the three states, computed here in double. */
    @Test
    void theWeightsBecomeTheMeanOfTheStatesAfterEachAddedStep() throws Exception {
        Random random = new Random(3);
        float[] input = new float[32 * 32];
        float[] target = new float[2 * 32 * 32];
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) random.nextGaussian() * 0.3f;
            input[i / 2] = random.nextFloat();
        }
        try (DvpNetwork net = new DvpNetwork(1, 2, false, 16, 32, 32, step -> 1e-3f, 1);
                WeightAverage average = net.weightAverage()) {
            List<NDArray> weights = net.parameterArrays();
            net.step(input, target, DvpNetwork.Phase.PLAIN); // not averaged
            List<List<float[]>> states = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                net.step(input, target, DvpNetwork.Phase.PLAIN);
                average.add();
                states.add(copy(weights));
            }
            assertEquals(3, average.count());
            float[] before = net.predict(input);
            average.apply();
            double worst = 0, moved = 0;
            for (int p = 0; p < weights.size(); p++) {
                float[] now = weights.get(p).toFloatArray();
                for (int i = 0; i < now.length; i++) {
                    double mean = ((double) states.get(0).get(p)[i] + states.get(1).get(p)[i] + states.get(2).get(p)[i]) / 3;
                    worst = Math.max(worst, Math.abs(now[i] - mean));
                    moved = Math.max(moved, Math.abs(now[i] - states.get(2).get(p)[i]));
                }
            }
            assertTrue(worst < 1e-7, "weights differ from the mean by " + worst);
            assertTrue(moved > 1e-4, "the mean is the last state (moved " + moved + "): the test would not see a fault");
            assertFalse(Arrays.equals(before, net.predict(input)), "the output did not change with the weights");
        }
    }

    @Test
    void nothingAddedLeavesTheWeightsAsTheyAre() throws Exception {
        try (DvpNetwork net = new DvpNetwork(1, 2, false, 16, 32, 32, step -> 1e-3f, 1);
                WeightAverage average = net.weightAverage()) {
            List<NDArray> weights = net.parameterArrays();
            List<float[]> before = copy(weights);
            average.apply();
            for (int p = 0; p < weights.size(); p++) {
                assertArrayEquals(before.get(p), weights.get(p).toFloatArray());
            }
        }
    }

    /** Averaging the last epoch changes the refined clip (the same seed otherwise gives the same frames). */
    @Test
    void averagingTheLastEpochWritesAnotherResult() throws Exception {
        DvpSettings last = new DvpSettings(Mode.FAST, 3, 1e-3, 16, 4, false, 0, 0.5, 0, 0);
        DvpSettings averaged = new DvpSettings(Mode.FAST, 3, 1e-3, 16, 4, false, 0, 0.5, 0, 1);
        CollectedFrames a = new CollectedFrames(), b = new CollectedFrames();
        new DeepVideoPrior(last, (d, t, m) -> { }, Cancellation.NEVER)
                .refine(DeepVideoPriorTest.CLIP.gray(), DeepVideoPriorTest.CLIP.processed(), a);
        new DeepVideoPrior(averaged, (d, t, m) -> { }, Cancellation.NEVER)
                .refine(DeepVideoPriorTest.CLIP.gray(), DeepVideoPriorTest.CLIP.processed(), b);
        assertTrue(b.committed);
        assertEquals(a.frames.size(), b.frames.size());
        assertFalse(Arrays.equals(a.frames.get(0), b.frames.get(0)));
    }

    @Test
    void moreAveragedEpochsThanTrainedOnesAreRefusedWithASentence() throws Exception {
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> new DvpSettings(Mode.FAST, 8, 1e-4, 16, 1, true, 5, 0.25, 0, 4).validated());
        assertEquals("average=4 is not allowed with epochs=8 and warmup=5; use 0 (the weights after the last step) to 3 "
                + "epochs.", e.getMessage());
        assertThrows(ColorizeException.class, () -> new DvpSettings(Mode.FAST, 8, 1e-4, 16, 1, false, 5, 0.25, 0, -1).validated());
        assertEquals(0, DvpSettings.faithful().average());
        assertEquals(0, DvpSettings.resolve(Mode.FAITHFUL, 8, 0, 0, 1, false, -1, 0, -1, -1).average());
        assertEquals(2, DvpSettings.resolve(Mode.FAITHFUL, 8, 0, 0, 1, false, -1, 0, -1, 2).average());
    }
}
