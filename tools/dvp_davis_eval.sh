#!/bin/sh
# Temporal refinement on the five DAVIS dev clips (issue: DVP diverged to NaN), two per-frame inputs each:
#   auto    = the default model's per-frame colorization of the L*-neutral gray clip (Colorize Video),
#   flicker = ground-truth chroma with synthetic flicker (tools/make_flicker.py: global a*b* shift sd 8,
#             a quarter-frame region negated in 30 % of the frames).
# For each: Colorize Temporal Refinement with MODE (fast defaults, or faithful with EPOCHS / SCALE), then
# Colorize Measure (PSNR vs the truth, warp error with DIS flow on the gray input) of gray, input and output.
# Prints one line per run: WE_gray WE_in WE_out, the share of the excess warp error left
# (WE_out-WE_gray)/(WE_in-WE_gray) (target <= 0.4), PSNR in/out, final loss, wall and CPU seconds.
# Run from the repository root after `mvn -B -q package -DskipTests`; ../shared/data must be present.
# Usage: [JAR=...] [MODE=fast|faithful] [EPOCHS=2] [SCALE=0.5] [WIDTH=32] [LR=2e-4] [DECAY=5] [CLIPS="goat ..."] [KINDS="auto flicker"] tools/dvp_davis_eval.sh
set -e
JAR=${JAR:-$(ls target/Colorize_Video-*-all.jar | head -1)}
D=../shared/data/video/davis
OUT=${OUT:-target/dvp-davis}
MODE=${MODE:-fast}
CLIPS=${CLIPS:-"blackswan car-roundabout dance-twirl goat kite-surf"}
KINDS=${KINDS:-"auto flicker"}
EXTRA="mode='$MODE'"
[ -n "$EPOCHS" ] && EXTRA="$EXTRA,epochs=$EPOCHS"
[ -n "$SCALE" ] && EXTRA="$EXTRA,scale=$SCALE"
[ -n "$WIDTH" ] && EXTRA="$EXTRA,width=$WIDTH"
[ -n "$LR" ] && EXTRA="$EXTRA,lr=$LR"
[ -n "$DECAY" ] && EXTRA="$EXTRA,decay=$DECAY"
TAG=${TAG:-$MODE${EPOCHS:+-e$EPOCHS}${SCALE:+-s$SCALE}${WIDTH:+-w$WIDTH}${LR:+-lr$LR}${DECAY:+-d$DECAY}}
mkdir -p "$OUT/$TAG"
J="java -Xmx6g $JAVA_OPTS -jar $JAR --headless --run"
mean() { tail -1 "$1/metrics.csv" | cut -d, -f"$2"; }   # 2 = PSNR, 6 = WarpError
measure() { [ -f "$2/metrics.csv" ] || $J "Colorize Measure" "result='$1',reference='$D/$clip',input='$OUT/gray/$clip',output='$2'" >/dev/null; }
for clip in $CLIPS; do
    [ -d "$OUT/flicker/$clip" ] || PYTHONWARNINGS=ignore /usr/bin/python3 tools/make_flicker.py "$D/$clip" "$OUT/flicker/$clip" --gray "$OUT/gray/$clip"
    [ -d "$OUT/auto/$clip" ] || $J "Colorize Video" "input='$OUT/gray/$clip',output='$OUT/auto/$clip'" >/dev/null
    measure "$OUT/gray/$clip" "$OUT/metrics/gray-$clip"
    for kind in $KINDS; do
        res="$OUT/$TAG/$kind-$clip"
        /usr/bin/time -f "%e %U %S" -o "$res.time" $J "Colorize Temporal Refinement" \
            "input='$OUT/gray/$clip',processed='$OUT/$kind/$clip',output='$res',overwrite=true,$EXTRA" > "$res.log" 2>&1 \
            || { echo "$clip $kind: FAILED: $(tail -1 "$res.log")"; continue; }
        measure "$OUT/$kind/$clip" "$OUT/metrics/$kind-$clip"
        measure "$res" "$res-metrics"
        loss=$(grep -o 'final loss [^ ]*' "$res.log" | cut -d' ' -f3)
        /usr/bin/python3 - "$clip" "$kind" "$loss" $(mean "$OUT/metrics/gray-$clip" 6) $(mean "$OUT/metrics/$kind-$clip" 6) \
            $(mean "$res-metrics" 6) $(mean "$OUT/metrics/$kind-$clip" 2) $(mean "$res-metrics" 2) $(cat "$res.time") <<'PY'
import sys
c, k, loss = sys.argv[1:4]
g, i, o, pi, po, wall, user, sys_ = map(float, sys.argv[4:12])
print(f"{c:15s} {k:8s} loss {loss:8s} WE gray {g:.6f} in {i:.6f} out {o:.6f} left {(o - g) / (i - g):.3f}  "
      f"PSNR in {pi:.3f} out {po:.3f} ({po - pi:+.3f})  wall {wall:.0f} s, CPU {user + sys_:.0f} s")
PY
    done
done
