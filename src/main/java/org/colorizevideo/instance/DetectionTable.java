package org.colorizevideo.instance;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Detections of a clip, one row per detection: the model behind {@code detections.csv} and the ImageJ
 * table ({@link ImageJDetections}). UI-free.
 *
 * <p>Columns, in this order:
 * <dl>
 *   <dt>{@value #FRAME}</dt><dd>frame number, 1-based (the stack slice);</dd>
 *   <dt>{@value #LABEL}</dt><dd>category name (from the detector's manifest);</dd>
 *   <dt>{@value #LABEL_ID}</dt><dd>category id as the detector returns it (COCO ids 1..90);</dd>
 *   <dt>{@value #SCORE}</dt><dd>detector score, 0..1;</dd>
 *   <dt>{@value #X}, {@value #Y}</dt><dd>top-left corner of the box in frame pixels (x0, y0);</dd>
 *   <dt>{@value #WIDTH}, {@value #HEIGHT}</dt><dd>box size in pixels (x1 - x0, y1 - y0);</dd>
 *   <dt>{@value #TRACK}</dt><dd>track id across frames (0 when boxes are not tracked);</dd>
 *   <dt>{@value #MISSED}</dt><dd>frames since the detector last found the track (0 = found in this
 *   frame; 1, 2 = the box is held over a dropout).</dd>
 * </dl>
 * Rows stay in the order they were added (frame by frame, each frame's detections best first).
 */
public final class DetectionTable {

    public static final String FRAME = "Frame";
    public static final String LABEL = "Label";
    public static final String LABEL_ID = "LabelId";
    public static final String SCORE = "Score";
    public static final String X = "X";
    public static final String Y = "Y";
    public static final String WIDTH = "Width";
    public static final String HEIGHT = "Height";
    public static final String TRACK = "Track";
    public static final String MISSED = "Missed";
    public static final List<String> COLUMNS = List.of(FRAME, LABEL, LABEL_ID, SCORE, X, Y, WIDTH, HEIGHT, TRACK, MISSED);

    /**
     * One box in one frame (1-based); {@code track} 0 when boxes are not tracked, {@code missed} the
     * frames since the detector last found this track (0: found in this frame; more: the box is held).
     */
    public record Row(int frame, Detection detection, int track, int missed) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** Adds a frame's detections (frame 1-based), keeping their order. */
    public void add(int frame, List<Detection> detections) {
        if (frame < 1) {
            throw new IllegalArgumentException("Frames are numbered from 1, not " + frame + ".");
        }
        for (Detection d : detections) {
            rows.add(new Row(frame, d, 0, 0));
        }
    }

    /** Adds the boxes a {@link BoxTracker} gave for a frame (frame 1-based), with their track ids. */
    public void addTracked(int frame, List<BoxTracker.TrackedBox> boxes) {
        if (frame < 1) {
            throw new IllegalArgumentException("Frames are numbered from 1, not " + frame + ".");
        }
        for (BoxTracker.TrackedBox b : boxes) {
            rows.add(new Row(frame, b.box(), b.trackId(), b.framesMissed()));
        }
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }

    /**
     * The table as CSV: a header line of {@link #COLUMNS}, then one line per row; numbers in Java's
     * shortest round-trip form for floats, the label quoted when it holds a comma or a quote.
     */
    public String toCsv() {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Row r : rows) {
            Detection d = r.detection();
            b.append(r.frame()).append(',').append(csvText(d.name())).append(',').append(d.label()).append(',')
                    .append(d.score()).append(',').append(d.x0()).append(',').append(d.y0()).append(',')
                    .append(d.width()).append(',').append(d.height()).append(',').append(r.track()).append(',')
                    .append(r.missed()).append('\n');
        }
        return b.toString();
    }

    /** Writes {@link #toCsv()} to a file as UTF-8, replacing it. */
    public void writeCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(toCsv());
        }
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
