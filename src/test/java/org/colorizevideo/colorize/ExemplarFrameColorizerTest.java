package org.colorizevideo.colorize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.colorizevideo.exemplar.Keyframes;
import org.colorizevideo.exemplar.ReferenceLoop;
import org.colorizevideo.metrics.RgbFrame;
import org.junit.jupiter.api.Test;

/**
 * The exemplar strategy in the frame loop: the loop restarts exactly where the keyframe changes, with
 * that keyframe, and the frames in between continue the recurrence.
 */
class ExemplarFrameColorizerTest {

    /** Paints each frame with its reference's first pixel and records restarts and frame counts since them. */
    private static final class RecordingLoop implements ReferenceLoop {
        final List<Integer> restartedWith = new ArrayList<>();
        int sinceRestart;
        int colour;

        @Override
        public void restart(RgbFrame reference) {
            colour = reference.pixels()[0];
            restartedWith.add(colour);
            sinceRestart = 0;
        }

        @Override
        public int[] next(float[] lStar, int width, int height) {
            int[] out = new int[width * height];
            java.util.Arrays.fill(out, colour);
            out[0] = sinceRestart++;
            return out;
        }
    }

    private static Keyframes.Keyframe key(int frame, int rgb) {
        return new Keyframes.Keyframe(frame, "k" + frame, () -> new RgbFrame(2, 2, new int[] {rgb, rgb, rgb, rgb}));
    }

    @Test
    void aClipWithTwoKeyframesFollowsTheSecondFromItsFrameOn() throws Exception {
        int n = 10, red = 0xc03020, blue = 0x2040c0;
        RecordingLoop loop = new RecordingLoop();
        ExemplarFrameColorizer c = new ExemplarFrameColorizer(Keyframes.of(List.of(key(0, red), key(n / 2, blue))), loop,
                new StageTimes());
        List<int[]> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.addAll(c.colorize(i, List.of(new float[4]), 2, 2));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i < n / 2 ? red : blue, frames.get(i)[1], "frame " + i);
            assertEquals(i < n / 2 ? i : i - n / 2, frames.get(i)[0], "frames since the restart at frame " + i);
        }
        assertEquals(List.of(red, blue), loop.restartedWith);
    }

    @Test
    void framesBeforeTheFirstKeyframeTakeItWithoutARestartWhenItComes() throws Exception {
        RecordingLoop loop = new RecordingLoop();
        ExemplarFrameColorizer c = new ExemplarFrameColorizer(Keyframes.of(List.of(key(3, 0x112233), key(6, 0x445566))), loop,
                new StageTimes());
        int[] colours = new int[8];
        for (int i = 0; i < 8; i++) {
            colours[i] = c.colorize(i, List.of(new float[4]), 2, 2).get(0)[1];
        }
        assertEquals(List.of(0x112233, 0x445566), loop.restartedWith);
        for (int i = 0; i < 8; i++) {
            assertEquals(i < 6 ? 0x112233 : 0x445566, colours[i], "frame " + i);
        }
        assertEquals(1, c.currentKeyframe());
    }
}
