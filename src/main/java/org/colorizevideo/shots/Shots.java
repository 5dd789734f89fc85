package org.colorizevideo.shots;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A clip's shots: consecutive, non-empty frame ranges that together cover every frame once. */
public record Shots(List<Shot> list, int frames) {

    /** Frames first..last (0-based, inclusive). */
    public record Shot(int first, int last) {
        public int length() {
            return last - first + 1;
        }
    }

    public Shots {
        list = List.copyOf(list);
        int next = 0;
        for (Shot s : list) {
            if (s.first() != next || s.last() < s.first()) {
                throw new IllegalArgumentException("shots must cover frames 0.." + (frames - 1) + " in order: " + list);
            }
            next = s.last() + 1;
        }
        if (next != frames) {
            throw new IllegalArgumentException("shots cover " + next + " of " + frames + " frames");
        }
    }

    /** One shot of all frames. */
    public static Shots single(int frames) {
        return new Shots(frames == 0 ? List.of() : List.of(new Shot(0, frames - 1)), frames);
    }

    /** Shots starting at the given frames (0 among them, sorted, each below frames). */
    public static Shots fromStarts(List<Integer> starts, int frames) {
        List<Integer> s = new ArrayList<>(starts);
        Collections.sort(s);
        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < s.size() && frames > 0; i++) {
            int end = i + 1 < s.size() ? s.get(i + 1) - 1 : frames - 1;
            shots.add(new Shot(s.get(i), end));
        }
        return new Shots(shots, frames);
    }

    public int size() {
        return list.size();
    }

    public Shot get(int i) {
        return list.get(i);
    }

    /** The index of the shot holding frame. */
    public int shotOf(int frame) {
        if (frame < 0 || frame >= frames) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frames);
        }
        int lo = 0, hi = list.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (list.get(mid).first() <= frame) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
