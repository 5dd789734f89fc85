#!/bin/sh
# Throughput of the Spark application (issue #15) against the single-process command on the same inputs:
# Colorize Video through the headless launcher, one JVM per input, one after the other (what a user runs
# today), vs ColorizeSpark through spark-submit's own entry point (org.apache.spark.deploy.SparkSubmit,
# from the Spark jars Maven resolved) in local mode with 1 and 2 executor cores. Each run is timed with
# /usr/bin/time: wall, CPU (user + system) and peak resident memory of the JVM (in local mode the driver
# is the executor, so that is the peak per executor). The results are compared byte for byte.
# Inputs: gray versions of DAVIS clips (tools/make_gray.py) and of an MP4 with sound, from ../shared/data
# (never committed). Run from the repository root after `mvn -B -q install -DskipTests` and
# `mvn -B -q -f spark/pom.xml package -DskipTests`.
# UNIT: frames per work unit (default 48 here, so that 290 frames make 8 units for 2 task slots; the job's
# default is 300).
# Usage: [OUT=target/spark-bench] [CLIPS="goat blackswan"] [MP4=car-detection.mp4] [MP4_FRAMES=150] [UNIT=48] tools/spark_throughput.sh
set -e
JAR=$(ls target/Colorize_Video-*-all.jar | head -1)
APP=$(ls spark/target/Colorize_Video-spark-*.jar | head -1)
D=../shared/data/video
OUT=${OUT:-target/spark-bench}
CLIPS=${CLIPS:-goat blackswan}
MP4=${MP4:-car-detection.mp4}
MP4_FRAMES=${MP4_FRAMES:-150}
UNIT=${UNIT:-48}
mkdir -p "$OUT/in"
# Spark's own jars as a Spark installation holds them (a jars/ folder, on the class path as jars/*, as
# spark-submit does), then the plugin's -all jar. The wildcard matters: ONNX Runtime 1.29 crashes the JVM
# (SIGSEGV, no hs_err file) when the JVM's command line is long (a -cp with ~170 jars spelled out does it).
if [ ! -d "$OUT/jars" ]; then
    mvn -B -q -f spark/pom.xml dependency:build-classpath -DincludeScope=provided \
        -Dmdep.outputFile="$PWD/$OUT/spark.cp" > /dev/null
    mkdir -p "$OUT/jars"
    tr ':' '\n' < "$OUT/spark.cp" | xargs -I{} ln -sf {} "$OUT/jars/"
fi
OPENS=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' spark/pom.xml)
: > "$OUT/inputs.txt"
for c in $CLIPS; do
    [ -d "$OUT/in/$c" ] || /usr/bin/python3 tools/make_gray.py "$D/davis/$c" "$OUT/in/$c"
    echo "$PWD/$OUT/in/$c" >> "$OUT/inputs.txt"
done
m=$(basename "$MP4" .mp4)-gray.mp4
[ -f "$OUT/in/$m" ] || ffmpeg -nostdin -loglevel error -y -i "$D/mp4/$MP4" -frames:v "$MP4_FRAMES" \
    -vf format=gray,format=yuv420p -c:v libx264 -crf 18 -c:a copy "$OUT/in/$m"
echo "$PWD/$OUT/in/$m" >> "$OUT/inputs.txt"
frames=0
for c in $CLIPS; do frames=$((frames + $(ls "$OUT/in/$c" | wc -l))); done
mp4frames=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$OUT/in/$m")
frames=$((frames + mp4frames))
echo "inputs: $CLIPS ($(ls "$OUT/in/$(echo $CLIPS | cut -d' ' -f1)" | head -1 | xargs -I{} file "$OUT/in/$(echo $CLIPS | cut -d' ' -f1)/{}" | grep -o '[0-9]* x [0-9]*')), $m ($mp4frames frames with sound): $frames frames"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB; load before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "| run | wall | CPU | frames/s | frames/s per core | peak RSS |"
echo "|---|---|---|---|---|---|"
row() { # name, wall, cpu, rss(kB), cores
    printf '| %s | %.1f s | %.1f s | %.2f | %.2f | %.0f MB |\n' "$1" "$2" "$3" "$(echo "$frames / $2" | bc -l)" \
        "$(echo "$frames / $2 / $5" | bc -l)" "$(echo "$4 / 1024" | bc -l)"
}
# single process: one headless run per input
if [ -z "$SKIP_SINGLE" ]; then
rm -rf "$OUT/single"; mkdir -p "$OUT/single"
wall=0; cpu=0; rss=0
while read -r in; do
    name=$(basename "$in")
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/single.time" java -Xmx3g -jar "$JAR" --headless --run "Colorize Video" \
        "input='$in',output='$OUT/single/$name'" > "$OUT/single-$name.log" 2>&1
    set -- $(cat "$OUT/single.time")
    wall=$(echo "$wall + $1" | bc -l); cpu=$(echo "$cpu + $2 + $3" | bc -l); [ "$4" -gt "$rss" ] && rss=$4
done < "$OUT/inputs.txt"
row "Colorize Video, one JVM per input (ONNX Runtime on $(nproc) threads)" "$wall" "$cpu" "$rss" "$(nproc)"
fi
spark() { # name, master, ort threads
    rm -rf "$OUT/$1"
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/$1.time" java $OPENS -Xmx3g -Dcolorize.ort.threads="$3" \
        -cp "$OUT/jars/*:$JAR:$APP" org.apache.spark.deploy.SparkSubmit --master "$2" \
        --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 --class org.colorizevideo.spark.ColorizeSpark \
        "$APP" inputs="$OUT/inputs.txt" output="$OUT/$1" unit="$UNIT" > "$OUT/$1.log" 2>&1
    set -- "$1" $(cat "$OUT/$1.time") "$2" "$3"
    row "ColorizeSpark, $6, ONNX Runtime on $7 thread(s) per task, $(grep -c . "$OUT/$1/.units" 2>/dev/null || echo "$(tail -n +2 "$OUT/$1/report.csv" | cut -d, -f5 | paste -sd+ | bc)") units" "$2" "$(echo "$3 + $4" | bc -l)" "$5" \
        "$(echo "$6" | sed 's/local\[\([0-9]*\)\]/\1/')"
    for f in $(cd "$OUT/single" && find . -type f | sort); do
        cmp -s "$OUT/single/$f" "$OUT/$1/$f" || echo "  (differs from the single-process result: $f)"
    done
}
spark spark-1 "local[1]" 1
spark spark-2 "local[2]" 1
spark spark-2x2 "local[2]" 2
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
