package org.colorizevideo.colorize;

import java.util.ArrayList;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.StageTimes.Stage;
import org.colorizevideo.exemplar.Keyframes;
import org.colorizevideo.exemplar.ReferenceLoop;

/**
 * Exemplar-based colorization as a strategy of the engine's frame loop: each frame is coloured by a
 * {@link ReferenceLoop} from its keyframe ({@link Keyframes#indexFor}); where the keyframe changes, the
 * loop restarts from the new one, so the recurrent state never carries one keyframe's colours past the
 * next. One frame per call, in order.
 */
public final class ExemplarFrameColorizer implements FrameColorizer {

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
    public int batch() {
        return 1;
    }

    @Override
    public List<int[]> colorize(int first, List<float[]> lPlanes, int width, int height) throws ColorizeException {
        List<int[]> out = new ArrayList<>(lPlanes.size());
        for (int i = 0; i < lPlanes.size(); i++) {
            int k = keyframes.indexFor(first + i);
            if (k != current) {
                long t0 = System.nanoTime();
                loop.restart(keyframes.get(k).source().read());
                times.add(Stage.PREPROCESS, System.nanoTime() - t0);
                current = k;
            }
            long t0 = System.nanoTime();
            out.add(loop.next(lPlanes.get(i), width, height));
            times.add(Stage.INFERENCE, System.nanoTime() - t0);
        }
        return out;
    }

    /** The keyframe used for the last frame (index into the keyframes), or -1 before the first frame. */
    public int currentKeyframe() {
        return current;
    }
}
