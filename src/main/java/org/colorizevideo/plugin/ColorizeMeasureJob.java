package org.colorizevideo.plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.io.AtomicFiles;
import org.colorizevideo.io.RgbFrameSources;
import org.colorizevideo.metrics.ClipMeasure;
import org.colorizevideo.metrics.FrameSource;
import org.colorizevideo.metrics.MetricsTable;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;

/**
 * The one place where the parameters of Colorize Measure (shared by the IJ1 plugin, the SciJava command
 * and the headless launcher) become a {@link ClipMeasure} run, the ImageJ "Results" table, the plot,
 * and the files {@value #CSV} / {@value #PNG}. No dialogs here.
 */
public final class ColorizeMeasureJob {

    public static final String CSV = "metrics.csv";
    public static final String PNG = "metrics.png";

    /**
     * @param resultImage the colorized stack when measuring the current image, else null
     * @param result      path of the colorized clip (when resultImage is null)
     * @param reference   colour ground truth, or null
     * @param input       gray input clip (for the warp error), or null
     * @param output      folder for metrics.csv and metrics.png, or null (GUI: show only)
     * @param referenceImage an open image as the reference instead of the path, or null
     * @param inputImage  an open image as the gray input instead of the path, or null
     */
    public record Request(ImagePlus resultImage, Path result, Path reference, Path input, Path output,
            ClipMeasure.Settings settings, ImagePlus referenceImage, ImagePlus inputImage) {

        /** Reference and input from paths. */
        public Request(ImagePlus resultImage, Path result, Path reference, Path input, Path output,
                ClipMeasure.Settings settings) {
            this(resultImage, result, reference, input, output, settings, null, null);
        }
    }

    /** The table and, when an output folder was given, the files written. */
    public record Result(MetricsTable table, Path csv, Path png) {
    }

    private ColorizeMeasureJob() {
    }

    public static Result run(Request r, ProgressListener progress, Cancellation cancel) throws ColorizeException {
        FrameSource result;
        if (r.resultImage() != null) {
            result = RgbFrameSources.of(r.resultImage(), "result");
        } else if (r.result() != null) {
            result = RgbFrameSources.open(r.result(), "result");
        } else {
            throw new ColorizeException("No result to measure: give result=<colorized file or folder>, or run on an open image.");
        }
        try (FrameSource res = result;
                FrameSource reference = r.referenceImage() != null ? RgbFrameSources.of(r.referenceImage(), "reference")
                        : r.reference() == null ? null : RgbFrameSources.open(r.reference(), "reference");
                FrameSource input = r.inputImage() != null ? RgbFrameSources.of(r.inputImage(), "input")
                        : r.input() == null ? null : RgbFrameSources.open(r.input(), "input")) {
            return measure(r, res, reference, input, progress, cancel);
        }
    }

    private static Result measure(Request r, FrameSource result, FrameSource reference, FrameSource input,
            ProgressListener progress, Cancellation cancel) throws ColorizeException {
        if (r.output() != null && Files.exists(r.output()) && !Files.isDirectory(r.output())) {
            throw new ColorizeException("The output " + r.output() + " is a file; give a folder for " + CSV + " and " + PNG + ".");
        }
        MetricsTable table = ClipMeasure.measure(result, reference, input, r.settings(), progress, cancel);
        if (r.output() == null) {
            return new Result(table, null, null);
        }
        try {
            Files.createDirectories(r.output());
            Path csv = r.output().resolve(CSV);
            Path png = r.output().resolve(PNG);
            AtomicFiles.replace(csv, tmp -> Files.writeString(tmp, table.toCsv(), StandardCharsets.UTF_8));
            AtomicFiles.replace(png, tmp -> {
                if (!new FileSaver(plot(table)).saveAsPng(tmp.toString())) {
                    throw new IOException("the plot could not be encoded as PNG");
                }
            });
            return new Result(table, csv, png);
        } catch (IOException e) {
            throw new ColorizeException("The metrics could not be written into " + r.output() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fills ImageJ's system results table (the one a macro's {@code getResult("PSNR", row)} reads,
     * shown as "Results") with the frames and the summary row, and returns it. Empty cells are NaN.
     */
    public static ResultsTable toResultsTable(MetricsTable table) {
        ResultsTable rt = ResultsTable.getResultsTable();
        if (rt == null) {
            rt = new ResultsTable();
        }
        rt.reset();
        rt.setNaNEmptyCells(true);
        for (int t = 0; t <= table.frames(); t++) {
            boolean summary = t == table.frames();
            rt.incrementCounter();
            if (summary) {
                rt.addValue(MetricsTable.FRAME, MetricsTable.SUMMARY_LABEL);
            } else {
                rt.addValue(MetricsTable.FRAME, t + 1);
            }
            for (String c : table.columns()) {
                String text = table.text(c);
                if (text != null) {
                    rt.addValue(c, text);
                } else {
                    rt.addValue(c, summary ? table.summary(c) : table.value(c, t));
                }
            }
        }
        setDecimals(rt, MetricsTable.FRAME, 0);
        setDecimals(rt, MetricsTable.PSNR, 3);
        setDecimals(rt, MetricsTable.SSIM, 5);
        setDecimals(rt, MetricsTable.COLORFULNESS, 3);
        setDecimals(rt, MetricsTable.CDC, 6);
        setDecimals(rt, MetricsTable.WARP, 7);
        setDecimals(rt, MetricsTable.LPIPS, 5);
        return rt;
    }

    private static void setDecimals(ResultsTable rt, String column, int digits) {
        int k = rt.getColumnIndex(column);
        if (k != ResultsTable.COLUMN_NOT_FOUND) {
            rt.setDecimalPlaces(k, digits);
        }
    }

    /**
     * One ImageJ {@link Plot} per per-frame metric (PSNR, SSIM, colourfulness, warp error, LPIPS), frame
     * number on x, with the clip's mean as a gray line and in the title; stacked top to bottom into one
     * RGB image (what {@value #PNG} holds). Works headless.
     */
    public static ImagePlus plot(MetricsTable table) {
        List<String> cols = table.plottedColumns();
        int n = table.frames();
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = t + 1;
        }
        ImageProcessor[] panels = new ImageProcessor[cols.size()];
        int width = 0;
        int height = 0;
        for (int k = 0; k < cols.size(); k++) {
            String c = cols.get(k);
            double mean = table.summary(c);
            String title = String.format(Locale.ROOT, "%s per frame (mean %s)%s", c, format(mean),
                    c.equals(MetricsTable.WARP) ? ", pair t-1 -> t, flow " + table.flowMethod() : "");
            Plot p = new Plot(title, "frame", c);
            p.setSize(640, 170);
            p.setColor(new Color(0x1f77b4));
            p.addPoints(x, table.series(c), n <= 2 ? Plot.CIRCLE : Plot.LINE);
            if (Double.isFinite(mean)) {
                p.setColor(Color.GRAY);
                p.addPoints(new double[] {1, Math.max(n, 2)}, new double[] {mean, mean}, Plot.LINE);
            }
            p.setColor(Color.BLACK);
            p.addLabel(0.0, 0.0, title);
            ImageProcessor ip = p.getImagePlus().getProcessor().convertToRGB();
            panels[k] = ip;
            width = Math.max(width, ip.getWidth());
            height += ip.getHeight();
        }
        if (panels.length == 0) {
            return new ImagePlus("Colorize Measure plot", new ColorProcessor(1, 1));
        }
        ColorProcessor all = new ColorProcessor(width, height);
        all.setColor(Color.WHITE);
        all.fill();
        int y = 0;
        for (ImageProcessor ip : panels) {
            all.insert(ip, 0, y);
            y += ip.getHeight();
        }
        return new ImagePlus("Colorize Measure plot", all);
    }

    /** One line per metric with its summary value, for logs. */
    public static String summaryLine(MetricsTable table) {
        StringBuilder b = new StringBuilder();
        for (String c : table.columns()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            String text = table.text(c);
            b.append(c).append(' ').append(text != null ? text : format(table.summary(c)));
        }
        return b.toString();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "Infinity";
        }
        return Math.abs(v) >= 0.01 || v == 0 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4e", v);
    }

}
