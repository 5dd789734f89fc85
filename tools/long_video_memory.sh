#!/bin/sh
# Memory of long videos (issue #12, acceptance 4), with tools/HeapProfile.java (heap in use, sampled,
# and the old generation's peak: what the run holds), at a fixed -Xmx:
#  1. Colorize Video on synthetic gray H.264 videos (FFmpeg's testsrc2, 96x64) of 1,000 and N frames
#     (default 100,000) into an .mp4, with the small test model test-data/models/tiny-ab (the frame loop,
#     decoder and encoder are what is measured; the bundled model's own memory does not depend on
#     the length), and the bundled model on the 1,000 frames.
#  2. Colorize Temporal Refinement (fast mode, 1 epoch: memory does not depend on the epochs) of a
#     2,000-frame 640x360 clip, in chunks of 300 (the default) and in one piece (chunk=2000), with the
#     live heap measured by a full collection every 5 s.
# PART=1 or PART=2 runs one part only.
# Usage: [JAR=...] [N=100000] [XMX=1g] [PART=1|2] tools/long_video_memory.sh
set -e
JAR=${JAR:-$(ls target/Colorize_Video-*-all.jar | head -1)}
N=${N:-100000}
XMX=${XMX:-1g}
OUT=${OUT:-target/long}
mkdir -p "$OUT"
P="java -Xmx$XMX $JAVA_OPTS -cp $JAR tools/HeapProfile.java"
gray() { [ -f "$OUT/gray-$1-$2.mp4" ] || ffmpeg -v error -y -f lavfi -i "testsrc2=size=$2:rate=25" -frames:v "$1" \
    -vf format=gray,format=yuv420p -c:v libx264 -preset ultrafast "$OUT/gray-$1-$2.mp4"; }
if [ "${PART:-1}" = 1 ] || [ -z "$PART" ]; then
for n in 1000 "$N"; do
    gray "$n" 96x64
    echo "Colorize Video, $n frames 96x64, tiny-ab: $($P "Colorize Video" "input='$OUT/gray-$n-96x64.mp4',output='$OUT/tiny-$n.mp4',model='test-data/models/tiny-ab.json',overwrite=true" 2>/dev/null | tail -1)"
done
echo "Colorize Video, 1000 frames 96x64, compact-lab-v1: $($P "Colorize Video" "input='$OUT/gray-1000-96x64.mp4',output='$OUT/default-1000.mp4',overwrite=true" 2>/dev/null | tail -1)"
fi
[ "$PART" = 1 ] && exit 0
gray 2000 640x360
[ -f "$OUT/colour-2000.mp4" ] || java -jar "$JAR" --headless --run "Colorize Video" "input='$OUT/gray-2000-640x360.mp4',output='$OUT/colour-2000.mp4',model='test-data/models/tiny-ab.json',overwrite=true" >/dev/null 2>&1
for chunk in 300 2000; do
    echo "Temporal refinement, 2000 frames 640x360, fast, 1 epoch, chunk=$chunk: $(java -Dlive=5 -Xmx$XMX $JAVA_OPTS -cp $JAR tools/HeapProfile.java "Colorize Temporal Refinement" "input='$OUT/gray-2000-640x360.mp4',processed='$OUT/colour-2000.mp4',output='$OUT/refined-$chunk.mp4',epochs=1,chunk=$chunk,overwrite=true" 2>/dev/null | tail -1)"
done
