// Prints the content detector's per-frame scores and the shots it finds for each input (folder, video
// file, TIFF), with the product's own ShotDetector. Usage (from the repository root, after packaging):
//   java -cp target/Colorize_Video-0.1.0-SNAPSHOT-all.jar tools/ShotScores.java [threshold] input...
// A first argument that is a number is the adaptive threshold (default 3).
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.io.InputOpener;
import org.colorizevideo.shots.ShotDetector;

public class ShotScores {
    public static void main(String[] args) throws Exception {
        double threshold = ShotDetector.DEFAULT_THRESHOLD;
        int first = 0;
        if (args.length > 0 && args[0].matches("[0-9.]+")) {
            threshold = Double.parseDouble(args[0]);
            first = 1;
        }
        for (String a : Arrays.copyOfRange(args, first, args.length)) {
            LuminanceSource s = InputOpener.open(Path.of(a), true).source();
            ShotDetector d = new ShotDetector(threshold, ShotDetector.DEFAULT_MIN_SHOT);
            double[] sc = ShotDetector.contentValues(s, (x, y, z) -> { }, () -> false);
            int arg = 1, argR = 1 + ShotDetector.WINDOW;
            for (int i = 1; i < sc.length; i++) {
                if (sc[i] > sc[arg]) arg = i;
            }
            for (int i = 1 + ShotDetector.WINDOW; i + ShotDetector.WINDOW < sc.length; i++) {
                if (ShotDetector.ratio(sc, i) > ShotDetector.ratio(sc, argR)) argR = i;
            }
            System.out.printf(Locale.ROOT, "%-40s frames %5d  content max %6.2f at %4d, mean %5.2f; ratio max %6.2f at %4d; shots %s%n",
                    a, sc.length, sc[arg], arg, Arrays.stream(sc).skip(1).average().orElse(0), ShotDetector.ratio(sc, argR), argR,
                    d.shots(sc).list());
            if (s instanceof AutoCloseable c) c.close();
        }
    }
}
