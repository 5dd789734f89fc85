#!/usr/bin/env python3
"""Synthetic per-frame flicker from a colour clip, for testing temporal refinement (issue: DVP diverged).

For every frame of TRUTH_DIR: L*a*b* of the truth (scikit-image); a*, b* shifted by a per-frame random
global offset (Gaussian, sd SHIFT, independent for a* and b*); in a fraction FLIP of the frames a random
quarter-frame region (half the width by half the height, anywhere) gets its a*, b* negated; back to sRGB
(8-bit PNG). Deterministic: the seed is the CRC-32 of the clip's folder name plus SEED.
Also writes the L*-neutral gray input (gray level = sRGB of (L*, 0, 0)) to GRAY_DIR when given.

usage: make_flicker.py TRUTH_DIR OUT_DIR [--gray GRAY_DIR] [--shift 8] [--flip 0.3] [--seed 0] [--frames N]
"""
import argparse
import os
import zlib

import numpy as np
from skimage import color, io


def main():
    p = argparse.ArgumentParser()
    p.add_argument('truth')
    p.add_argument('out')
    p.add_argument('--gray')
    p.add_argument('--shift', type=float, default=8.0)
    p.add_argument('--flip', type=float, default=0.3)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--frames', type=int, default=0)
    a = p.parse_args()
    names = sorted(n for n in os.listdir(a.truth) if n.lower().endswith(('.png', '.jpg', '.jpeg')))
    if a.frames:
        names = names[:a.frames]
    rng = np.random.default_rng(zlib.crc32(os.path.basename(os.path.normpath(a.truth)).encode()) + a.seed)
    os.makedirs(a.out, exist_ok=True)
    if a.gray:
        os.makedirs(a.gray, exist_ok=True)
    for n in names:
        lab = color.rgb2lab(io.imread(os.path.join(a.truth, n))[..., :3])
        h, w = lab.shape[:2]
        ab = lab[..., 1:] + rng.normal(0, a.shift, 2)
        if rng.random() < a.flip:
            y, x = rng.integers(0, h - h // 2 + 1), rng.integers(0, w - w // 2 + 1)
            ab[y:y + h // 2, x:x + w // 2] *= -1
        rgb = color.lab2rgb(np.concatenate([lab[..., :1], ab], -1))
        png = os.path.splitext(n)[0] + '.png'
        io.imsave(os.path.join(a.out, png), np.round(rgb * 255).astype(np.uint8), check_contrast=False)
        if a.gray:
            L = lab[..., 0]
            g = color.lab2rgb(np.stack([L, 0 * L, 0 * L], -1))[..., 0]
            io.imsave(os.path.join(a.gray, png), np.round(g * 255).astype(np.uint8), check_contrast=False)


if __name__ == '__main__':
    main()
