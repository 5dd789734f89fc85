package org.colorizevideo.dvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.CollectedFrames;
import org.colorizevideo.bench.FlickerClip;
import org.colorizevideo.color.Lab;
import org.colorizevideo.dvp.DvpSettings.Mode;
import org.colorizevideo.progress.CancelledException;
import org.colorizevideo.progress.Cancellation;
import org.junit.jupiter.api.Test;

/** The Deep Video Prior engine on tiny synthetic clips (a few steps of a narrow U-Net). */
class DeepVideoPriorTest {

    /** 5 frames of 44x30: neither side is a multiple of 32. */
    static final FlickerClip CLIP = new FlickerClip(5, 44, 30, 7, 8, 0.3);

    static DvpSettings tiny(Mode mode, boolean irt, int seed) {
        return new DvpSettings(mode, 2, 1e-3, 16, seed, irt, 1, mode == Mode.FAST ? 0.5 : 1.0, 0);
    }

    static CollectedFrames run(DvpSettings settings, List<Integer> epochsSeen) throws ColorizeException {
        CollectedFrames sink = new CollectedFrames();
        new DeepVideoPrior(settings, (done, total, message) -> {
            if (message.contains("epoch")) {
                epochsSeen.add(done);
            }
        }, Cancellation.NEVER).refine(CLIP.gray(), CLIP.processed(), sink);
        return sink;
    }

    @Test
    void sameSeedGivesTheSameOutputAndAnotherSeedAnother() throws Exception {
        CollectedFrames a = run(tiny(Mode.FAST, false, 11), new ArrayList<>());
        CollectedFrames b = run(tiny(Mode.FAST, false, 11), new ArrayList<>());
        CollectedFrames c = run(tiny(Mode.FAST, false, 12), new ArrayList<>());
        assertTrue(a.committed);
        assertEquals(CLIP.size(), a.frames.size());
        for (int i = 0; i < CLIP.size(); i++) {
            assertArrayEquals(a.frames.get(i), b.frames.get(i), "frame " + i);
        }
        assertFalse(Arrays.equals(a.frames.get(0), c.frames.get(0)));
    }

    @Test
    void faithfulModeWithIrtReportsEveryEpochAndKeepsTheFrameSize() throws Exception {
        List<Integer> epochs = new ArrayList<>();
        DvpSettings s = new DvpSettings(Mode.FAITHFUL, 3, 1e-3, 16, 3, true, 1, 1.0, 1);
        CollectedFrames f = run(s, epochs);
        assertEquals(List.of(1, 2, 3), epochs);
        assertEquals(CLIP.size(), f.frames.size());
        assertTrue(f.committed);
    }

    @Test
    void fastModeKeepsTheInputLuminance() throws Exception {
        CollectedFrames f = run(tiny(Mode.FAST, false, 5), new ArrayList<>());
        float[] l = CLIP.gray().luminance(2);
        int[] rgb = f.frames.get(2);
        double[] lab = new double[3];
        double worst = 0;
        for (int p = 0; p < rgb.length; p++) {
            Lab.rgbToLab(rgb[p], lab);
            worst = Math.max(worst, Math.abs(lab[0] - l[p]));
        }
        assertTrue(worst < 1.0, "L* moved by " + worst);
    }

    @Test
    void trainingLowersTheLoss() throws Exception {
        DeepVideoPrior.Summary s = new DeepVideoPrior(new DvpSettings(Mode.FAST, 4, 1e-3, 16, 1, false, 0, 0.5, 1),
                (d, t, m) -> { }, Cancellation.NEVER).refine(CLIP.gray(), CLIP.processed(), new CollectedFrames());
        double[] loss = s.epochLoss();
        assertTrue(loss[3] < loss[0], Arrays.toString(loss));
    }

    @Test
    void cancelDuringTrainingAbortsTheSink() {
        int[] checks = new int[1];
        CollectedFrames sink = new CollectedFrames();
        DeepVideoPrior dvp = new DeepVideoPrior(tiny(Mode.FAST, false, 1), (d, t, m) -> { },
                () -> ++checks[0] > 2 * CLIP.size() + 3); // after the cut search and reading, in the first epoch
        CancelledException e = assertThrows(CancelledException.class, () -> dvp.refine(CLIP.gray(), CLIP.processed(), sink));
        assertTrue(e.getMessage().contains("epoch 1 of 2"), e.getMessage());
        assertTrue(sink.aborted);
        assertFalse(sink.committed);
        assertTrue(sink.frames.isEmpty());
    }

    /** A NaN injected into one training target (epoch 2, frame 3) ends the run with a sentence and no output. */
    @Test
    void aNonFiniteLossStopsWithASentenceAndWritesNothing() {
        for (Mode mode : Mode.values()) {
            for (boolean irt : new boolean[] {false, true}) {
                DvpSettings s = new DvpSettings(mode, 3, 1e-3, 16, 1, irt, 1, mode == Mode.FAST ? 0.5 : 1.0, 0);
                CollectedFrames sink = new CollectedFrames();
                DeepVideoPrior dvp = new DeepVideoPrior(s, (d, t, m) -> { }, Cancellation.NEVER)
                        .withStepHook((epoch, frame, target) -> {
                            if (epoch == 2 && frame == 2) {
                                float[] poisoned = target.clone();
                                poisoned[poisoned.length / 2] = Float.NaN;
                                return poisoned;
                            }
                            return target;
                        });
                ColorizeException e = assertThrows(ColorizeException.class,
                        () -> dvp.refine(CLIP.gray(), CLIP.processed(), sink), mode + " irt=" + irt);
                assertTrue(e.getMessage().startsWith("Temporal refinement failed: the loss became NaN in epoch 2 of 3 at "
                        + "frame 3 of 5. Nothing was written."), e.getMessage());
                assertTrue(e.getMessage().contains("lower learning rate (e.g. lr=0.00025 instead of lr=0.001)"),
                        e.getMessage());
                assertTrue(sink.aborted, mode + " irt=" + irt);
                assertFalse(sink.committed);
                assertTrue(sink.frames.isEmpty());
            }
        }
    }

    @Test
    void aNonFiniteNetworkOutputIsNeverWritten() {
        DeepVideoPrior dvp = new DeepVideoPrior(tiny(Mode.FAST, false, 1), (d, t, m) -> { }, Cancellation.NEVER);
        assertDoesNotThrow(() -> dvp.requireFinite(new float[] {0f, -1f, 1e30f}, 0));
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            ColorizeException e = assertThrows(ColorizeException.class, () -> dvp.requireFinite(new float[] {0f, bad}, 6));
            assertTrue(e.getMessage().contains("output for frame 7 is not a finite number"), e.getMessage());
        }
    }

    @Test
    void mismatchedClipsAreRefusedBeforeTraining() {
        FlickerClip other = new FlickerClip(4, 44, 30, 7, 8, 0.3);
        ColorizeException e = assertThrows(ColorizeException.class, () -> new DeepVideoPrior(tiny(Mode.FAST, false, 1),
                (d, t, m) -> { }, Cancellation.NEVER).refine(CLIP.gray(), other.processed(), new CollectedFrames()));
        assertTrue(e.getMessage().contains("5 frames") && e.getMessage().contains("has 4"), e.getMessage());
        FlickerClip bigger = new FlickerClip(5, 45, 30, 7, 8, 0.3);
        e = assertThrows(ColorizeException.class, () -> DeepVideoPrior.checkInputs(CLIP.gray(), bigger.processed()));
        assertTrue(e.getMessage().contains("44x30") && e.getMessage().contains("45x30"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedWithTheParameterName() {
        assertThrows(ColorizeException.class, () -> new DvpSettings(Mode.FAST, 0, 1e-4, 16, 1, false, 5, 0.25, 0).validated());
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> new DvpSettings(Mode.FAST, 5, 1e-4, 16, 1, true, 5, 0.25, 0).validated());
        assertTrue(e.getMessage().startsWith("warmup=5"), e.getMessage());
        e = assertThrows(ColorizeException.class,
                () -> new DvpSettings(Mode.FAST, 5, 1e-4, 20, 1, false, 0, 0.25, 0).validated());
        assertTrue(e.getMessage().startsWith("width=20 is not allowed; use a multiple of 16"), e.getMessage());
        e = assertThrows(ColorizeException.class, () -> DvpSettings.Mode.parse("slow"));
        assertTrue(e.getMessage().contains("mode=fast"), e.getMessage());
        assertThrows(ColorizeException.class, () -> new DvpSettings(Mode.FAST, 5, 1e-4, 16, 1, false, 5, 1.5, 0).validated());
        e = assertThrows(ColorizeException.class, () -> new DvpSettings(Mode.FAST, 8, 1e-4, 16, 1, true, 5, 0.25, 4).validated());
        assertTrue(e.getMessage().startsWith("decay=4 is not allowed with epochs=8 and warmup=5; use 0"), e.getMessage());
        assertThrows(ColorizeException.class, () -> new DvpSettings(Mode.FAST, 8, 1e-4, 16, 1, false, 5, 0.25, -1).validated());
    }

    @Test
    void paddingReflectsWithoutRepeatingTheEdge() {
        assertEquals(0, WorkingFrames.reflect(0, 5));
        assertEquals(4, WorkingFrames.reflect(4, 5));
        assertEquals(3, WorkingFrames.reflect(5, 5));
        assertEquals(0, WorkingFrames.reflect(8, 5));
        assertEquals(1, WorkingFrames.reflect(9, 5)); // farther than the frame is wide: reflects again
        assertEquals(0, WorkingFrames.reflect(7, 1));
        WorkingFrames f = new WorkingFrames(Mode.FAITHFUL, 1, 44, 30, 1.0);
        assertEquals(64, f.padW);
        assertEquals(32, f.padH);
        WorkingFrames q = new WorkingFrames(Mode.FAST, 1, 854, 480, 0.25);
        assertEquals(214, q.workW);
        assertEquals(120, q.workH);
        assertEquals(224, q.padW);
        assertEquals(128, q.padH);
    }
}
