#!/usr/bin/python3
"""Naive propagation, the baseline of issue #11: the reference's a*b* carried frame to frame by optical
flow on the gray frames, no occlusion handling.

Frame 0 takes the reference's a*b* (the reference is the clip's first colour frame, resized to the
frame size if it differs); frame t takes frame t-1's a*b* sampled at x + flow(x), flow from gray t to
gray t-1 (OpenCV DIS, preset MEDIUM, as Colorize Measure's default), bilinear, border replicated; each
frame keeps its own L* (from its gray frame). Lab -> sRGB by scikit-image (out-of-gamut values clipped).

usage: naive_propagation.py REFERENCE_IMAGE GRAY_DIR OUT_DIR
"""
import os, sys

import cv2
import numpy as np
from skimage import color, io


def main():
    ref_path, gray_dir, out = sys.argv[1:4]
    names = sorted(f for f in os.listdir(gray_dir) if f.lower().endswith(('.png', '.jpg', '.tif')))
    os.makedirs(out, exist_ok=True)
    dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM)
    prev_gray, ab = None, None
    for i, name in enumerate(names):
        g = io.imread(os.path.join(gray_dir, name))
        g = g if g.ndim == 2 else g[..., 0]
        h, w = g.shape
        L = color.rgb2lab(np.repeat(g[..., None], 3, 2) / 255.0)[..., 0]
        if i == 0:
            ref = io.imread(ref_path)[..., :3]
            if ref.shape[:2] != (h, w):
                ref = cv2.resize(ref, (w, h), interpolation=cv2.INTER_AREA)
            ab = color.rgb2lab(ref / 255.0)[..., 1:].astype(np.float32)
        else:
            flow = dis.calc(g, prev_gray, None)
            xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
            mx, my = xs + flow[..., 0], ys + flow[..., 1]
            ab = np.stack([cv2.remap(ab[..., k], mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
                           for k in range(2)], -1)
        rgb = color.lab2rgb(np.concatenate([L[..., None], ab], -1))
        io.imsave(os.path.join(out, os.path.splitext(name)[0] + '.png'), np.round(rgb * 255).astype(np.uint8),
                  check_contrast=False)
        prev_gray = g


if __name__ == '__main__':
    main()
