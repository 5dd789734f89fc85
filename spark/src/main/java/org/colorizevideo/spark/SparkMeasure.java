package org.colorizevideo.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.io.AtomicFiles;
import org.colorizevideo.io.RgbFrameSources;
import org.colorizevideo.metrics.Cdc;
import org.colorizevideo.metrics.ClipMeasure;
import org.colorizevideo.metrics.FrameSource;
import org.colorizevideo.metrics.MetricsTable;
import org.colorizevideo.metrics.RgbFrame;
import org.colorizevideo.plugin.ColorizeMeasureJob;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.colorizevideo.spark.Plans.InputPlan;

/**
 * The metrics pass as a Spark job: Colorize Measure ({@link ClipMeasure}) on every result against its gray
 * input, one task per piece of {@code unit} frames, aggregated into one table per input,
 * {@code <output>/metrics/<name>/metrics.csv} and {@code metrics.png}, as Colorize Measure writes them. A
 * piece is measured from the frame before it (the warp error of its first frame needs that pair) and
 * returns its rows and the CDC's histogram divergences of the pairs that start in it (it reads up to 4
 * frames past its end); the driver sums them in frame order, as ClipMeasure does for a whole clip, so the
 * table is the one Colorize Measure gives on the whole clip.
 */
public final class SparkMeasure {

    private SparkMeasure() {
    }

    /** One measured piece: frames first..first+rows.length-1 of an input. */
    public record Piece(int input, int first, List<String> columns, Map<String, String> text, String flow, double[][] rows,
            double[][] divergences, String error) implements Serializable {
    }

    record Task(int input, String result, String gray, int first, int end) implements Serializable {
    }

    public static void run(JavaSparkContext sc, List<InputPlan> plans, SparkOptions o) throws ColorizeException {
        if (plans.isEmpty()) {
            return;
        }
        int unit = o.unitFrames();
        List<Task> tasks = new ArrayList<>();
        for (InputPlan p : plans) {
            int n = p.frames() > 0 ? p.frames() : framesOf(Path.of(p.output()));
            for (int f = 0; f < n; f += unit) {
                tasks.add(new Task(p.spec().index(), p.output(), p.spec().path(), f, Math.min(n, f + unit)));
            }
        }
        String flow = o.get("flow");
        List<Piece> pieces = sc.parallelize(tasks, tasks.size()).map(t -> measure(t, flow)).collect();
        Map<Integer, List<Piece>> byInput = new HashMap<>();
        for (Piece p : pieces) {
            byInput.computeIfAbsent(p.input(), k -> new ArrayList<>()).add(p);
        }
        Path root = Path.of(o.get("output")).toAbsolutePath().normalize().resolve("metrics");
        for (InputPlan plan : plans) {
            List<Piece> mine = byInput.getOrDefault(plan.spec().index(), List.of());
            String name = Path.of(plan.output()).getFileName().toString();
            Path dir = root.resolve(name);
            Piece failed = mine.stream().filter(p -> p.error() != null).findFirst().orElse(null);
            try {
                Files.createDirectories(dir);
                if (failed != null) {
                    AtomicFiles.replace(dir.resolve("error.txt"), tmp -> Files.writeString(tmp, failed.error() + "\n"));
                    continue;
                }
                MetricsTable table = aggregate(mine);
                AtomicFiles.replace(dir.resolve(ColorizeMeasureJob.CSV), tmp -> Files.writeString(tmp, table.toCsv(),
                        StandardCharsets.UTF_8));
                AtomicFiles.replace(dir.resolve(ColorizeMeasureJob.PNG), tmp -> {
                    if (!new ij.io.FileSaver(ColorizeMeasureJob.plot(table)).saveAsPng(tmp.toString())) {
                        throw new IOException("the plot could not be encoded as PNG");
                    }
                });
            } catch (IOException e) {
                throw new ColorizeException("The metrics could not be written into " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static int framesOf(Path result) throws ColorizeException {
        try (FrameSource s = RgbFrameSources.open(result, "result")) {
            return s.size();
        }
    }

    /** Measures one piece (inside a Spark task). */
    public static Piece measure(Task t, String flow) {
        ColorizeSpark.prepareJvm();
        try (FrameSource result = RgbFrameSources.open(Path.of(t.result()), "result");
                FrameSource gray = RgbFrameSources.open(Path.of(t.gray()), "input")) {
            int from = Math.max(0, t.first() - 1);
            MetricsTable table = ClipMeasure.measure(new Range(result, from, t.end()), null, new Range(gray, from, t.end()),
                    new ClipMeasure.Settings(flow, null, 1), ProgressListener.NONE, Cancellation.NEVER);
            List<String> columns = table.columns();
            Map<String, String> text = new LinkedHashMap<>();
            for (String c : columns) {
                if (table.text(c) != null) {
                    text.put(c, table.text(c));
                }
            }
            double[][] rows = new double[t.end() - t.first()][columns.size()];
            for (int f = t.first(); f < t.end(); f++) {
                for (int k = 0; k < columns.size(); k++) {
                    rows[f - t.first()][k] = table.value(columns.get(k), f - from);
                }
            }
            if (t.first() == 0 && columns.contains(MetricsTable.WARP)) {
                rows[0][columns.indexOf(MetricsTable.WARP)] = Double.NaN; // the first frame has no pair, as in a whole run
            }
            // the CDC's divergences of the pairs (i, i + d) with i in this piece
            int n = result.size(), last = Math.min(n, t.end() + Cdc.DILATIONS[Cdc.DILATIONS.length - 1]);
            List<double[][]> hists = new ArrayList<>();
            for (int f = t.first(); f < last; f++) {
                hists.add(Cdc.histograms(frameAt(result, f).pixels()));
            }
            double[][] div = new double[Cdc.DILATIONS.length][];
            for (int k = 0; k < Cdc.DILATIONS.length; k++) {
                int d = Cdc.DILATIONS[k];
                int count = Math.max(0, Math.min(t.end(), n - d) - t.first());
                div[k] = new double[count];
                for (int i = 0; i < count; i++) {
                    div[k][i] = Cdc.channelMeanDivergence(hists.get(i), hists.get(i + d));
                }
            }
            return new Piece(t.input(), t.first(), columns, text, table.flowMethod(), rows, div, null);
        } catch (ColorizeException e) {
            return new Piece(t.input(), t.first(), null, null, null, null, null, e.getMessage());
        }
    }

    private static RgbFrame frameAt(FrameSource s, int f) throws ColorizeException {
        return s.frame(f);
    }

    /** The pieces of one input, in frame order, as Colorize Measure's table of the whole clip. */
    static MetricsTable aggregate(List<Piece> pieces) {
        List<Piece> sorted = new ArrayList<>(pieces);
        sorted.sort((a, b) -> Integer.compare(a.first(), b.first()));
        List<String> columns = sorted.get(0).columns();
        List<double[]> rows = new ArrayList<>();
        for (Piece p : sorted) {
            rows.addAll(Arrays.asList(p.rows()));
        }
        double[][] all = rows.toArray(new double[0][]);
        double[] summary = new double[columns.size()];
        Arrays.fill(summary, Double.NaN);
        Map<String, String> text = sorted.get(0).text();
        int kCdc = columns.indexOf(MetricsTable.CDC);
        for (int k = 0; k < columns.size(); k++) {
            if (k != kCdc && !text.containsKey(columns.get(k))) {
                double s = 0;
                int c = 0;
                for (double[] r : all) {
                    if (!Double.isNaN(r[k])) {
                        s += r[k];
                        c++;
                    }
                }
                summary[k] = c == 0 ? Double.NaN : s / c;
            }
        }
        // Cdc.fromHistograms's sums, in the same order
        double value = 0;
        for (int k = 0; k < Cdc.DILATIONS.length; k++) {
            double sum = 0;
            int count = 0;
            for (Piece p : sorted) {
                for (double js : p.divergences()[k]) {
                    sum += js;
                    count++;
                }
            }
            value += Cdc.WEIGHTS[k] * (count == 0 ? Double.NaN : sum / count);
        }
        summary[kCdc] = value;
        return new MetricsTable(columns, all, summary, text, sorted.get(0).flow(), null);
    }

    /** Frames from .. end-1 of a clip as a clip of their own. */
    private record Range(FrameSource base, int from, int end) implements FrameSource {
        @Override
        public int size() {
            return end - from;
        }

        @Override
        public int width() {
            return base.width();
        }

        @Override
        public int height() {
            return base.height();
        }

        @Override
        public RgbFrame frame(int index) throws ColorizeException {
            return base.frame(from + index);
        }

        @Override
        public String description() {
            return base.description() + " (frames " + (from + 1) + "-" + end + ")";
        }

        @Override
        public void close() {
        }
    }
}
