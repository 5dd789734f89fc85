#!/usr/bin/python3
"""PSNR over gray and colourfulness of one CompactColorNet export under several decodings (issue #13, item 2):
input short side x temperature x chroma gain (a*b* = frame mean + gain x (a*b* - frame mean), applied at the
model's output size as the plugin's AbDecoder does), on every n-th frame of some clips. The network's logits are
computed once per frame and short side; resampling and gamut mapping are the plugin's (models/training/colorlib.py).
Used to choose compact-lab-v2's manifest; the plugin's own figures come from org.colorizevideo.bench.DavisEvaluation.

  /usr/bin/python3 tools/decoding_sweep.py models/compact-lab-v2.onnx --short 224,96 --temperatures 1,0.38 \
      --gains 1,2 [--clips extra/vid4-calendar,extra/tennis] [--every 10]

Clips are folders under ../shared/data/video (default: the five DAVIS dev clips).
"""
import argparse, glob, math, os, sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'models', 'training'))
from colorlib import rgb_to_lab, lab_to_rgb_keep_l, annealed_mean, chroma_gain, resize, model_input_size  # noqa: E402
import net as netmod  # noqa: E402
from train import colorfulness  # noqa: E402


def floats(text):
    return [float(v) for v in text.split(',')]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('onnx')
    ap.add_argument('--short', default='224,96')
    ap.add_argument('--temperatures', default='1,0.38')
    ap.add_argument('--gains', default='1,2')
    ap.add_argument('--clips', default=None)
    ap.add_argument('--every', type=int, default=10)
    ap.add_argument('--data', default='../shared/data/video')
    args = ap.parse_args()
    torch.set_num_threads(2)
    model, bins = netmod.from_onnx(args.onnx)
    model.eval()
    folders = ([os.path.join(args.data, c) for c in args.clips.split(',')] if args.clips
               else sorted(glob.glob(os.path.join(args.data, 'davis', '*'))))
    frames = [np.array(Image.open(f).convert('RGB')) for c in folders
              for f in sorted(glob.glob(os.path.join(c, '*.jpg')))[::args.every]]
    shorts, temps, gains = [int(v) for v in args.short.split(',')], floats(args.temperatures), floats(args.gains)
    sums = {(s, t, g): [0.0, 0.0] for s in shorts for t in temps for g in gains}
    gray_psnr = truth_cf = 0.0

    def psnr_cf(lab, ab, truth):
        rgb = (lab_to_rgb_keep_l(torch.cat([lab[:, :1], ab], 1))[0].permute(1, 2, 0).numpy() * 255).round()
        return 10 * math.log10(255 ** 2 / ((rgb - truth) ** 2).mean()), colorfulness(rgb)

    with torch.no_grad():
        for fr in frames:
            lab = rgb_to_lab(torch.from_numpy(fr).permute(2, 0, 1)[None].double() / 255.0)
            H, W = fr.shape[:2]
            gray_psnr += psnr_cf(lab, torch.zeros(1, 2, H, W, dtype=torch.float64), fr)[0]
            truth_cf += colorfulness(fr)
            for s in shorts:
                logits = model(resize(lab[:, :1].float(), model_input_size(H, W, s, 8))).double()
                for t in temps:
                    ab = annealed_mean(logits, bins.double(), t)
                    for g in gains:
                        p, c = psnr_cf(lab, resize(chroma_gain(ab, g).float(), (H, W)).double(), fr)
                        sums[(s, t, g)][0] += p
                        sums[(s, t, g)][1] += c
    n = len(frames)
    print(f'{args.onnx}: {n} frames, gray {gray_psnr / n:.3f} dB, truth colourfulness {truth_cf / n:.1f}')
    print('short  T     gain  PSNR vs gray  colourfulness (% of truth)')
    for (s, t, g), (p, c) in sums.items():
        print(f'{s:5d}  {t:<5g} {g:<5g} {p / n - gray_psnr / n:+8.3f} dB  {c / n:6.1f} ({100 * c / truth_cf:3.0f} %)')


if __name__ == '__main__':
    main()
