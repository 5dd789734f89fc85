package org.colorizevideo.colorize;

/** Wall time spent per pipeline stage, for the benchmark and the run summary. Not thread-safe. */
public final class StageTimes {

    public enum Stage { READ, DETECT, PREPROCESS, INFERENCE, POSTPROCESS, WRITE }

    private final long[] nanos = new long[Stage.values().length];

    public void add(Stage stage, long elapsedNanos) {
        nanos[stage.ordinal()] += elapsedNanos;
    }

    public double seconds(Stage stage) {
        return nanos[stage.ordinal()] / 1e9;
    }

    public double totalSeconds() {
        long t = 0;
        for (long n : nanos) {
            t += n;
        }
        return t / 1e9;
    }
}
