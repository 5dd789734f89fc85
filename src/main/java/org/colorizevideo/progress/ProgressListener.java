package org.colorizevideo.progress;

/** Receives progress from the engine; the GUI, SciJava and console adapters implement it. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total, message) -> { };

    /**
     * done of total units of work finished; message is a short status line. total == {@link #NOTICE}:
     * not progress but a notice the user must see (e.g. a sound track re-encoded): adapters log it.
     */
    void progress(int done, int total, String message);

    /** The total of a notice. */
    int NOTICE = 0;

    /** A notice the user must see (logged, not only shown in the status line). */
    default void notice(String message) {
        progress(0, NOTICE, message);
    }
}
