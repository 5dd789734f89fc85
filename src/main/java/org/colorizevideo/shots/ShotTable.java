package org.colorizevideo.shots;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.colorizevideo.video.VideoTiming;

/**
 * The shots as a table: Shot (1-based), FirstFrame and LastFrame (0-based frame numbers, as keyframe
 * file names and written frame names count), Frames, Start time (HH:MM:SS.mmm from the video's own
 * timestamps, or from the frame rate for frames without timing) and Start seconds.
 */
public final class ShotTable {

    public static final String[] COLUMNS = {"Shot", "FirstFrame", "LastFrame", "Frames", "Start time", "Start seconds"};

    /** One row. */
    public record Row(int shot, int firstFrame, int lastFrame, int frames, String startTime, double startSeconds) {
    }

    private ShotTable() {
    }

    public static List<Row> rows(Shots shots, VideoTiming timing) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < shots.size(); i++) {
            Shots.Shot s = shots.get(i);
            double seconds = (double) timing.timestamps()[s.first()] * timing.timeBaseNum() / timing.timeBaseDen();
            rows.add(new Row(i + 1, s.first(), s.last(), s.length(), timecode(seconds), seconds));
        }
        return rows;
    }

    public static void writeCsv(Shots shots, VideoTiming timing, Path csv) throws IOException {
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write(String.join(",", COLUMNS) + "\n");
            for (Row r : rows(shots, timing)) {
                w.write(String.format(Locale.ROOT, "%d,%d,%d,%d,%s,%.6f%n", r.shot(), r.firstFrame(), r.lastFrame(),
                        r.frames(), r.startTime(), r.startSeconds()));
            }
        }
    }

    static String timecode(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
