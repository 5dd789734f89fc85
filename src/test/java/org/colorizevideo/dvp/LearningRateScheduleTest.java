package org.colorizevideo.dvp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.colorizevideo.dvp.DvpSettings.Mode;
import org.junit.jupiter.api.Test;

/** The learning-rate schedule of temporal refinement, and that DJL's Adam asks it with the step number. */
class LearningRateScheduleTest {

    @Test
    void constantThenLinearOverTheLastEpochs() {
        LearningRateSchedule s = new LearningRateSchedule(1e-4, 20, 5, 10); // 200 steps, the last 50 decay
        assertEquals(1e-4f, s.getNewValue(1));
        assertEquals(1e-4f, s.getNewValue(150));
        assertEquals(1e-4f * 50 / 51, s.getNewValue(151), 1e-12f);
        assertEquals(1e-4f * 26 / 51, s.getNewValue(175), 1e-12f);
        assertEquals(1e-4f / 51, s.getNewValue(200), 1e-12f);
        LearningRateSchedule constant = new LearningRateSchedule(3e-4, 4, 0, 7);
        for (int step = 1; step <= 28; step++) {
            assertEquals(3e-4f, constant.getNewValue(step));
        }
    }

    @Test
    void defaultsDecayTheLastFifthInFastModeOnly() throws Exception {
        assertEquals(5, DvpSettings.fast().decay());
        assertEquals(0, DvpSettings.faithful().decay());
        assertEquals(2, DvpSettings.resolve(Mode.FAST, 10, 0, 0, 1, false, -1, 0, -1).decay());
        assertEquals(25, DvpSettings.fast().epochs());
        assertEquals(0, DvpSettings.resolve(Mode.FAST, 8, 0, 0, 1, false, -1, 0, 0).decay());
        assertEquals(0, DvpSettings.resolve(Mode.FAITHFUL, 8, 0, 0, 1, false, -1, 0, -1).decay());
        assertEquals(3, DvpSettings.resolve(Mode.FAITHFUL, 8, 0, 0, 1, false, -1, 0, 3).decay());
    }

    @Test
    void adamAsksForStepsOneToNInOrder() throws Exception {
        List<Integer> asked = new ArrayList<>();
        Tracker recording = step -> {
            asked.add(step);
            return 1e-4f;
        };
        java.util.Random random = new java.util.Random(7);
        float[] input = new float[32 * 32];
        float[] target = new float[2 * 32 * 32];
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) random.nextGaussian() * 0.1f;
            input[i / 2] = random.nextFloat();
        }
        try (DvpNetwork net = new DvpNetwork(1, 2, false, 16, 32, 32, recording, 1)) {
            for (int k = 0; k < 3; k++) {
                net.step(input, target, DvpNetwork.Phase.PLAIN);
            }
        }
        // once per parameter and step: every parameter sees 1, then 2, then 3
        int perStep = asked.size() / 3;
        assertEquals(3 * perStep, asked.size());
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < perStep; j++) {
                assertEquals(k + 1, asked.get(k * perStep + j), "call " + (k * perStep + j));
            }
        }
    }
}
