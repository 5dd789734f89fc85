package org.colorizevideo.progress;

/** Receives progress from the engine; the GUI, SciJava and console adapters implement it. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total, message) -> { };

    /** done of total units of work finished; message is a short status line. */
    void progress(int done, int total, String message);
}
