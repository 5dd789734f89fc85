package org.colorizevideo.spark;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColorizationEngine;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.dvp.DeepVideoPrior;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.RefiningSink;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.exemplar.Keyframes;
import org.colorizevideo.io.AtomicFiles;
import org.colorizevideo.io.AtomicOutput;
import org.colorizevideo.io.InputOpener;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.colorizevideo.shots.ShotTable;
import org.colorizevideo.shots.Shots;
import org.colorizevideo.spark.Plans.InputPlan;
import org.colorizevideo.spark.Plans.InputSpec;
import org.colorizevideo.spark.Plans.JoinResult;
import org.colorizevideo.spark.Plans.Unit;
import org.colorizevideo.spark.Plans.UnitResult;
import org.colorizevideo.video.VideoFileInfo;
import org.colorizevideo.video.VideoFileSink;
import org.colorizevideo.video.VideoFileSource;
import org.colorizevideo.video.VideoTiming;

/**
 * The three steps of the job, each run inside a Spark task on an executor: {@link #plan} (open an input,
 * refuse what Colorize Video refuses, find the scene cuts where the run uses them, cut it into units),
 * {@link #colorize} (one unit: the engine over its frame range, refinement per shot, frames into a part
 * that appears whole or not at all) and {@link #join} (one input: the parts in order into the sink
 * Colorize Video writes with, the sound of a video input kept). Plain Java over the plugin's core: no
 * Spark types here, so each step is tested without a cluster too.
 */
public final class Work {

    /**
     * Deep Video Prior trains with DJL's PyTorch engine, which allows one gradient collector per JVM at a
     * time ("A PtGradientCollector is already collecting"): refinement units of one executor take turns.
     * A lock, not state: it holds nothing. With refinement, give executors one core each and scale by
     * executors (README, "Colorize on Apache Spark").
     */
    private static final Object TRAINING = new Object();

    private Work() {
    }

    // ------------------------------------------------------------------------------------------------ plan

    /** The result path of an input: {@code output/<name>} for frames, {@code output/<name>.<ext>} for a video. */
    static Path outputFor(Path input, SparkOptions o) throws ColorizeException {
        String file = input.getFileName().toString();
        String base = file.replaceFirst("\\.[^.]+$", "");
        boolean video = !Files.isDirectory(input) && VideoFileInfo.isVideoFile(input);
        String format = o.format();
        Path out = Path.of(o.get("output")).toAbsolutePath().normalize();
        if (format.equals("folder") || (format.equals("same") && !video)) {
            return out.resolve(video ? base : file);
        }
        String ext = format;
        if (format.equals("same")) {
            ext = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (!List.of("mp4", "mov", "mkv").contains(ext)) {
                ext = "mkv"; // holds every codec of the input's sound
            }
        }
        return out.resolve(base + "." + ext);
    }

    static Path stagingRoot(SparkOptions o) {
        String s = o.get("staging");
        return s.isEmpty() ? Path.of(o.get("output")).toAbsolutePath().normalize().resolve(".colorize-spark")
                : Path.of(s).toAbsolutePath().normalize();
    }

    /**
     * Opens the input and cuts it into units. A result that exists already (an earlier run finished this
     * input) gives a plan without units, unless overwrite. Refusals come back as the plan's sentence.
     */
    public static InputPlan plan(InputSpec spec, SparkOptions o) {
        ColorizeSpark.prepareJvm();
        Path in = Path.of(spec.path());
        String output = null;
        try {
            Path out = outputFor(in, o);
            output = out.toString();
            AtomicOutput.checkOverlap(out, in);
            if (Files.exists(out) && !o.flag("overwrite")) {
                return new InputPlan(spec, output, null, 0, List.of(), null, null);
            }
            InputOpener.Opened opened = InputOpener.open(in, false);
            try {
                if (opened.image() != null) {
                    throw new ColorizeException("The input " + in + " is an image file; the Spark job takes video files and "
                            + "folders of frames (save a stack as a folder of PNG frames first).");
                }
                LuminanceSource source = opened.source();
                ColorizeSettings settings = o.settings(spec.reference());
                ColorizationEngine engine = new ColorizationEngine(settings, ModelLocator.standard(), ProgressListener.NONE,
                        Cancellation.NEVER);
                engine.check(source);
                source.luminance(0); // a colour video or a broken first frame is refused here, with Colorize Video's sentence
                DvpSettings dvp = o.dvp();
                Segmenting seg = o.segmenting();
                // as ColorizeVideoJob: cuts are found when refinement or several keyframes use them
                Shots shots = dvp == null && !engine.usesShots() ? null
                        : seg.detector().detect(source, ProgressListener.NONE, Cancellation.NEVER);
                int n = source.size();
                List<Integer> starts = unitStarts(source, settings, shots, dvp != null, o.unitFrames());
                List<Unit> units = new ArrayList<>();
                for (int i = 0; i < starts.size(); i++) {
                    units.add(new Unit(spec.index(), i, starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : n));
                }
                String staging = stagingRoot(o).resolve(String.format("%04d-", spec.index())
                        + in.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                        + o.fingerprint(in.toAbsolutePath().normalize().toString(), spec.reference())).toString();
                return new InputPlan(spec, output, staging, n, units,
                        shots == null ? null : shots.list().stream().map(Shots.Shot::first).toList(), null);
            } finally {
                closeQuietly(opened.source());
            }
        } catch (ColorizeException e) {
            return InputPlan.failed(spec, output, e.getMessage());
        } catch (RuntimeException e) {
            return InputPlan.failed(spec, output, "The input " + in + " cannot be read: " + e.getMessage() + ".");
        }
    }

    /**
     * Where units start: with refinement, at every shot (a shot is refined by one network, its chunks
     * blended in order, so it is one unit); exemplar, where the recurrence restarts (every keyframe, and
     * every cut when cuts are used); otherwise every {@code unitFrames} frames (a multiple of the batch:
     * frames are colorized independently, in the batches of a whole run).
     */
    static List<Integer> unitStarts(LuminanceSource source, ColorizeSettings settings, Shots shots, boolean dvp,
            int unitFrames) throws ColorizeException {
        int n = source.size();
        List<Integer> starts = new ArrayList<>();
        if (dvp) {
            shots.list().forEach(s -> starts.add(s.first()));
        } else if (settings.exemplar() != null) {
            Keyframes k = settings.exemplar().keyframes(n);
            if (shots != null) {
                k = k.perShot(shots);
            }
            starts.add(0);
            for (int f = 1; f < n; f++) {
                if (k.indexFor(f) != k.indexFor(f - 1) || (shots != null && k.startsShot(f))) {
                    starts.add(f);
                }
            }
        } else {
            for (int f = 0; f < n; f += unitFrames) {
                starts.add(f);
            }
        }
        return starts;
    }

    // -------------------------------------------------------------------------------------------- colorize

    /**
     * Colorizes one unit into its part, unless the part is there already (an earlier run or attempt made
     * it). A user-facing refusal (a colour frame, a damaged frame) comes back as the result's sentence and
     * is not retried; anything else is thrown, so that Spark retries the task. Either way the temporary
     * part is removed: only a complete part ever carries the unit's name.
     *
     * @param attempt the task's attempt number (0 first), for the fault-injection test hook
     */
    public static UnitResult colorize(Unit unit, InputPlan plan, SparkOptions o, int attempt) {
        ColorizeSpark.prepareJvm();
        long t0 = System.nanoTime();
        Path staging = Path.of(plan.staging());
        Path done = staging.resolve(Parts.name(unit.unit()));
        if (Files.isDirectory(done)) {
            return new UnitResult(unit.input(), unit.unit(), true, unit.frames(), 0, null);
        }
        Path tmp = null;
        LuminanceSource source = null, behind = null;
        try {
            Files.createDirectories(staging);
            tmp = Files.createTempDirectory(staging, "." + Parts.name(unit.unit()) + ".partial-");
            source = InputOpener.open(Path.of(plan.spec().path()), false).source();
            ColorizeSettings settings = o.settings(plan.spec().reference());
            ColorizationEngine engine = new ColorizationEngine(settings, ModelLocator.standard(), ProgressListener.NONE,
                    Cancellation.NEVER).withModels(ExecutorModels.get());
            engine.check(source);
            engine.withShots(plan.shotStarts() == null ? null : Shots.fromStarts(plan.shotStarts(), plan.frames()));
            boolean inject = o.get("test_fail_unit").equals(unit.input() + ":" + unit.unit())
                    && attempt < o.integer("test_fail_attempts");
            Parts.Sink part = new Parts.Sink(tmp, source, unit.first());
            DvpSettings dvp = o.dvp();
            LuminanceSource read = inject ? new Parts.Failing(source, unit.first() + unit.frames() / 2 + 1) : source;
            if (dvp == null) {
                engine.process(read, new Parts.Shifted(part, unit.first()), unit.first(), unit.end());
            } else {
                // as ColorizeVideoJob: the refinement reads the gray frames through its own decoder
                behind = source instanceof VideoFileSource v ? v.reopen() : source;
                DeepVideoPrior refiner = new DeepVideoPrior(dvp, o.segmenting(), ProgressListener.NONE, Cancellation.NEVER);
                RefiningSink refining = refiner.collector(new Parts.Range(behind, unit.first(), unit.frames()),
                        Shots.single(unit.frames()), part);
                synchronized (TRAINING) { // DJL's PyTorch engine lets one gradient collector collect at a time per JVM
                    engine.process(read, new Parts.Shifted(refining, unit.first()), unit.first(), unit.end());
                }
            }
            try {
                Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another attempt of this unit (a speculative or a lost-then-finished one) got there first: same frames
            }
            return new UnitResult(unit.input(), unit.unit(), false, unit.frames(), (System.nanoTime() - t0) / 1e9, null);
        } catch (ColorizeException e) {
            return new UnitResult(unit.input(), unit.unit(), false, unit.frames(), 0, e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Unit " + unit + " could not write its part in " + staging, e);
        } finally {
            AtomicOutput.deleteTree(tmp);
            if (behind != source) {
                closeQuietly(behind);
            }
            closeQuietly(source);
        }
    }

    // ------------------------------------------------------------------------------------------------ join

    /**
     * Joins the parts of one input in frame order into its result, with the sink Colorize Video writes
     * with: a video file (H.264 at {@code quality}, the input's timestamps and every audio stream of a
     * video input) or a folder of PNG frames (the part files, linked; a whole-run FolderSink writes the same
     * bytes); the shot table when cuts were used. Atomic as every output of the plugin; the input's parts
     * are removed once its result is in place.
     */
    public static JoinResult join(InputPlan plan, SparkOptions o) {
        ColorizeSpark.prepareJvm();
        long t0 = System.nanoTime();
        Path in = Path.of(plan.spec().path());
        Path target = Path.of(plan.output());
        Path staging = Path.of(plan.staging());
        LuminanceSource source = null;
        try {
            source = InputOpener.open(in, false).source();
            VideoTiming timing = source instanceof VideoFileSource v ? VideoTiming.of(v.info())
                    : VideoTiming.constant(source.size(), 25.0);
            Shots shots = plan.shotStarts() == null ? null : Shots.fromStarts(plan.shotStarts(), plan.frames());
            boolean overwrite = o.flag("overwrite");
            if (VideoFileSink.isVideoOutput(target)) {
                FrameSink sink = new VideoFileSink(target, overwrite, in, source.width(), source.height(), timing,
                        source instanceof VideoFileSource v ? v.info() : null, o.integer("quality"));
                boolean committed = false;
                try {
                    for (Unit u : plan.units()) {
                        Path part = staging.resolve(Parts.name(u.unit()));
                        for (int f = u.first(); f < u.end(); f++) {
                            sink.put(f, Parts.read(Parts.frame(part, source, f), source.width(), source.height()),
                                    source.width(), source.height());
                        }
                    }
                    sink.commit();
                    committed = true;
                } finally {
                    if (!committed) {
                        sink.abort();
                    }
                }
                if (shots != null) {
                    Path csv = target.resolveSibling(target.getFileName() + ".shots.csv");
                    AtomicFiles.replace(csv, tmp -> ShotTable.writeCsv(shots, timing, tmp));
                }
            } else {
                AtomicOutput out = new AtomicOutput(target, overwrite, in);
                boolean committed = false;
                try {
                    for (Unit u : plan.units()) {
                        Path part = staging.resolve(Parts.name(u.unit()));
                        for (int f = u.first(); f < u.end(); f++) {
                            Path from = Parts.frame(part, source, f);
                            Path to = out.staging().resolve(from.getFileName());
                            try {
                                Files.createLink(to, from);
                            } catch (UnsupportedOperationException | IOException e) {
                                Files.copy(from, to);
                            }
                        }
                    }
                    if (shots != null) {
                        ShotTable.writeCsv(shots, timing, out.staging().resolve("shots.csv"));
                    }
                    out.commit();
                    committed = true;
                } finally {
                    if (!committed) {
                        out.abort();
                    }
                }
            }
            AtomicOutput.deleteTree(staging);
            return new JoinResult(plan.spec().index(), target.toString(), (System.nanoTime() - t0) / 1e9, null);
        } catch (ColorizeException e) {
            return new JoinResult(plan.spec().index(), target.toString(), 0, e.getMessage());
        } catch (IOException e) {
            return new JoinResult(plan.spec().index(), target.toString(), 0, "The parts in " + staging
                    + " could not be joined into " + target + ": " + e.getMessage() + ".");
        } finally {
            closeQuietly(source);
        }
    }

    static void closeQuietly(Object o) {
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // releasing a decoder
            }
        }
    }
}
