#!/bin/sh
# Colorize Video on the real MP4 files of ../shared/data/video/mp4 (issue #12, acceptance 2): each file is
# first made black and white (ffmpeg: format=gray, H.264 CRF 16, audio copied), then colorized into an .mp4;
# ffprobe / ffmpeg check frame count, frame rate, duration, frame times and the audio packets
# (framemd5: timestamps, sizes and MD5 of the bytes), and VideoIoBenchmark times decode and encode alone.
# Run from the repository root after `mvn -B -q package -DskipTests`; needs ffmpeg and ffprobe.
# Usage: [JAR=...] [OUT=target/video-files] [FILES="a.mp4 ..."] tools/video_files_eval.sh
set -e
JAR=${JAR:-$(ls target/Colorize_Video-*-all.jar | head -1)}
D=../shared/data/video/mp4
OUT=${OUT:-target/video-files}
FILES=${FILES:-$(cd $D && ls *.mp4)}
mkdir -p "$OUT"
probe() { ffprobe -v error -select_streams v:0 -show_entries "$2" -of csv=p=0 "$1" | head -1; }
frametimes() { ffprobe -v error -select_streams v:0 -show_entries packet=pts_time -of csv=p=0 "$1" | sort -n | md5sum | cut -c1-8; }
audio() {
    if [ -z "$(ffprobe -v error -select_streams a -show_entries stream=index -of csv=p=0 "$1")" ]; then echo none; return; fi
    ffmpeg -v error -i "$1" -map 0:a -c copy -f framemd5 - | grep -v '^#' | md5sum | cut -c1-8
}
for f in $FILES; do
    b=${f%.mp4}
    gray="$OUT/$b-gray.mp4"; col="$OUT/$b-colour.mp4"
    [ -f "$gray" ] || ffmpeg -v error -y -i "$D/$f" -map 0 -vf format=gray,format=yuv420p -c:v libx264 -crf 16 -c:a copy "$gray"
    rm -f "$col"
    /usr/bin/time -f "%e %U %S" -o "$OUT/$b.time" java -jar "$JAR" --headless --run "Colorize Video" \
        "input='$gray',output='$col'" > "$OUT/$b.log" 2>&1 || { echo "$f: FAILED: $(tail -1 "$OUT/$b.log")"; continue; }
    n=$(probe "$gray" stream=nb_frames)
    set -- $(cat "$OUT/$b.time")
    echo "$f: frames $n -> $(probe "$col" stream=nb_frames), rate $(probe "$gray" stream=avg_frame_rate) -> $(probe "$col" stream=avg_frame_rate)," \
        "duration $(probe "$gray" stream=duration) -> $(probe "$col" stream=duration), frame times $(frametimes "$gray") -> $(frametimes "$col")," \
        "audio $(audio "$gray") -> $(audio "$col"); colorize end to end $(echo "$n $1" | awk '{printf "%.1f", $1/$2}') frames/s" \
        "($1 s wall, $(echo "$2 $3" | awk '{print $1+$2}') s CPU)"
    java -cp "$JAR" org.colorizevideo.bench.VideoIoBenchmark "$gray" | sed 's/^/    /'
done
