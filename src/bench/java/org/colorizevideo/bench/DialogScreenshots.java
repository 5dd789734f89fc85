package org.colorizevideo.bench;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;

/**
 * Screenshots of the three dialogs (issue #16), taken on a real (virtual) display: ImageJ is started,
 * a gray stack opened, each command run from its menu class; when its dialog shows, it is captured
 * with java.awt.Robot, then cancelled (for Colorize Video: "advanced" ticked and OK pressed first, so the
 * advanced dialog is captured too, and the preview ticked, so the image window shows the colorized
 * slice). Not a test: it needs a display (tools/dialog_screenshots.sh runs it under Xvfb).
 *
 * <pre>java -cp target/…-all.jar:target/bench-classes org.colorizevideo.bench.DialogScreenshots frames/ docs/</pre>
 */
public final class DialogScreenshots {

    private DialogScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path frames = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        ImageJ imagej = new ImageJ();
        imagej.setLocation(0, 0);
        ImagePlus film = ij.plugin.FolderOpener.open(frames.toString(), "");
        film.setTitle("film.tif");
        film.show();
        film.getWindow().setLocation(0, 110);
        IJ.run(film, "Set... ", "zoom=300");
        IJ.wait(1500);
        Robot robot = new Robot();

        Thread video = run("org.colorizevideo.plugin.ColorizeVideoPlugIn");
        GenericDialog main = waitFor("Colorize Video");
        tick(main, "preview");
        IJ.wait(6000); // the preview colorizes the slice
        capture(robot, main, out.resolve("dialog-colorize-video.png"));
        capture(robot, film.getWindow(), out.resolve("dialog-colorize-video-preview.png"));
        tick(main, "advanced");
        press(main, "  OK  ", "OK");
        GenericDialog advanced = waitFor("Colorize Video: advanced");
        capture(robot, advanced, out.resolve("dialog-colorize-video-advanced.png"));
        press(advanced, "Cancel");
        video.join(10000);

        Thread dvp = run("org.colorizevideo.plugin.ColorizeTemporalRefinementPlugIn");
        GenericDialog refine = waitFor("Colorize Temporal Refinement (DVP)");
        capture(robot, refine, out.resolve("dialog-temporal-refinement.png"));
        press(refine, "Cancel");
        dvp.join(10000);

        keyframe(robot, film, out);

        Thread measure = run("org.colorizevideo.plugin.ColorizeMeasurePlugIn");
        GenericDialog m = waitFor("Colorize Measure");
        capture(robot, m, out.resolve("dialog-measure.png"));
        press(m, "Cancel");
        measure.join(10000);
        System.out.println("screenshots in " + out);
        System.exit(0);
    }

    /**
     * Colorize Keyframe as a user does it: three hints on slice 3 in the ROI Manager (a red click, a blue
     * rectangle, a green line, each with its stroke colour), the film with the hints, the dialog, and
     * the coloured keyframe it shows (OK pressed with the first hint model found in models/).
     */
    private static void keyframe(Robot robot, ImagePlus film, Path out) throws Exception {
        film.setSlice(3);
        ij.plugin.frame.RoiManager manager = ij.plugin.frame.RoiManager.getRoiManager();
        manager.reset();
        ij.gui.Roi click = new ij.gui.PointRoi(20, 30);
        click.setStrokeColor(new java.awt.Color(200, 40, 40));
        ij.gui.Roi area = new ij.gui.Roi(60, 50, 20, 10);
        area.setStrokeColor(new java.awt.Color(40, 90, 210));
        ij.gui.Roi line = new ij.gui.Line(70, 8, 95, 14);
        line.setStrokeColor(new java.awt.Color(60, 180, 60));
        for (ij.gui.Roi r : new ij.gui.Roi[] {click, area, line}) {
            r.setPosition(3);
            manager.addRoi(r);
        }
        manager.runCommand("Show All");
        manager.setLocation(700, 110);
        IJ.wait(1000);
        capture(robot, film.getWindow(), out.resolve("dialog-keyframe-hints.png"));
        Thread t = run("org.colorizevideo.plugin.ColorizeKeyframePlugIn");
        GenericDialog gd = waitFor("Colorize Keyframe");
        capture(robot, gd, out.resolve("dialog-colorize-keyframe.png"));
        press(gd, "  OK  ", "OK");
        t.join(60000);
        IJ.wait(1500);
        ImagePlus result = ij.WindowManager.getCurrentImage();
        if (result != null && result != film && result.getWindow() != null) {
            IJ.run(result, "Set... ", "zoom=300");
            IJ.wait(1000);
            capture(robot, result.getWindow(), out.resolve("dialog-keyframe-result.png"));
            result.close();
        }
        manager.reset();
        manager.close();
    }

    private static Thread run(String plugin) {
        Thread t = new Thread(() -> IJ.runPlugIn(plugin, ""), plugin);
        t.start();
        return t;
    }

    private static GenericDialog waitFor(String title) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (Window w : Window.getWindows()) {
                if (w instanceof GenericDialog gd && w.isShowing() && title.equals(gd.getTitle())) {
                    Thread.sleep(800); // laid out and painted
                    return gd;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no dialog '" + title + "' appeared");
    }

    private static void capture(Robot robot, Window w, Path png) throws Exception {
        w.toFront();
        Thread.sleep(500);
        // where the window is drawn now (a dialog may have moved since it was laid out: no window manager)
        Rectangle r = new Rectangle(w.getLocationOnScreen(), w.getSize());
        BufferedImage shot = robot.createScreenCapture(r);
        ImageIO.write(shot, "png", png.toFile());
        System.out.println(png + " " + r.width + "x" + r.height);
    }

    /** Ticks a checkbox as a person would: state and item event (so the dialog's listeners run). */
    private static void tick(GenericDialog gd, String label) throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            for (Object o : gd.getCheckboxes()) {
                Checkbox c = (Checkbox) o;
                if (label.equals(c.getLabel())) {
                    c.setState(true);
                    for (java.awt.event.ItemListener l : c.getItemListeners()) {
                        l.itemStateChanged(new java.awt.event.ItemEvent(c, java.awt.event.ItemEvent.ITEM_STATE_CHANGED, c,
                                java.awt.event.ItemEvent.SELECTED));
                    }
                }
            }
        });
    }

    private static void press(Container root, String... labels) throws Exception {
        Button b = find(root, labels);
        if (b == null) {
            throw new IllegalStateException("no button " + String.join("/", labels));
        }
        SwingUtilities.invokeAndWait(() -> {
            for (java.awt.event.ActionListener l : b.getActionListeners()) {
                l.actionPerformed(new java.awt.event.ActionEvent(b, java.awt.event.ActionEvent.ACTION_PERFORMED, b.getLabel()));
            }
        });
    }

    private static Button find(Container root, String... labels) {
        for (Component c : root.getComponents()) {
            if (c instanceof Button b) {
                for (String l : labels) {
                    if (l.equals(b.getLabel()) || l.trim().equals(b.getLabel().trim())) {
                        return b;
                    }
                }
            }
            if (c instanceof Container inner) {
                Button b = find(inner, labels);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }
}
