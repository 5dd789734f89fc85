package org.colorizevideo.video;

/**
 * When each output frame is shown: a time base (num/den seconds) and one presentation time per frame
 * in it, plus the nominal frame rate. From a video file its own timestamps (a variable frame rate is
 * kept); for frames without timing (a folder, a TIFF) a constant rate.
 */
public record VideoTiming(int timeBaseNum, int timeBaseDen, long[] timestamps, int rateNum, int rateDen) {

    public static VideoTiming of(VideoFileInfo info) {
        return new VideoTiming(info.timeBaseNum(), info.timeBaseDen(), info.timestamps(), info.rateNum(), info.rateDen());
    }

    /** Frames at a constant rate (frames per second, e.g. 25 or 29.97), starting at 0. */
    public static VideoTiming constant(int frames, double fps) {
        if (!(fps > 0) || fps > 1000) {
            throw new IllegalArgumentException("frame rate " + fps);
        }
        int den = (int) Math.round(fps * 1000);
        long[] ts = new long[frames];
        for (int i = 0; i < frames; i++) {
            ts[i] = i * 1000L;
        }
        return new VideoTiming(1, den, ts, den, 1000);
    }

    /**
     * How long the frame shown at time t lasts, in time-base units: until the next frame, and one
     * nominal frame period for the last (so the video lasts as long as the input).
     */
    public long duration(long t) {
        int i = java.util.Arrays.binarySearch(timestamps, t);
        if (i >= 0 && i + 1 < timestamps.length) {
            return timestamps[i + 1] - t;
        }
        if (rateNum <= 0 || rateDen <= 0) {
            return 0;
        }
        return Math.max(1, Math.round((double) rateDen * timeBaseDen / ((double) rateNum * timeBaseNum)));
    }

    public int frames() {
        return timestamps.length;
    }
}
