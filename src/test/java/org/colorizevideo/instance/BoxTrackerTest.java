package org.colorizevideo.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.colorizevideo.instance.BoxTracker.TrackedBox;
import org.junit.jupiter.api.Test;

class BoxTrackerTest {

    static Detection box(int label, float score, float x0, float y0, float x1, float y1) {
        return new Detection(label, "c" + label, score, x0, y0, x1, y1);
    }

    @Test
    void iouOfKnownBoxes() {
        assertEquals(1f, BoxTracker.iou(box(1, 1, 0, 0, 10, 10), box(1, 1, 0, 0, 10, 10)), 1e-6);
        assertEquals(25f / 175f, BoxTracker.iou(box(1, 1, 0, 0, 10, 10), box(1, 1, 5, 5, 15, 15)), 1e-6);
        assertEquals(0f, BoxTracker.iou(box(1, 1, 0, 0, 10, 10), box(1, 1, 10, 0, 20, 10)), 0);
    }

    @Test
    void smoothingHalvesTheStepAndKeepsTheTrack() {
        BoxTracker t = new BoxTracker(0.3f, 0.5f, 2, 8);
        TrackedBox first = t.update(List.of(box(1, 0.9f, 10, 10, 50, 50))).get(0);
        TrackedBox second = t.update(List.of(box(1, 0.8f, 14, 10, 54, 50))).get(0);
        assertEquals(first.trackId(), second.trackId());
        assertEquals(12f, second.box().x0(), 1e-6);
        assertEquals(52f, second.box().x1(), 1e-6);
        assertEquals(0.8f, second.box().score(), 0);
    }

    @Test
    void aDropoutIsHeldForHoldFramesThenDropped() {
        BoxTracker t = new BoxTracker(0.3f, 1f, 2, 8);
        int id = t.update(List.of(box(3, 0.9f, 0, 0, 20, 20))).get(0).trackId();
        for (int missed = 1; missed <= 2; missed++) {
            List<TrackedBox> held = t.update(List.of());
            assertEquals(1, held.size());
            assertEquals(id, held.get(0).trackId());
            assertEquals(missed, held.get(0).framesMissed());
        }
        assertTrue(t.update(List.of()).isEmpty());
        assertNotEquals(id, t.update(List.of(box(3, 0.9f, 0, 0, 20, 20))).get(0).trackId(), "a new track after the hold");
    }

    @Test
    void labelsAreNotMixedAndTheCapKeepsTheBestScores() {
        BoxTracker t = new BoxTracker(0.3f, 1f, 0, 2);
        t.update(List.of(box(1, 0.9f, 0, 0, 20, 20)));
        List<TrackedBox> next = t.update(List.of(box(2, 0.95f, 0, 0, 20, 20), box(1, 0.8f, 40, 40, 60, 60), box(1, 0.7f, 1, 0, 21, 20)));
        assertEquals(2, next.size());
        assertEquals(2, next.get(0).box().label());
        assertEquals(0.95f, next.get(0).box().score(), 0);
        assertEquals(0.8f, next.get(1).box().score(), 0);
    }

    @Test
    void jitteredDetectionsJitterLessAfterTracking() {
        Random r = new Random(7);
        BoxTracker t = BoxTracker.withDefaults(8);
        double rawJitter = 0, trackedJitter = 0;
        Detection prevRaw = null, prevTracked = null;
        for (int f = 0; f < 200; f++) {
            float x = 10 + f; // moves one pixel per frame
            Detection raw = box(1, 0.9f, x + (float) r.nextGaussian() * 3, 20 + (float) r.nextGaussian() * 3,
                    x + 60 + (float) r.nextGaussian() * 3, 100 + (float) r.nextGaussian() * 3);
            Detection tracked = t.update(List.of(raw)).get(0).box();
            if (prevRaw != null) {
                rawJitter += Math.abs(raw.y0() - prevRaw.y0());
                trackedJitter += Math.abs(tracked.y0() - prevTracked.y0());
            }
            prevRaw = raw;
            prevTracked = tracked;
        }
        assertTrue(trackedJitter < 0.7 * rawJitter, "tracked " + trackedJitter + " raw " + rawJitter);
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BoxTracker(0f, 0.5f, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> new BoxTracker(0.3f, 0f, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> new BoxTracker(0.3f, 0.5f, -1, 8));
        List<Detection> none = new ArrayList<>();
        assertTrue(BoxTracker.withDefaults(8).update(none).isEmpty());
    }
}
