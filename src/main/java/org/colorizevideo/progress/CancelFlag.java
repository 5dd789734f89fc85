package org.colorizevideo.progress;

/** A cancellation that another thread (a dialog button, a test) sets. */
public final class CancelFlag implements Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
