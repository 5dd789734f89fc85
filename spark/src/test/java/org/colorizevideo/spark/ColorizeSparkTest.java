package org.colorizevideo.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.metrics.ClipMeasure;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.plugin.ColorizeMeasureJob;
import org.colorizevideo.plugin.ColorizeVideoJob;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode (2 task threads; each task gets 2 attempts) against Colorize Video run on
 * each input alone: the same bytes, with and without Deep Video Prior; a task that fails is retried; a job
 * that dies half-way is resumed without redoing finished units; bad inputs are reported, not fatal.
 */
class ColorizeSparkTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static JavaSparkContext sc;
    static Path twoShots, gray, mp4;

    @BeforeAll
    static void start() throws Exception {
        Clips.assumeFfmpeg();
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("colorize-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        sc.setLogLevel("ERROR");
        Path in = Files.createDirectories(tmp.resolve("in"));
        twoShots = Clips.twoShots(in.resolve("two-shots"), 24, 12, 64, 48);
        gray = in.resolve("gray");
        Files.createDirectories(gray);
        try (Stream<Path> s = Files.list(Clips.projectDir().resolve("test-data/frames/gray"))) {
            for (Path p : s.sorted().toList()) {
                Files.copy(p, gray.resolve(p.getFileName()));
            }
        }
        mp4 = Clips.mp4(twoShots, "f%03d.png", in.resolve("film.mp4"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    private static Path list(String name, Path... inputs) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path p : inputs) {
            lines.add(p.toString());
        }
        return Files.write(tmp.resolve(name), lines);
    }

    private static SparkOptions options(Path list, Path out, String... more) throws ColorizeException {
        List<String> a = new ArrayList<>(List.of("inputs=" + list, "output=" + out, "cuts=3", "min_shot=5"));
        a.addAll(List.of(more));
        return SparkOptions.parse(a.toArray(String[]::new));
    }

    /** Colorize Video on one input, with the options' settings. */
    private static void single(Path input, Path output, SparkOptions o) throws ColorizeException {
        ColorizeVideoJob.run(new ColorizeVideoJob.Request(null, input, output, o.settings(null), false, false, o.dvp(),
                o.integer("quality"), o.segmenting()), ModelLocator.standard(), ProgressListener.NONE, Cancellation.NEVER);
    }

    private static String report(Path out) throws IOException {
        return Files.readString(out.resolve(ColorizeSpark.REPORT));
    }

    @Test
    void threeInputsGiveTheBytesOfColorizeVideoOnEach() throws Exception {
        Path list = list("three.txt", twoShots, gray, mp4);
        Path out = tmp.resolve("out-auto");
        SparkOptions o = options(list, out, "unit=6", "measure=true");
        ColorizeSpark.Report r = ColorizeSpark.run(sc, o);
        assertEquals(0, r.failed(), report(out));
        assertEquals(3 + 1 + 3, r.unitsRun(), "units of 8 frames (6 rounded up to the batch of 4): 24, 6 and 24 frames");
        Path single = tmp.resolve("single-auto");
        single(twoShots, single.resolve("two-shots"), o);
        single(gray, single.resolve("gray"), o);
        single(mp4, single.resolve("film.mp4"), o);
        Clips.assertSameTree(single.resolve("two-shots"), out.resolve("two-shots"));
        Clips.assertSameTree(single.resolve("gray"), out.resolve("gray"));
        // the MP4 byte for byte: the sink's x264 runs without its AVX-512 code, which read memory it had not written
        assertArrayEquals(Files.readAllBytes(single.resolve("film.mp4")), Files.readAllBytes(out.resolve("film.mp4")));
        // the MP4's frames, byte for byte: the same input written as frames by both
        Path frames = tmp.resolve("out-auto-frames");
        ColorizeSpark.run(sc, options(list("mp4.txt", mp4), frames, "unit=6", "format=folder"));
        single(mp4, single.resolve("film"), o);
        Clips.assertSameTree(single.resolve("film"), frames.resolve("film"));
        try (Stream<Path> s = Files.list(out.resolve(".colorize-spark"))) {
            assertEquals(List.of(), s.toList(), "the parts are removed once joined");
        }
        // the metrics pass: Colorize Measure's table of the whole clip
        for (String name : List.of("two-shots", "film.mp4")) {
            Path m = tmp.resolve("measure-" + name);
            ColorizeMeasureJob.run(new ColorizeMeasureJob.Request(null, out.resolve(name), null,
                    name.equals("film.mp4") ? mp4 : twoShots, m, new ClipMeasure.Settings("dis-medium", null, 1)),
                    ProgressListener.NONE, Cancellation.NEVER);
            assertEquals(Files.readString(m.resolve("metrics.csv")),
                    Files.readString(out.resolve("metrics").resolve(name).resolve("metrics.csv")), name);
        }
    }

    @Test
    void refinementPerShotGivesTheSameBytes() throws Exception {
        Path list = list("dvp.txt", twoShots, mp4);
        Path out = tmp.resolve("out-dvp");
        SparkOptions o = options(list, out, "dvp=true", "epochs=2", "chunk=7", "overlap=2", "format=folder");
        ColorizeSpark.Report r = ColorizeSpark.run(sc, o);
        assertEquals(0, r.failed(), report(out));
        assertEquals(4, r.unitsRun(), "one unit per shot: two shots per clip");
        Path single = tmp.resolve("single-dvp");
        single(twoShots, single.resolve("two-shots"), o);
        single(mp4, single.resolve("film"), o);
        Clips.assertSameTree(single.resolve("two-shots"), out.resolve("two-shots")); // frames and shots.csv
        Clips.assertSameTree(single.resolve("film"), out.resolve("film"));
    }

    @Test
    void exemplarKeyframesGiveTheSameBytes() throws Exception {
        Path keys = Files.createDirectories(tmp.resolve("in/keys"));
        Clips.colourFrame(keys.resolve("00000.png"), 64, 48, 0);
        Clips.colourFrame(keys.resolve("00012.png"), 64, 48, 1);
        Path list = Files.write(tmp.resolve("exemplar.txt"), List.of(twoShots + "\t" + keys));
        Path out = tmp.resolve("out-exemplar");
        SparkOptions o = options(list, out);
        ColorizeSpark.Report r = ColorizeSpark.run(sc, o);
        assertEquals(0, r.failed(), report(out));
        assertEquals(2, r.unitsRun(), "the recurrence restarts at the second keyframe (and the cut): two units");
        Path single = tmp.resolve("single-exemplar");
        ColorizeVideoJob.run(new ColorizeVideoJob.Request(null, twoShots, single.resolve("two-shots"), o.settings(keys.toString()),
                false, false, null, o.integer("quality"), o.segmenting()), ModelLocator.standard(), ProgressListener.NONE,
                Cancellation.NEVER);
        Clips.assertSameTree(single.resolve("two-shots"), out.resolve("two-shots"));
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndLeavesNoHalfPart() throws Exception {
        Path list = list("retry.txt", twoShots, mp4);
        Path out = tmp.resolve("out-retry");
        SparkOptions o = options(list, out, "unit=4", "test_fail_unit=1:2", "test_fail_attempts=1", "format=folder");
        ColorizeSpark.Report r = ColorizeSpark.run(sc, o);
        assertEquals(0, r.failed(), report(out));
        assertEquals(6 + 6, r.unitsRun(), "the retried unit counts once");
        Path single = tmp.resolve("single-retry");
        single(twoShots, single.resolve("two-shots"), o);
        single(mp4, single.resolve("film"), o);
        Clips.assertSameTree(single.resolve("two-shots"), out.resolve("two-shots"));
        Clips.assertSameTree(single.resolve("film"), out.resolve("film"));
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains(".partial")).toList());
        }
    }

    @Test
    void aJobKilledHalfWayIsResumedWithoutRedoingFinishedUnits() throws Exception {
        Path list = list("resume.txt", twoShots, gray);
        Path out = tmp.resolve("out-resume");
        SparkOptions broken = options(list, out, "unit=4", "test_fail_unit=0:5", "test_fail_attempts=99");
        assertThrows(Exception.class, () -> ColorizeSpark.run(sc, broken), "unit 5 fails on both attempts: the job dies");
        waitIdle();
        Path staging = out.resolve(".colorize-spark");
        int finished;
        try (Stream<Path> s = Files.walk(staging)) {
            finished = (int) s.filter(p -> p.getFileName().toString().startsWith("unit-")).count();
        }
        try (Stream<Path> s = Files.walk(staging)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains(".partial")).toList(),
                    "no half-written part");
        }
        assertTrue(finished > 0 && finished < 8, finished + " of 8 units finished before the job died");
        ColorizeSpark.Report r = ColorizeSpark.run(sc, options(list, out, "unit=4"));
        assertEquals(0, r.failed(), report(out));
        System.out.println("resume: " + finished + " of 8 units were finished when the job died; the re-run skipped "
                + r.unitsSkipped() + " and colorized " + r.unitsRun());
        assertEquals(finished, r.unitsSkipped(), "the finished units are skipped");
        assertEquals(8 - finished, r.unitsRun());
        Path single = tmp.resolve("single-resume");
        SparkOptions o = options(list, out, "unit=4");
        single(twoShots, single.resolve("two-shots"), o);
        single(gray, single.resolve("gray"), o);
        Clips.assertSameTree(single.resolve("two-shots"), out.resolve("two-shots"));
        Clips.assertSameTree(single.resolve("gray"), out.resolve("gray"));
        assertFalse(Files.exists(staging) && Files.list(staging).findAny().isPresent(), "the parts are gone");
        // a third run finds every result in place
        ColorizeSpark.Report again = ColorizeSpark.run(sc, options(list, out, "unit=4"));
        assertEquals(List.of("exists", "exists"), again.rows().stream().map(ColorizeSpark.Report.Row::status).toList());
    }

    /** Waits until the tasks of a failed job (which Spark does not interrupt) have ended. */
    private static void waitIdle() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (sc.statusTracker().getActiveStageIds().length == 0
                    && Stream.of(sc.sc().statusTracker().getExecutorInfos()).allMatch(e -> e.numRunningTasks() == 0)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void badInputsAreReportedAndTheOthersFinish() throws Exception {
        Path corrupt = tmp.resolve("in/corrupt.mp4");
        byte[] junk = new byte[4096];
        new java.util.Random(1).nextBytes(junk);
        Files.write(corrupt, junk);
        Path colour = Clips.colourMp4(tmp.resolve("in/colour.mp4"));
        Path missing = tmp.resolve("in/missing.mp4");
        Path list = list("bad.txt", missing, colour, gray, corrupt);
        Path out = tmp.resolve("out-bad");
        ColorizeSpark.Report r = ColorizeSpark.run(sc, options(list, out));
        assertEquals(List.of("failed", "failed", "done", "failed"),
                r.rows().stream().map(ColorizeSpark.Report.Row::status).toList(), report(out));
        Clips.assertSameTree(tmp.resolve("in/gray"), tmp.resolve("in/gray")); // input untouched
        assertTrue(Files.isDirectory(out.resolve("gray")));
        assertFalse(Files.exists(out.resolve("colour.mp4")));
        assertFalse(Files.exists(out.resolve("corrupt.mp4")));
        List<String> lines = Files.readAllLines(out.resolve(ColorizeSpark.REPORT), StandardCharsets.UTF_8);
        assertEquals(5, lines.size());
        for (ColorizeSpark.Report.Row row : r.rows()) {
            if (row.status().equals("failed")) {
                assertTrue(row.reason().endsWith("."), row.reason());
                assertFalse(row.reason().contains("\n"), row.reason());
            }
        }
        assertTrue(r.rows().get(0).reason().contains("does not exist"), r.rows().get(0).reason());
        assertTrue(r.rows().get(1).reason().contains("in colour"), r.rows().get(1).reason());
        System.out.println(report(out));
    }
}
