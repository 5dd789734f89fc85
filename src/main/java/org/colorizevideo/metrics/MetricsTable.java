package org.colorizevideo.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@link ClipMeasure}: one row per frame and a summary row, the model behind the
 * ImageJ "Results" table and {@code metrics.csv} of Colorize Measure. UI-free.
 *
 * <p>Columns (only those that apply are present, in this order):
 * <dl>
 *   <dt>{@value #FRAME}</dt><dd>frame number, 1-based (the stack slice); the summary row says "mean".</dd>
 *   <dt>{@value #PSNR}</dt><dd>dB against the reference, 8-bit RGB, MAX 255, whole frame ({@link Psnr});
 *       {@code Infinity} for a frame identical to its reference, and then the mean is {@code Infinity} too.
 *       Only with a reference.</dd>
 *   <dt>{@value #SSIM}</dt><dd>against the reference, scikit-image 0.19
 *       {@code structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
 *       data_range=255)} per R, G, B channel, averaged ({@link Ssim}). Only with a reference.</dd>
 *   <dt>{@value #COLORFULNESS}</dt><dd>Hasler &amp; S&uuml;sstrunk 2003 ({@link Colorfulness}).</dd>
 *   <dt>{@value #CDC}</dt><dd>colour distribution consistency of the whole clip (Liu et al. 2021,
 *       {@link Cdc}): in the summary row only (NaN for clips under 5 frames).</dd>
 *   <dt>{@value #WARP}</dt><dd>Lai et al. 2018 warp error ({@link WarpError}) of the pair (previous frame,
 *       this frame), with the flow computed on the gray input; empty in the first row; the summary is the
 *       mean over pairs. Only with an input clip.</dd>
 *   <dt>{@value #LPIPS}</dt><dd>LPIPS distance to the reference ({@link Lpips}) when an LPIPS model is
 *       configured; otherwise every cell holds the text {@value #LPIPS_NOT_CONFIGURED}.</dd>
 * </dl>
 * Empty cells are {@code NaN} here, empty in the CSV.
 */
public final class MetricsTable {

    public static final String FRAME = "Frame";
    public static final String PSNR = "PSNR";
    public static final String SSIM = "SSIM";
    public static final String COLORFULNESS = "Colorfulness";
    public static final String CDC = "CDC";
    public static final String WARP = "WarpError";
    public static final String LPIPS = "LPIPS";
    public static final String SUMMARY_LABEL = "mean";
    public static final String LPIPS_NOT_CONFIGURED = "n/a (no LPIPS model configured)";
    public static final String LPIPS_NO_REFERENCE = "n/a (no reference)";

    /**
     * CPU seconds spent per stage (summed over the threads that did the work; wall time where the JVM
     * cannot measure thread CPU time) and the wall-clock time of the run.
     */
    public record Timing(double flow, double warp, double ssim, double decode, double other, double wall, int threads) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f s wall on %d threads (CPU time: flow %.2f s, warp %.2f s, SSIM %.2f s, "
                    + "reading frames %.2f s, other %.2f s)", wall, threads, flow, warp, ssim, decode, other);
        }
    }

    private final List<String> columns;
    private final double[][] rows;
    private final double[] summary;
    private final Map<String, String> textColumns;
    private final String flowMethod;
    private final Timing timing;

    /**
     * @param columns     metric columns in order, without {@value #FRAME}
     * @param rows        {@code rows[frame][k]} for {@code columns.get(k)}; NaN = empty
     * @param summary     the summary row, same layout
     * @param textColumns columns whose every cell is a fixed text instead of a number
     */
    public MetricsTable(List<String> columns, double[][] rows, double[] summary, Map<String, String> textColumns,
            String flowMethod, Timing timing) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.summary = summary;
        this.textColumns = Collections.unmodifiableMap(new LinkedHashMap<>(textColumns));
        this.flowMethod = flowMethod;
        this.timing = timing;
    }

    /** Metric columns (without {@value #FRAME}), in display order. */
    public List<String> columns() {
        return columns;
    }

    public boolean has(String column) {
        return columns.contains(column);
    }

    public int frames() {
        return rows.length;
    }

    /** Value of a metric at a frame (0-based); NaN when empty or textual. */
    public double value(String column, int frame) {
        return rows[frame][index(column)];
    }

    /** The summary (mean) of a metric; for CDC the clip value. */
    public double summary(String column) {
        return summary[index(column)];
    }

    /** The fixed text of a column that holds no numbers (LPIPS without a model), or null. */
    public String text(String column) {
        return textColumns.get(column);
    }

    /** Per-frame values of a column (a copy). */
    public double[] series(String column) {
        int k = index(column);
        double[] s = new double[rows.length];
        for (int t = 0; t < rows.length; t++) {
            s[t] = rows[t][k];
        }
        return s;
    }

    /** Flow method used for the warp error (or null when there was no input clip). */
    public String flowMethod() {
        return flowMethod;
    }

    public Timing timing() {
        return timing;
    }

    private int index(String column) {
        int k = columns.indexOf(column);
        if (k < 0) {
            throw new IllegalArgumentException("no column " + column + " (have " + columns + ")");
        }
        return k;
    }

    /**
     * The table as CSV: a header {@code Frame,<columns>}, one line per frame, then the summary line
     * whose Frame cell is "mean". Numbers in Java's shortest round-trip form ({@code Infinity} for an
     * infinite PSNR); empty cells empty; text cells as their text (quoted if needed).
     */
    public String toCsv() {
        StringBuilder b = new StringBuilder(FRAME);
        for (String c : columns) {
            b.append(',').append(c);
        }
        b.append('\n');
        for (int t = 0; t < rows.length; t++) {
            b.append(t + 1);
            appendCells(b, rows[t]);
        }
        b.append(SUMMARY_LABEL);
        appendCells(b, summary);
        return b.toString();
    }

    private void appendCells(StringBuilder b, double[] row) {
        for (int k = 0; k < columns.size(); k++) {
            b.append(',');
            String text = textColumns.get(columns.get(k));
            if (text != null) {
                b.append(text.contains(",") ? '"' + text.replace("\"", "\"\"") + '"' : text);
            } else if (!Double.isNaN(row[k])) {
                b.append(row[k]);
            }
        }
        b.append('\n');
    }

    /** Columns that have a per-frame curve (all but CDC and text columns). */
    public List<String> plottedColumns() {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (!c.equals(CDC) && !textColumns.containsKey(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
