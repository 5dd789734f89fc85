package org.colorizevideo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.colorizevideo.colorize.AutomaticFrameColorizer;
import org.colorizevideo.colorize.StageTimes;
import org.colorizevideo.hints.HintSet;
import org.colorizevideo.hints.HintSpreading;
import org.colorizevideo.io.PngWriter;
import org.colorizevideo.model.ColorizationModel;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;

/**
 * Issue #13, acceptance 4: a keyframe coloured from hints, to be propagated through its clip as the
 * exemplar reference. For every clip folder under ROOT, frame 0 gets N hints revealed from the truth
 * (HintSweep's SIGGRAPH17 sampling: 6x6 model-pixel patches at Gaussian places, each the patch-mean true
 * a*b*) and is coloured by the hint model, as Colorize Keyframe does; the keyframe is written as
 * OUT/CLIP/00000.png, a keyframe folder for {@code reference=}. Prints the keyframe's PSNR against the
 * true frame 0. Then {@code REFS=OUT TAG=… EXEMPLAR_ONLY=1 tools/exemplar_eval.sh} runs the clips from
 * those keyframes.
 *
 * <pre>java -cp target/…-all.jar:target/bench-classes org.colorizevideo.bench.HintKeyframes ../shared/data/video/davis
 *     build/models/compact-hints-s2.json 20 target/exemplar-eval/keys-20 [spread: false|true]</pre>
 * MODEL {@code none}: no network, the hints spread alone (Colorize Keyframe's default); with a model,
 * {@code true} spreads what its hints still say ({@link HintSpreading#defaults()}).
 */
public final class HintKeyframes {

    private HintKeyframes() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int count = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        List<HintSweep.Frame> firstFrames = HintSweep.load(root, Integer.MAX_VALUE);   // frame 0 of each clip
        if (args[1].equals("none")) {
            for (HintSweep.Frame f : firstFrames) {
                int[] grid = HintSpreading.grid(f.w(), f.h());
                float[][] ab = HintSpreading.defaults().alone(f.l(), f.w(), f.h(),
                        HintSweep.reveal(f, count, grid[1], grid[0], new Random(count)), 1);
                write(out, f, count, org.colorizevideo.color.FastLab.labToRgb(f.l(), ab[0], ab[1], f.w(), f.h()));
            }
            return;
        }
        HintSpreading spread = args.length > 4 && Boolean.parseBoolean(args[4]) ? HintSpreading.defaults() : null;
        try (ColorizationModel model = ColorizationModel.open(ModelLocator.standard().locate(args[1]), DeviceChoice.CPU)) {
            if (!model.manifest().takesHints() && spread == null) {
                throw new IllegalArgumentException(model.name() + " takes no hints.");
            }
            for (HintSweep.Frame f : firstFrames) {
                int[] in = model.manifest().inputSizeFor(f.h(), f.w());
                HintSet hints = new HintSet(HintSweep.reveal(f, count, in[0], in[1], new Random(count)), 1);
                int[] key = new AutomaticFrameColorizer(model, model.manifest().output.temperature, 1, new StageTimes(), hints,
                        spread).colorize(0, List.of(f.l()), f.w(), f.h()).get(0);
                write(out, f, count, key);
            }
        }
    }

    private static void write(Path out, HintSweep.Frame f, int count, int[] key) throws Exception {
        String clip = f.name().substring(0, f.name().indexOf('/'));
        Path dir = out.resolve(clip);
        Files.createDirectories(dir);
        new PngWriter().write(key, f.w(), f.h(), dir.resolve("00000.png"));
        System.out.printf(Locale.ROOT, "%-16s keyframe from %d hints: PSNR %.3f dB against frame 0%n",
                clip, count, HintSweep.psnr(f.rgb(), key));
    }
}
