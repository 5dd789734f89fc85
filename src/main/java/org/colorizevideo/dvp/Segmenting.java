package org.colorizevideo.dvp;

import org.colorizevideo.ColorizeException;
import org.colorizevideo.shots.ShotDetector;

/**
 * How a clip is cut into the pieces that are refined on their own: shots (never refined across a cut;
 * the published advice for Deep Video Prior on films is to split by scene) and, within a shot, chunks of
 * at most {@code chunk} frames that overlap by {@code overlap} frames, blended linearly across the
 * overlap, so that memory is bounded by the chunk and not by the film.
 *
 * @param cutThreshold the adaptive content detector's threshold: how many times a frame's luma change
 *     must exceed that of its neighbours (see {@link ShotDetector}); 0 turns cut detection off
 * @param minShot frames a shot has at least (a cut closer than this to the previous one is ignored)
 * @param chunk most frames refined together (at least 2 x overlap + 1)
 * @param overlap frames shared by consecutive chunks of one shot
 */
public record Segmenting(double cutThreshold, int minShot, int chunk, int overlap) {

    public static final int DEFAULT_CHUNK = 300;
    public static final int DEFAULT_OVERLAP = 15;

    public static Segmenting defaults() {
        return new Segmenting(ShotDetector.DEFAULT_THRESHOLD, ShotDetector.DEFAULT_MIN_SHOT, DEFAULT_CHUNK, DEFAULT_OVERLAP);
    }

    /** Settings from user parameters where a negative value means the default; validated. */
    public static Segmenting resolve(double cutThreshold, int minShot, int chunk, int overlap) throws ColorizeException {
        Segmenting d = defaults();
        return new Segmenting(cutThreshold >= 0 ? cutThreshold : d.cutThreshold(), minShot > 0 ? minShot : d.minShot(),
                chunk > 0 ? chunk : d.chunk(), overlap >= 0 ? overlap : d.overlap()).validated();
    }

    public Segmenting validated() throws ColorizeException {
        if (!(cutThreshold >= 0) || cutThreshold > 255 || (cutThreshold > 0 && cutThreshold <= 1)) {
            throw new ColorizeException("cuts=" + cutThreshold + " is not allowed; use a threshold above 1 (how many times a "
                    + "frame's change must exceed its neighbours', default " + ShotDetector.DEFAULT_THRESHOLD
                    + "), or 0 for no cut detection.");
        }
        if (minShot < 1) {
            throw new ColorizeException("min_shot=" + minShot + " is not allowed; use 1 frame or more.");
        }
        if (overlap < 0) {
            throw new ColorizeException("overlap=" + overlap + " is not allowed; use 0 frames or more.");
        }
        if (chunk < 2 * overlap + 1) {
            throw new ColorizeException("chunk=" + chunk + " is too short for overlap=" + overlap + "; a chunk needs at least "
                    + (2 * overlap + 1) + " frames (2 x overlap + 1).");
        }
        return this;
    }

    public ShotDetector detector() {
        return new ShotDetector(cutThreshold, minShot);
    }
}
