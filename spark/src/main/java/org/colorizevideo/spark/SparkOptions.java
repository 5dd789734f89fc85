package org.colorizevideo.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.exemplar.ExemplarSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.video.VideoFileSink;

/**
 * The parameters of a Spark run, as {@code key=value} arguments with Colorize Video's names and defaults
 * (model, temperature, saturation, device, batch, quality, dvp, epochs, seed, mode, cuts, min_shot, chunk, overlap,
 * exemplar_model, overwrite) plus the job's own: {@code inputs} (a text file listing inputs, or a folder
 * of them), {@code output} (a folder: one result per input), {@code format} ({@code same}: a video file
 * stays a video file of its container, .mkv for containers we do not write, a folder of frames stays a
 * folder; or {@code folder}, {@code mp4}, {@code mov}, {@code mkv} for every input), {@code unit} (frames
 * per work unit for colorization without refinement; rounded up to a multiple of {@code batch}),
 * {@code measure} (Colorize Measure on every result, one table per input) and {@code staging}.
 * Serializable: the driver sends it to the executors, which build the engine's settings from it.
 */
public record SparkOptions(Map<String, String> values) implements Serializable {

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("inputs", "");
        d.put("output", "");
        d.put("format", "same");
        d.put("unit", "300");
        d.put("model", "");
        d.put("temperature", "0");
        d.put("saturation", "0");
        d.put("device", "cpu");
        d.put("batch", "4");
        d.put("quality", Integer.toString(VideoFileSink.DEFAULT_QUALITY));
        d.put("dvp", "false");
        d.put("mode", "fast");
        d.put("epochs", "0");
        d.put("lr", "0");
        d.put("width", "0");
        d.put("seed", Integer.toString(DvpSettings.DEFAULT_SEED));
        d.put("cuts", "-1");
        d.put("min_shot", "-1");
        d.put("chunk", "-1");
        d.put("overlap", "-1");
        d.put("exemplar_model", "");
        d.put("overwrite", "false");
        d.put("measure", "false");
        d.put("flow", "dis-medium");
        d.put("staging", "");
        // test hooks (fault injection): unit "input:unit" fails while the task's attempt number is below "test_fail_attempts"
        d.put("test_fail_unit", "");
        d.put("test_fail_attempts", "0");
        return Map.copyOf(d);
    }

    public SparkOptions {
        values = Map.copyOf(values);
    }

    /** Parses {@code key=value} arguments; an unknown key or a missing inputs/output is refused with a sentence. */
    public static SparkOptions parse(String... args) throws ColorizeException {
        Map<String, String> v = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new ColorizeException("The argument '" + a + "' is not key=value; write e.g. inputs=/data/films.txt "
                        + "output=/data/colour.");
            }
            String key = a.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!DEFAULTS.containsKey(key)) {
                throw new ColorizeException("Colorize on Spark has no parameter '" + key + "'; its parameters are: "
                        + String.join(", ", DEFAULTS.keySet().stream().filter(k -> !k.startsWith("test_")).toList()) + ".");
            }
            v.put(key, a.substring(eq + 1).trim());
        }
        SparkOptions o = new SparkOptions(v);
        if (o.get("inputs").isEmpty() || o.get("output").isEmpty()) {
            throw new ColorizeException("Give inputs=<list file or folder> and output=<folder>.");
        }
        o.settings();
        o.dvp();
        o.segmenting();
        o.format();
        if (o.integer("unit") < 1) {
            throw new ColorizeException("unit=" + o.get("unit") + " is not allowed; use 1 frame or more per work unit.");
        }
        return o;
    }

    public String get(String key) {
        String v = values.get(key);
        return v != null ? v : DEFAULTS.get(key);
    }

    public SparkOptions with(String key, String value) {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.put(key, value);
        return new SparkOptions(v);
    }

    int integer(String key) throws ColorizeException {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new ColorizeException("The value '" + get(key) + "' of '" + key + "' is not a whole number; write e.g. "
                    + key + "=" + DEFAULTS.get(key) + ".");
        }
    }

    double number(String key) throws ColorizeException {
        try {
            return Double.parseDouble(get(key));
        } catch (NumberFormatException e) {
            throw new ColorizeException("The value '" + get(key) + "' of '" + key + "' is not a number; write e.g. "
                    + key + "=" + DEFAULTS.get(key) + ".");
        }
    }

    boolean flag(String key) {
        String v = get(key);
        return v.isEmpty() || v.equalsIgnoreCase("true");
    }

    /** The engine's settings; {@code reference} is the input's keyframes (null: automatic). */
    public ColorizeSettings settings(String reference) throws ColorizeException {
        ExemplarSettings ex = reference == null || reference.isBlank() ? null : ExemplarSettings.parse(reference, get("exemplar_model"));
        return new ColorizeSettings(get("model"), number("temperature"), DeviceChoice.parse(get("device")), integer("batch"),
                null, ex).withSaturation(number("saturation"));
    }

    ColorizeSettings settings() throws ColorizeException {
        return settings(null);
    }

    /** Deep Video Prior's settings, or null without refinement. */
    public DvpSettings dvp() throws ColorizeException {
        if (!flag("dvp")) {
            return null;
        }
        return DvpSettings.resolve(DvpSettings.Mode.parse(get("mode")), integer("epochs"), number("lr"), integer("width"),
                integer("seed"), false, -1, 0, -1);
    }

    public Segmenting segmenting() throws ColorizeException {
        return Segmenting.resolve(number("cuts"), integer("min_shot"), integer("chunk"), integer("overlap"));
    }

    /** same, folder, mp4, mov or mkv. */
    public String format() throws ColorizeException {
        String f = get("format").toLowerCase(Locale.ROOT);
        if (!List.of("same", "folder", "mp4", "mov", "mkv").contains(f)) {
            throw new ColorizeException("format=" + f + " is not allowed; use same, folder, mp4, mov or mkv.");
        }
        return f;
    }

    /** Frames per unit without refinement: a multiple of the batch, so each unit's batches are a whole run's. */
    public int unitFrames() throws ColorizeException {
        int batch = Math.max(1, integer("batch"));
        int u = integer("unit");
        return (u + batch - 1) / batch * batch;
    }

    /**
     * A fingerprint of everything that decides the colours (not the output format, the measurement or the
     * test hooks): parts made with other settings are never reused.
     */
    public String fingerprint(String input, String reference) {
        StringBuilder b = new StringBuilder(input).append('|').append(reference);
        for (String k : List.of("unit", "model", "temperature", "saturation", "device", "batch", "dvp", "mode", "epochs", "lr", "width",
                "seed", "cuts", "min_shot", "chunk", "overlap", "exemplar_model")) {
            b.append('|').append(k).append('=').append(get(k));
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
