package org.colorizevideo.colorize;

import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.StageTimes.Stage;
import org.colorizevideo.exemplar.Keyframes;
import org.colorizevideo.exemplar.ReferenceLoop;

/**
 * Exemplar-based colorization as a strategy of the engine's frame loop: each frame is coloured by a
 * {@link ReferenceLoop} from its keyframe ({@link Keyframes#indexFor}); where the keyframe changes, the
 * loop restarts from the new one, so the recurrent state never carries one keyframe's colours past the
 * next; it restarts at every scene cut too, so a shot never starts from the previous shot's last frame.
 * One frame per call, in order.
 */
public final class ExemplarFrameColorizer implements FrameColorizer.OneAtATime {

    private final Keyframes keyframes;
    private final ReferenceLoop loop;
    private final StageTimes times;
    private int current = -1;

    public ExemplarFrameColorizer(Keyframes keyframes, ReferenceLoop loop, StageTimes times) {
        this.keyframes = keyframes;
        this.loop = loop;
        this.times = times;
    }

    @Override
    public int[] colorize(int frame, float[] lStar, int width, int height) throws ColorizeException {
        int k = keyframes.indexFor(frame);
        if (k != current || keyframes.startsShot(frame)) {
            long t0 = System.nanoTime();
            loop.restart(keyframes.get(k).source().read());
            times.add(Stage.PREPROCESS, System.nanoTime() - t0);
            current = k;
        }
        long t0 = System.nanoTime();
        int[] rgb = loop.next(lStar, width, height);
        times.add(Stage.INFERENCE, System.nanoTime() - t0);
        return rgb;
    }

    /** The keyframe used for the last frame (index into the keyframes), or -1 before the first frame. */
    public int currentKeyframe() {
        return current;
    }
}
