#!/bin/sh
# Scene cuts (issue #12, acceptance 3): two different clips from ../shared/data/video/extra joined into one.
#  1. The cut must be found at the first frame of the second clip and nowhere else: our detector
#     (tools/ShotScores.java, the product's ShotDetector) and, as an independent look, FFmpeg's own
#     scene score (scdet filter) on the same gray frames.
#  2. Temporal refinement of the joined clip (fast defaults) must keep the shots' colours apart: the mean
#     a*, b* of the first FIRST frames of shot 2 within 2 of shot 2 refined alone (the same input frames).
#     Shown next to the same run with cut detection off (cuts=0), which blends across the cut.
# Input per frame: ground-truth chroma with synthetic flicker (tools/make_flicker.py) on the L*-neutral gray.
# Usage: [JAR=...] [A=vid4-foliage] [B=vid4-walk] [FIRST=5] tools/shot_cuts_eval.sh
set -e
JAR=${JAR:-$(ls target/Colorize_Video-*-all.jar | head -1)}
A=${A:-vid4-foliage}
B=${B:-vid4-walk}
FIRST=${FIRST:-5}
X=../shared/data/video/extra
OUT=${OUT:-target/shot-cuts}/$A+$B
J="java -Xmx6g $JAVA_OPTS -jar $JAR --headless --run"
rm -rf "$OUT"
mkdir -p "$OUT/truth"
i=0
for f in "$X/$A"/*.jpg "$X/$B"/*.jpg; do
    ln -s "$(readlink -f "$f")" "$OUT/truth/$(printf %05d $i).jpg"
    i=$((i + 1))
done
na=$(ls "$X/$A"/*.jpg | wc -l)
PYTHONWARNINGS=ignore /usr/bin/python3 tools/make_flicker.py "$OUT/truth" "$OUT/flicker" --gray "$OUT/gray" >/dev/null
mkdir -p "$OUT/gray-b" "$OUT/flicker-b"
for f in $(ls "$OUT/gray" | tail -n +$((na + 1))); do
    ln -s "$(readlink -f "$OUT/gray/$f")" "$OUT/gray-b/$f"
    ln -s "$(readlink -f "$OUT/flicker/$f")" "$OUT/flicker-b/$f"
done
echo "joined $A ($na frames) + $B ($((i - na)) frames): the cut is at frame $na (0-based)"
java -cp "$JAR" tools/ShotScores.java "$OUT/gray" "$X/$A" "$X/$B" 2>/dev/null | sed 's|^|  ours: |'
ffmpeg -v info -nostats -framerate 25 -i "$OUT/gray/%05d.png" -vf "scdet=threshold=10" -f null - 2>&1 | \
    grep -o 'lavfi.scd.score: [0-9.]*, lavfi.scd.time: [0-9.]*' | \
    awk -F'[:,] ' '{printf "  ffmpeg scdet (threshold 10): cut at frame %d (score %s)\n", $4 * 25 + 0.5, $2}'
for cuts in 3 0; do
    for part in joined b; do
        [ $part = b ] && [ $cuts = 0 ] && continue
        g=$OUT/gray; p=$OUT/flicker
        [ $part = b ] && { g=$OUT/gray-b; p=$OUT/flicker-b; }
        /usr/bin/time -f "%e %U %S" -o "$OUT/$part-c$cuts.time" $J "Colorize Temporal Refinement" \
            "input='$g',processed='$p',output='$OUT/$part-c$cuts',cuts=$cuts" > "$OUT/$part-c$cuts.log" 2>&1
        echo "  refined $part cuts=$cuts: $(grep -o '[0-9]* frames refined.*' "$OUT/$part-c$cuts.log" | cut -c1-60)... wall/user/sys $(cat "$OUT/$part-c$cuts.time")"
    done
done
cat "$OUT/joined-c3/shots.csv" | sed 's|^|  shots.csv: |'
/usr/bin/python3 - "$OUT" "$na" "$FIRST" <<'PY'
import os, sys
import numpy as np
from skimage import color, io
out, na, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def mean_ab(folder, frames):
    names = sorted(n for n in os.listdir(folder) if n.endswith('.png'))
    ab = [color.rgb2lab(io.imread(os.path.join(folder, names[k]))[..., :3])[..., 1:].reshape(-1, 2).mean(0) for k in frames]
    return np.mean(ab, axis=0)
alone = mean_ab(f'{out}/b-c3', range(first))
for tag in ('joined-c3', 'joined-c0'):
    m = mean_ab(f'{out}/{tag}', range(na, na + first))
    d = np.abs(m - alone)
    print(f'  {tag}: shot 2 first {first} frames mean a*b* ({m[0]:.2f}, {m[1]:.2f}) vs alone ({alone[0]:.2f}, {alone[1]:.2f}): '
          f'|diff| a* {d[0]:.2f} b* {d[1]:.2f} -> {"within 2" if d.max() <= 2 else "NOT within 2"}')
PY
