package org.colorizevideo.plugin;

import ij.Macro;
import ij.Prefs;
import ij.gui.GenericDialog;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;

/**
 * What the three ImageJ 1.x dialogs share: section headings, file and folder fields with a Browse
 * button (and drag-and-drop, which ImageJ's text fields have), model lists, and the last values a
 * person chose (ImageJ's Prefs, under {@code colorize.<command>.<key>}).
 *
 * <p>Two kinds of runs see different dialogs with the same keys. A person ({@link #interactive}: no
 * macro options, a display) gets Browse buttons, model choice lists, a preview and the values of the
 * last run. A macro or a headless run gets plain text fields with the built-in defaults: ij1-patcher's
 * headless dialog has no file fields (it ignores them, which would shift every later field), a macro's
 * {@code model=/path/to/my.onnx} must not be refused by a choice list, and a macro must do the same
 * thing whatever a person last typed into a dialog.
 */
final class DialogKit {

    /** The last entry of a model list: take the path in the {@code *_file} field instead. */
    static final String OTHER_FILE = "other file...";

    private static final Font HEADING = new Font("SansSerif", Font.BOLD, 13);

    private final GenericDialog gd;
    private final String prefsPrefix;
    private final boolean interactive;
    private boolean remembering = true;

    DialogKit(GenericDialog gd, String command) {
        this(gd, command, interactive());
    }

    DialogKit(GenericDialog gd, String command, boolean interactive) {
        this.gd = gd;
        this.prefsPrefix = "colorize." + command.toLowerCase(java.util.Locale.ROOT).replace(' ', '_') + ".";
        this.interactive = interactive;
    }

    /** A person sees the dialog: no macro options for this thread, and a display. */
    static boolean interactive() {
        return interactive(Macro.getOptions(), GraphicsEnvironment.isHeadless());
    }

    /** A person sees the dialog only without macro options and with a display. */
    static boolean interactive(String macroOptions, boolean headless) {
        return macroOptions == null && !headless;
    }

    boolean isInteractive() {
        return interactive;
    }

    /**
     * Whether reading a field stores it as the next dialog's default: off while a preview listener
     * reads the fields of a dialog that may still be cancelled, on for the final read after OK.
     */
    void remembering(boolean on) {
        remembering = on;
    }

    /** Unticks a checkbox of a closed dialog, so that reading it records nothing (the preview). */
    static void untick(GenericDialog gd, String label) {
        java.util.Vector<?> boxes = gd.getCheckboxes();
        if (boxes == null) {
            return;
        }
        for (Object o : boxes) {
            if (o instanceof java.awt.Checkbox c && label.equals(c.getLabel())) {
                c.setState(false);
            }
        }
    }

    void heading(String text) {
        gd.setInsets(12, 0, 2);
        gd.addMessage(text, HEADING);
    }

    /** A path to a file (or, dropped or typed, a folder): a Browse button for a person. */
    void file(String key, int columns) {
        if (interactive) {
            gd.addFileField(key, last(key, ""), columns);
        } else {
            gd.addStringField(key, "", columns);
        }
    }

    /**
     * For a person, when images are open: a button under the field {@code key} (added just before)
     * that offers the open images and puts the chosen title into the field. A button is not recorded,
     * so the recorded macro has the title in the field's own key, which works in a macro too.
     */
    void openImageButton(String key) {
        if (!interactive || ij.WindowManager.getImageCount() == 0) {
            return;
        }
        java.util.Vector<?> fields = gd.getStringFields();
        java.awt.TextField field = (java.awt.TextField) fields.get(fields.size() - 1);
        gd.addButton("Open image as " + key + "...", e -> {
            String[] titles = ij.WindowManager.getImageTitles();
            if (titles.length == 0) {
                return;
            }
            GenericDialog pick = new GenericDialog(key + ": open image");
            pick.addChoice("image", titles, titles[0]);
            pick.showDialog();
            if (!pick.wasCanceled()) {
                field.setText(pick.getNextChoice());
            }
        });
    }

    /** A path to a folder (or a video file typed in): a Browse button for a person. */
    void folder(String key, int columns) {
        if (interactive) {
            gd.addDirectoryField(key, last(key, ""), columns);
        } else {
            gd.addStringField(key, "", columns);
        }
    }

    /**
     * A model: for a person, a choice of {@code names} (the bundled and found models) plus
     * {@link #OTHER_FILE}, with a {@code <key>_file} field for the other file; for a macro, the text
     * field of today ({@code model=compact-lab-v2} or a path) and the same {@code <key>_file} key.
     * Read back with {@link #nextModel}.
     */
    void model(String key, List<String> names, String defaultName) {
        if (interactive) {
            List<String> items = new ArrayList<>(names);
            if (!items.contains(defaultName)) {
                items.add(0, defaultName);
            }
            items.add(OTHER_FILE);
            String last = last(key, defaultName);
            gd.addChoice(key, items.toArray(String[]::new), items.contains(last) ? last : defaultName);
        } else {
            gd.addStringField(key, defaultName, 24);
        }
        file(key + "_file", 30);
    }

    /** The model that {@link #model} asked for: the file when one is given (or "other file" chosen), else the name. */
    String nextModel(String key) {
        String name = (interactive ? gd.getNextChoice() : gd.getNextString()).trim();
        String file = gd.getNextString().trim();
        remember(key, name);
        remember(key + "_file", file);
        return !file.isEmpty() || OTHER_FILE.equals(name) ? file : name;
    }

    String nextPath(String key) {
        String value = gd.getNextString().trim();
        remember(key, value);
        return value;
    }

    /** A number field whose default, for a person, is their last value. */
    void number(String key, double defaultValue, int digits, int columns, String units) {
        gd.addNumericField(key, interactive ? Prefs.get(prefsPrefix + key, defaultValue) : defaultValue, digits, columns, units);
    }

    double nextNumber(String key) {
        double v = gd.getNextNumber();
        if (interactive && remembering && !Double.isNaN(v)) {
            Prefs.set(prefsPrefix + key, v);
        }
        return v;
    }

    void checkbox(String key, boolean defaultValue) {
        gd.addCheckbox(key, interactive ? Prefs.get(prefsPrefix + key, defaultValue) : defaultValue);
    }

    boolean nextBoolean(String key) {
        boolean v = gd.getNextBoolean();
        if (interactive && remembering) {
            Prefs.set(prefsPrefix + key, v);
        }
        return v;
    }

    void choice(String key, String[] items, String defaultValue) {
        String last = last(key, defaultValue);
        gd.addChoice(key, items, java.util.Arrays.asList(items).contains(last) ? last : defaultValue);
    }

    String nextChoice(String key) {
        String v = gd.getNextChoice();
        remember(key, v);
        return v;
    }

    /** The README section of the command behind the dialog's Help button. */
    void help(String readmeSection) {
        gd.addHelp(HelpPages.html(readmeSection));
    }

    private String last(String key, String defaultValue) {
        return interactive ? Prefs.get(prefsPrefix + key, defaultValue) : defaultValue;
    }

    private void remember(String key, String value) {
        if (interactive && remembering) {
            Prefs.set(prefsPrefix + key, value);
        }
    }
}
