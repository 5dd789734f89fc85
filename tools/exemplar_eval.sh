#!/bin/sh
# Exemplar-based colorization against its baselines (issue #11, acceptance 2), through the plugin:
# for each clip, gray input = the L*-neutral gray of its colour frames (tools/make_gray.py), reference =
# the clip's first colour frame; results: exemplar (Colorize Video reference=...), (a) automatic (the
# default model) and (b) naive propagation (tools/naive_propagation.py: the reference's a*b* carried by
# DIS flow on the gray frames, no occlusion handling). Each is scored by Colorize Measure against the
# colour frames (warp error with DIS flow on the gray input); the summary averages PSNR, SSIM and warp
# error over frames 2..N (the first frame is the reference itself); CDC is Colorize Measure's clip value
# (all frames). Prints one table row per clip and result, then the means, and the exemplar's time.
# Run from the repository root after `mvn -B -q package -DskipTests`; ../shared/data must be present.
# BASELINES_ONLY=1: gray, automatic and naive propagation only (they do not depend on the exemplar model);
# EXEMPLAR_ONLY=1: the exemplar only (the table then shows the baselines that are already there).
# REFS=dir: the reference of clip C is the keyframe folder dir/C instead of the clip's first colour frame
# (e.g. keyframes coloured from hints by org.colorizevideo.bench.HintKeyframes, issue #13).
# Usage: [MODEL=path/to/exemplar.json] [CLIPS="davis/goat ..."] [OUT=target/exemplar-eval] tools/exemplar_eval.sh
set -e
JAR=${JAR:-$(ls target/Colorize_Video-*-all.jar | head -1)}
D=../shared/data/video
OUT=${OUT:-target/exemplar-eval}
CLIPS=${CLIPS:-"davis/blackswan davis/car-roundabout davis/dance-twirl davis/goat davis/kite-surf extra/vid4-calendar extra/vid4-walk extra/tennis extra/aot-YCTBBdbKSSg"}
TAG=${TAG:-exemplar}
J="java -Xmx6g -jar $JAR --headless --run"
mkdir -p "$OUT"
for c in $CLIPS; do
    clip=$(basename "$c")
    [ -d "$OUT/gray/$clip" ] || /usr/bin/python3 tools/make_gray.py "$D/$c" "$OUT/gray/$clip"
    ref=$(ls "$D/$c" | head -1)
    reference="$D/$c/$ref"
    [ -n "$REFS" ] && reference="$REFS/$clip"
    if [ -z "$EXEMPLAR_ONLY" ]; then
    [ -d "$OUT/auto/$clip" ] || $J "Colorize Video" "input='$OUT/gray/$clip',output='$OUT/auto/$clip'" >/dev/null
    [ -d "$OUT/naive/$clip" ] || /usr/bin/python3 tools/naive_propagation.py "$D/$c/$ref" "$OUT/gray/$clip" "$OUT/naive/$clip"
    for kind in gray auto naive; do
        [ -f "$OUT/metrics/$kind-$clip/metrics.csv" ] || $J "Colorize Measure" \
            "result='$OUT/$kind/$clip',reference='$D/$c',input='$OUT/gray/$clip',output='$OUT/metrics/$kind-$clip'" >/dev/null
    done
    fi
    [ -n "$BASELINES_ONLY" ] && continue
    /usr/bin/time -f "%e %U %S" -o "$OUT/$TAG-$clip.time" $J "Colorize Video" \
        "input='$OUT/gray/$clip',output='$OUT/$TAG/$clip',reference='$reference',overwrite=true${MODEL:+,exemplar_model='$MODEL'}" \
        > "$OUT/$TAG-$clip.log" 2>&1 || { echo "$clip: FAILED: $(tail -1 "$OUT/$TAG-$clip.log")"; continue; }
    rm -rf "$OUT/metrics/$TAG-$clip"
    $J "Colorize Measure" "result='$OUT/$TAG/$clip',reference='$D/$c',input='$OUT/gray/$clip',output='$OUT/metrics/$TAG-$clip'" >/dev/null
done
/usr/bin/python3 - "$OUT" "$TAG" $CLIPS <<'PY'
import csv, os, sys
out, tag, clips = sys.argv[1], sys.argv[2], [os.path.basename(c) for c in sys.argv[3:]]
kinds = ['gray', 'auto', 'naive', tag]
def score(path):
    rows = list(csv.DictReader(open(os.path.join(path, 'metrics.csv'))))
    frames = [r for r in rows if r['Frame'] != 'mean' and int(r['Frame']) >= 2]
    mean = lambda k: sum(float(r[k]) for r in frames if r[k]) / max(1, sum(1 for r in frames if r[k]))
    cdc = [r for r in rows if r['Frame'] == 'mean'][0]['CDC']
    return mean('PSNR'), mean('SSIM'), float(cdc) if cdc else float('nan'), mean('WarpError'), len(frames) + 1
tot = {k: [] for k in kinds}
print(f"{'clip':16s} {'result':9s} {'PSNR':>7s} {'SSIM':>6s} {'CDC':>8s} {'WarpErr':>9s}")
for c in clips:
    for k in kinds:
        p = os.path.join(out, 'metrics', f'{k}-{c}')
        if not os.path.exists(os.path.join(p, 'metrics.csv')):
            continue
        s = score(p)
        tot[k].append((c, s))
        print(f'{c:16s} {k:9s} {s[0]:7.3f} {s[1]:6.4f} {s[2]:8.5f} {s[3]:9.6f}')
    t = os.path.join(out, f'{tag}-{c}.time')
    if os.path.exists(t):
        wall, user, sys_ = map(float, open(t).read().split()[:3])
        n = score(os.path.join(out, 'metrics', f'{tag}-{c}'))[4]
        print(f'{c:16s} {tag} time: {n} frames, wall {wall:.0f} s, CPU {user + sys_:.0f} s, {wall / n:.2f} s/frame wall (incl. start)')
for group, pick in (('DAVIS', lambda c: c in ('blackswan', 'car-roundabout', 'dance-twirl', 'goat', 'kite-surf')),
                    ('extra', lambda c: c not in ('blackswan', 'car-roundabout', 'dance-twirl', 'goat', 'kite-surf'))):
    for k in kinds:
        v = [s for c, s in tot[k] if pick(c)]
        if v:
            m = [sum(x[i] for x in v) / len(v) for i in range(4)]
            print(f'mean {group:5s} ({len(v)}) {k:9s} PSNR {m[0]:.3f} SSIM {m[1]:.4f} CDC {m[2]:.5f} WE {m[3]:.6f}')
PY
