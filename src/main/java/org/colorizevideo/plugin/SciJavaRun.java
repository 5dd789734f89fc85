package org.colorizevideo.plugin;

import org.colorizevideo.ColorizeException;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;

/**
 * What the three SciJava commands share around their job (the SciJava counterpart of {@link Ij1Run}):
 * progress to the StatusService, thread interruption as the cancel flag, the run's summary logged,
 * and a problem the user can fix reported as its sentence (the command is cancelled with it, which
 * the headless launcher turns into exit status 1), not as a stack trace.
 */
final class SciJavaRun {

    /** The command's work, given the progress and cancel adapters; returns the summary line. */
    @FunctionalInterface
    interface Body {
        String run(ProgressListener progress, Cancellation cancel) throws ColorizeException;
    }

    private SciJavaRun() {
    }

    /** Runs body; returns its summary, or null when it failed (then the command is cancelled). */
    static String run(ContextCommand command, LogService log, StatusService status, Body body) {
        try {
            String summary = body.run((done, total, message) -> {
                if (total == ProgressListener.NOTICE) {
                    log.warn(message);
                }
                status.showStatus(done, total, message);
            }, () -> Thread.currentThread().isInterrupted());
            log.info(summary);
            return summary;
        } catch (ColorizeException e) {
            log.error(e.getMessage());
            command.cancel(e.getMessage());
            return null;
        }
    }
}
