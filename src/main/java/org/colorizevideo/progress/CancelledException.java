package org.colorizevideo.progress;

import org.colorizevideo.ColorizeException;

/** Thrown when a run was cancelled; nothing was written and the input was not touched. */
public final class CancelledException extends ColorizeException {
    private static final long serialVersionUID = 1L;

    public CancelledException(int framesDone, int total) {
        super("Cancelled after " + framesDone + " of " + total + " frames; no output was written and the input is unchanged.");
    }

    /** A cancel at some other unit of work (e.g. a training step); the message says where. */
    public CancelledException(String where) {
        super("Cancelled " + where + "; no output was written and the input is unchanged.");
    }
}
