package org.colorizevideo.exemplar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.colorizevideo.shots.Shots;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.metrics.RgbFrame;

/**
 * Which reference image colours which frames: one image for the whole clip, or a folder of keyframes
 * whose file names are 0-based frame numbers ({@code 00000.png}, {@code 00120.png}, ...). A frame takes
 * the nearest keyframe at or before it; frames before the first keyframe take the first. Keyframes are
 * read when their run starts, so a folder of many large images never has to fit in memory.
 */
public final class Keyframes {

    /** Reads one keyframe's pixels. */
    @FunctionalInterface
    public interface Source {
        RgbFrame read() throws ColorizeException;
    }

    /** A keyframe: the first frame it colours (0-based), its name for messages, where its pixels come from. */
    public record Keyframe(int frame, String name, Source source) {
    }

    private static final Pattern FRAME_NUMBER = Pattern.compile("(\\d{1,9})\\.(png|jpe?g|tiff?)");

    private final List<Keyframe> keys;
    /** Scene cuts: frames take keyframes of their own shot first; null: no shots known. */
    private final Shots shots;

    private Keyframes(List<Keyframe> keys) {
        this(keys, null);
    }

    private Keyframes(List<Keyframe> keys, Shots shots) {
        this.keys = List.copyOf(keys);
        this.shots = shots;
    }

    /**
     * The same keyframes for a clip with these shots: a frame takes the last keyframe at or before it
     * within its own shot, else its shot's first keyframe; only a shot without any keyframe falls back
     * to the clip-wide rule. The recurrence restarts at every cut ({@link #startsShot}).
     */
    public Keyframes perShot(Shots shots) {
        return new Keyframes(keys, shots);
    }

    /** Whether frame starts a shot after a cut (never frame 0; never without shots). */
    public boolean startsShot(int frame) {
        return shots != null && frame > 0 && frame < shots.frames() && shots.get(shots.shotOf(frame)).first() == frame;
    }

    /** One reference image (already read) for every frame. */
    public static Keyframes single(String name, RgbFrame image) {
        return new Keyframes(List.of(new Keyframe(0, name, () -> image)));
    }

    /** Keyframes given directly (tests, APIs): frame numbers ascending and distinct. */
    public static Keyframes of(List<Keyframe> keys) {
        for (int i = 1; i < keys.size(); i++) {
            if (keys.get(i).frame() <= keys.get(i - 1).frame()) {
                throw new IllegalArgumentException("keyframes must be in ascending frame order");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one keyframe is needed");
        }
        return new Keyframes(keys);
    }

    /**
     * A colour image file (for every frame) or a folder of keyframes, for a clip of {@code frames}
     * frames. Every keyframe is read once here, so that a bad one is refused before anything is written.
     */
    public static Keyframes open(Path path, int frames) throws ColorizeException {
        if (!Files.exists(path)) {
            throw new ColorizeException("The reference " + path + " does not exist; give a colour image, or a folder of keyframes "
                    + "named by frame number (00000.png, 00120.png, ...).");
        }
        if (!Files.isDirectory(path)) {
            return single(path.toString(), ReferenceImages.read(path));
        }
        TreeMap<Integer, Path> byFrame = new TreeMap<>();
        try (Stream<Path> s = Files.list(path)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || Files.isDirectory(p)) {
                    continue;
                }
                Matcher m = FRAME_NUMBER.matcher(name.toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    throw new ColorizeException("The keyframe folder " + path + " holds '" + name + "', whose name is not a frame "
                            + "number; name each keyframe by the 0-based frame it starts at (00000.png, 00120.png, ...) and "
                            + "keep nothing else in the folder.");
                }
                int frame = Integer.parseInt(m.group(1));
                requireWithin(p.toString(), frame, frames);
                Path other = byFrame.put(frame, p);
                if (other != null) {
                    throw new ColorizeException("The keyframes " + other.getFileName() + " and " + name + " in " + path
                            + " are both for frame " + frame + "; keep one.");
                }
            }
        } catch (IOException e) {
            throw new ColorizeException("The keyframe folder " + path + " cannot be read: " + e.getMessage(), e);
        }
        if (byFrame.isEmpty()) {
            throw new ColorizeException("The keyframe folder " + path + " holds no image; put colour keyframes named by frame "
                    + "number (00000.png, 00120.png, ...) into it.");
        }
        List<Keyframe> keys = new ArrayList<>();
        for (var e : byFrame.entrySet()) {
            Path file = e.getValue();
            ReferenceImages.read(file);   // refuse a bad keyframe now, not halfway through the clip
            keys.add(new Keyframe(e.getKey(), file.toString(), () -> ReferenceImages.read(file)));
        }
        return new Keyframes(keys);
    }

    /** Refuses keyframes for frames beyond a clip of {@code frames} frames; returns this. */
    public Keyframes within(int frames) throws ColorizeException {
        Keyframe last = keys.get(keys.size() - 1);
        requireWithin(last.name(), last.frame(), frames);
        return this;
    }

    private static void requireWithin(String name, int frame, int frames) throws ColorizeException {
        if (frame >= frames) {
            throw new ColorizeException("The keyframe " + name + " is for frame " + frame + ", beyond the clip, which has "
                    + frames + " frames (0 to " + (frames - 1) + ").");
        }
    }

    /**
     * The index of the keyframe that colours {@code frame}: the last one at or before it, else the first;
     * with shots, within the frame's shot first.
     */
    public int indexFor(int frame) {
        if (shots != null && frame < shots.frames()) {
            Shots.Shot shot = shots.get(shots.shotOf(frame));
            int inShot = -1;
            for (int k = 0; k < keys.size(); k++) {
                int f = keys.get(k).frame();
                if (f >= shot.first() && f <= shot.last() && (f <= frame || inShot < 0)) {
                    inShot = k;
                }
                if (f > frame && inShot >= 0) {
                    break;
                }
            }
            if (inShot >= 0) {
                return inShot;
            }
        }
        int k = 0;
        while (k + 1 < keys.size() && keys.get(k + 1).frame() <= frame) {
            k++;
        }
        return k;
    }

    public Keyframe get(int index) {
        return keys.get(index);
    }

    public int size() {
        return keys.size();
    }
}
