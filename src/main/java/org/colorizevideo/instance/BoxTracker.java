package org.colorizevideo.instance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps instance colours from flickering across frames by associating each frame's detections with
 * the boxes of the previous frames. InstColorization works on single images: every frame's crops come
 * from that frame's detections alone, so a box that jitters by a few pixels changes the crop, its
 * resize to 256x256 and the fusion weights, and an object whose score dips below the threshold for a
 * frame loses its instance colour for that frame. Both show as colour flicker inside the object.
 *
 * <p>Per frame: detections are matched greedily to existing tracks, highest IoU first, same label
 * only, IoU at least {@code minIou}. A matched track's box moves towards the detection by
 * {@code smoothing} (1 = take the detection as it is, 0.5 = halfway: an exponential moving average of
 * the corners). A track that finds no detection is kept with its last box for up to {@code hold}
 * frames, so a one-frame dropout does not switch the object to the full-image colours and back. A
 * detection that matches nothing starts a track. The boxes used for the frame are the live tracks,
 * best score first, at most {@code maxInstances}.
 *
 * <p>Not thread-safe: one tracker per clip, fed the frames in order. {@link #reset()} at scene cuts.
 */
public final class BoxTracker {

    private final float minIou;
    private final float smoothing;
    private final int hold;
    private final int maxInstances;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;

    /** A box as it is used for one frame: the detection it came from (smoothed) and its track. */
    public record TrackedBox(int trackId, Detection box, int framesMissed) {
    }

    private static final class Track {
        final int id;
        Detection box;
        int missed;

        Track(int id, Detection box) {
            this.id = id;
            this.box = box;
        }
    }

    public BoxTracker(float minIou, float smoothing, int hold, int maxInstances) {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("minIou must be in (0, 1], got " + minIou);
        }
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("smoothing must be in (0, 1], got " + smoothing);
        }
        if (hold < 0 || maxInstances < 0) {
            throw new IllegalArgumentException("hold and maxInstances must not be negative");
        }
        this.minIou = minIou;
        this.smoothing = smoothing;
        this.hold = hold;
        this.maxInstances = maxInstances;
    }

    /** The defaults used by Colorize Video: IoU 0.3, smoothing 0.5, hold 2 frames. */
    public static BoxTracker withDefaults(int maxInstances) {
        return new BoxTracker(0.3f, 0.5f, 2, maxInstances);
    }

    /** Forgets all tracks (use at a scene cut). */
    public void reset() {
        tracks.clear();
    }

    /** Associates this frame's (already filtered) detections and returns the boxes to colorize with. */
    public List<TrackedBox> update(List<Detection> detections) {
        record Pair(int track, int det, float iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            for (int d = 0; d < detections.size(); d++) {
                Detection a = tracks.get(t).box, b = detections.get(d);
                if (a.label() == b.label()) {
                    float iou = iou(a, b);
                    if (iou >= minIou) {
                        pairs.add(new Pair(t, d, iou));
                    }
                }
            }
        }
        // Highest IoU first; ties by track age (lower index = older track) and detection order.
        pairs.sort(Comparator.comparingDouble((Pair p) -> -p.iou()).thenComparingInt(Pair::track).thenComparingInt(Pair::det));
        boolean[] trackUsed = new boolean[tracks.size()];
        boolean[] detUsed = new boolean[detections.size()];
        for (Pair p : pairs) {
            if (!trackUsed[p.track()] && !detUsed[p.det()]) {
                trackUsed[p.track()] = true;
                detUsed[p.det()] = true;
                Track t = tracks.get(p.track());
                t.box = blend(t.box, detections.get(p.det()), smoothing);
                t.missed = 0;
            }
        }
        List<Track> alive = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            Track track = tracks.get(t);
            if (!trackUsed[t]) {
                track.missed++;
            }
            if (track.missed <= hold) {
                alive.add(track);
            }
        }
        for (int d = 0; d < detections.size(); d++) {
            if (!detUsed[d]) {
                alive.add(new Track(nextId++, detections.get(d)));
            }
        }
        tracks.clear();
        tracks.addAll(alive);

        List<TrackedBox> out = new ArrayList<>();
        for (Track t : tracks) {
            out.add(new TrackedBox(t.id, t.box, t.missed));
        }
        out.sort(Comparator.comparingDouble((TrackedBox b) -> -b.box().score()).thenComparingInt(TrackedBox::trackId));
        return out.size() > maxInstances ? new ArrayList<>(out.subList(0, maxInstances)) : out;
    }

    /** Intersection over union of two boxes (0 when either is empty). */
    public static float iou(Detection a, Detection b) {
        float w = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0());
        float h = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        float inter = w * h;
        float union = a.width() * a.height() + b.width() * b.height() - inter;
        return union > 0 ? inter / union : 0;
    }

    /** The track's box moved by {@code k} towards the detection; label, name and score are the detection's. */
    static Detection blend(Detection old, Detection now, float k) {
        return new Detection(now.label(), now.name(), now.score(),
                old.x0() + k * (now.x0() - old.x0()), old.y0() + k * (now.y0() - old.y0()),
                old.x1() + k * (now.x1() - old.x1()), old.y1() + k * (now.y1() - old.y1()));
    }
}
