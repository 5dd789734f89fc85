package org.colorizevideo.progress;

import java.util.Locale;

/** Frames per second and time left since a start, for progress lines ("8.3 frames/s, 2:05 left"). */
public final class Throughput {

    private final long start = System.nanoTime();

    /** Rate and estimated time left after done of total frames (empty before the first frame). */
    public String status(int done, int total) {
        double seconds = (System.nanoTime() - start) / 1e9;
        if (done <= 0 || seconds <= 0) {
            return "";
        }
        double fps = done / seconds;
        return String.format(Locale.ROOT, "%.1f frames/s, %s left", fps, clock((total - done) / fps));
    }

    /** H:MM:SS or M:SS. */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
