package org.colorizevideo.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.io.AtomicFiles;
import org.colorizevideo.spark.Plans.InputPlan;
import org.colorizevideo.spark.Plans.InputSpec;
import org.colorizevideo.spark.Plans.JoinResult;
import org.colorizevideo.spark.Plans.Unit;
import org.colorizevideo.spark.Plans.UnitResult;
import org.colorizevideo.video.VideoFileInfo;

/**
 * Colorize Video as an Apache Spark application: many films (video files, folders of frames) colorized
 * on a cluster with the plugin's own engine, each film cut into units (shots, or fixed-length pieces where
 * frames are colorized independently) that run as Spark tasks.
 *
 * <pre>
 * spark-submit --class org.colorizevideo.spark.ColorizeSpark --master local[2] \
 *     spark/target/Colorize_Video-spark-0.1.0-SNAPSHOT.jar inputs=films.txt output=colour/ [dvp=true] [measure=true]
 * </pre>
 *
 * Steps (each a Spark job): plan every input (one task per input), colorize every unit (one task per
 * unit; finished units of an earlier run are skipped), join each input's parts into its result (one task
 * per input), optionally measure the results ({@link SparkMeasure}), and write {@code report.csv} into the
 * output folder: one row per input with its status and, for a refused input, the sentence why.
 */
public final class ColorizeSpark {

    public static final String REPORT = "report.csv";

    private ColorizeSpark() {
    }

    /**
     * What the headless launcher sets for the JVM it runs in, set in every JVM of the job (the driver, and each
     * executor before its first task): headless AWT, DJL offline (ONNX Runtime and libtorch ship their natives
     * in the jar; nothing is downloaded). Only where the user has not set them.
     */
    static void prepareJvm() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    public static void main(String[] args) {
        prepareJvm();
        SparkOptions options;
        try {
            options = SparkOptions.parse(args);
        } catch (ColorizeException e) {
            System.err.println("Colorize on Spark was not run: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("Colorize Video").getOrCreate();
        int status;
        try {
            Report report = run(JavaSparkContext.fromSparkContext(spark.sparkContext()), options);
            System.out.println(report.summary());
            status = report.failed() == 0 ? 0 : 1;
        } catch (ColorizeException e) {
            System.err.println("Colorize on Spark failed: " + e.getMessage());
            status = 1;
        } finally {
            spark.stop();
        }
        System.exit(status);
    }

    /** What a run did: a row per input, the units done and skipped, and the report file. */
    public record Report(List<Row> rows, int unitsRun, int unitsSkipped, Path file, double seconds) {

        /** One input: done (its result written now), exists (an earlier run wrote it) or failed (reason). */
        public record Row(int line, String input, String status, int frames, int units, int skipped, String output,
                String reason) {
        }

        public long failed() {
            return rows.stream().filter(r -> r.status().equals("failed")).count();
        }

        public String summary() {
            return String.format(Locale.ROOT, "Colorize on Spark: %d inputs (%d done, %d already there, %d failed), "
                    + "%d units colorized, %d skipped (finished earlier), %.1f s; report: %s", rows.size(),
                    rows.stream().filter(r -> r.status().equals("done")).count(),
                    rows.stream().filter(r -> r.status().equals("exists")).count(), failed(), unitsRun, unitsSkipped,
                    seconds, file);
        }
    }

    /** Runs the whole job on the given context. */
    public static Report run(JavaSparkContext sc, SparkOptions o) throws ColorizeException {
        long t0 = System.nanoTime();
        List<InputSpec> specs = readInputs(Path.of(o.get("inputs")));
        // 1. plan: one task per input (opening, checks, cuts)
        List<InputPlan> plans = new ArrayList<>(sc.parallelize(specs, Math.max(1, specs.size()))
                .map(spec -> Work.plan(spec, o)).collect());
        refuseSameOutputs(plans);
        // 2. colorize: one task per unit
        Map<Integer, InputPlan> byInput = new HashMap<>();
        List<Unit> units = new ArrayList<>();
        for (InputPlan p : plans) {
            byInput.put(p.spec().index(), p);
            if (p.ok()) {
                units.addAll(p.units());
            }
        }
        List<UnitResult> results = units.isEmpty() ? List.of()
                : sc.parallelize(units, units.size()).map(u -> Work.colorize(u, byInput.get(u.input()), o,
                        TaskContext.get().attemptNumber())).collect();
        Map<Integer, String> errors = new HashMap<>();
        Map<Integer, int[]> counts = new HashMap<>();
        for (UnitResult r : results) {
            if (r.error() != null) {
                errors.putIfAbsent(r.input(), r.error());
            }
            int[] c = counts.computeIfAbsent(r.input(), k -> new int[2]);
            c[r.skipped() ? 1 : 0]++;
        }
        // 3. join: one task per input whose units all succeeded
        List<InputPlan> toJoin = plans.stream().filter(p -> p.ok() && !p.units().isEmpty()
                && !errors.containsKey(p.spec().index())).toList();
        List<JoinResult> joins = toJoin.isEmpty() ? List.of()
                : sc.parallelize(toJoin, toJoin.size()).map(p -> Work.join(p, o)).collect();
        for (JoinResult j : joins) {
            if (j.error() != null) {
                errors.put(j.input(), j.error());
            }
        }
        List<Report.Row> rows = new ArrayList<>();
        int run = 0, skipped = 0;
        for (InputPlan p : plans) {
            int[] c = counts.getOrDefault(p.spec().index(), new int[2]);
            run += c[0];
            skipped += c[1];
            String error = p.ok() ? errors.get(p.spec().index()) : p.error();
            String status = error != null ? "failed" : p.units().isEmpty() ? "exists" : "done";
            rows.add(new Report.Row(p.spec().index() + 1, p.spec().path(), status, p.frames(), p.units().size(), c[1],
                    p.output(), error == null ? "" : error));
        }
        // 4. metrics: Colorize Measure per unit, one table per input
        if (o.flag("measure")) {
            List<InputPlan> measured = plans.stream().filter(p -> p.ok() && !errors.containsKey(p.spec().index()))
                    .toList();
            SparkMeasure.run(sc, measured, o);
        }
        Path file = Path.of(o.get("output")).toAbsolutePath().normalize().resolve(REPORT);
        writeReport(rows, file);
        return new Report(rows, run, skipped, file, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The inputs: a folder's video files and frame folders (name order), or a text file with one input per
     * line ({@code path}, or {@code path<TAB>keyframes} for exemplar colorization; relative paths are
     * relative to the list file; empty lines and lines starting with # are skipped).
     */
    static List<InputSpec> readInputs(Path list) throws ColorizeException {
        List<InputSpec> specs = new ArrayList<>();
        if (Files.isDirectory(list)) {
            try (Stream<Path> s = Files.list(list)) {
                for (Path p : s.filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> Files.isDirectory(p) || VideoFileInfo.isVideoFile(p)).sorted().toList()) {
                    specs.add(new InputSpec(specs.size(), p.toAbsolutePath().normalize().toString(), null));
                }
            } catch (IOException e) {
                throw new ColorizeException("The input folder " + list + " cannot be read: " + e.getMessage(), e);
            }
        } else {
            List<String> lines;
            try {
                lines = Files.readAllLines(list, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ColorizeException("The input list " + list + " cannot be read (" + e.getMessage()
                        + "); give inputs=<a text file with one video file or frame folder per line, or a folder of them>.", e);
            }
            Path base = list.toAbsolutePath().normalize().getParent();
            for (String line : lines) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                String ref = parts.length > 1 && !parts[1].isBlank() ? base.resolve(parts[1].strip()).toString() : null;
                specs.add(new InputSpec(specs.size(), base.resolve(parts[0].strip()).normalize().toString(), ref));
            }
        }
        if (specs.isEmpty()) {
            throw new ColorizeException("The input list " + list + " names no inputs; give one video file or frame folder per line.");
        }
        return specs;
    }

    /** Two inputs whose results would have one name: the later one is refused. */
    private static void refuseSameOutputs(List<InputPlan> plans) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            InputPlan p = plans.get(i);
            if (p.output() == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(p.output(), p.spec().index());
            if (first != null) {
                plans.set(i, InputPlan.failed(p.spec(), p.output(), "Its result " + p.output() + " would have the name of line "
                        + (first + 1) + "'s result; rename one of the two inputs or colorize them in separate runs."));
            }
        }
    }

    private static void writeReport(List<Report.Row> rows, Path file) throws ColorizeException {
        StringBuilder b = new StringBuilder("Line,Input,Status,Frames,Units,UnitsSkipped,Output,Reason\n");
        for (Report.Row r : rows) {
            b.append(r.line()).append(',').append(csv(r.input())).append(',').append(r.status()).append(',')
                    .append(r.frames()).append(',').append(r.units()).append(',').append(r.skipped()).append(',')
                    .append(csv(r.output() == null ? "" : r.output())).append(',').append(csv(r.reason())).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.replace(file, tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ColorizeException("The report " + file + " could not be written: " + e.getMessage(), e);
        }
    }

    static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
