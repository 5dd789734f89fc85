package org.colorizevideo.plugin;

import ij.IJ;
import ij.Macro;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.CancelledException;
import org.colorizevideo.progress.ProgressListener;

/**
 * What the three ImageJ 1.x plugins share around their job: progress to ImageJ's progress bar and
 * status line, Esc as the cancel flag, a cancelled run reported in the status line, a user error
 * shown as one sentence (and, inside a macro, the macro aborted so it does not go on with a missing
 * result).
 */
final class Ij1Run {

    /** The plugin's work, given the progress and cancel adapters. */
    @FunctionalInterface
    interface Body {
        void run(ProgressListener progress, Cancellation cancel) throws ColorizeException;
    }

    private Ij1Run() {
    }

    static void run(String command, Body body) {
        try {
            body.run((done, total, message) -> {
                if (total == ProgressListener.NOTICE) {
                    IJ.log(command + ": " + message);
                } else if (total > 0) {
                    IJ.showProgress(done, total);
                }
                IJ.showStatus(message);
            }, IJ::escapePressed);
        } catch (CancelledException e) {
            IJ.showProgress(1.0);
            IJ.showStatus(e.getMessage());
        } catch (ColorizeException e) {
            IJ.showProgress(1.0);
            IJ.error(command, e.getMessage());
            if (Macro.getOptions() != null || IJ.isMacro()) {
                throw new RuntimeException(Macro.MACRO_CANCELED);
            }
        } finally {
            IJ.resetEscape();
        }
    }
}
