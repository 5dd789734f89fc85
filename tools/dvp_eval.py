#!/usr/bin/env python3
"""Temporal consistency and fidelity of a clip, for the Deep Video Prior figures (BENCHMARKS-dvp.md).

Warp error after Lai et al. 2018 (fast_blind_video_consistency, evaluate_WarpError.py): optical flow is
computed on the INPUT (gray) frames, forward t-1 -> t and backward t -> t-1; a pixel of frame t-1 is
occluded when the forward flow and the backward flow warped by it do not cancel,
|F + W(B)|^2 > 0.01 (|F|^2 + |W(B)|^2) + 0.5, or when it lies on a motion boundary,
|grad F|^2 > 0.01 |F|^2 + 0.002. Per pair: sum over non-occluded pixels and the 3 RGB channels (values
in [0,1]) of (warp(O_t) - O_{t-1})^2, divided by the number of those pixel-channels; mean over pairs.
Lai used FlowNet2 and DVP used PWC-Net; neither is available here, so the flow is OpenCV's DIS optical
flow (preset MEDIUM) -- absolute values are therefore not comparable with published tables, only
between the clips measured here with the same flow.

PSNR: 8-bit RGB, MAX 255, full frame, mean over frames (against a ground-truth folder).
ab warp error: the same on a*/100, b*/100 (OpenCV Lab) instead of RGB: the chroma flicker alone.
Colourfulness: Hasler & Suesstrunk 2003 on 8-bit RGB, mean over frames (to show desaturation).

usage: dvp_eval.py --input GRAY_DIR --truth TRUTH_DIR [--flow-cache F.npz] NAME=DIR [NAME=DIR ...]
"""
import argparse
import os
import sys

import cv2
import numpy as np


def frames(folder):
    names = sorted(n for n in os.listdir(folder) if n.lower().endswith(('.png', '.jpg', '.jpeg', '.tif', '.tiff')))
    return [os.path.join(folder, n) for n in names]


def read_rgb(path):
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        raise SystemExit('cannot read ' + path)
    return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def read_gray(path):
    return cv2.imread(path, cv2.IMREAD_GRAYSCALE)


def warp(img, flow):
    """Samples img at x + flow(x) (bilinear; outside the frame: border replicate)."""
    h, w = flow.shape[:2]
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(img, gx + flow[..., 0], gy + flow[..., 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def occlusion(fw, bw):
    """Occlusion mask in frame t-1's coordinates (1 = occluded) from the forward flow fw (t-1 -> t)
    and the backward flow bw (t -> t-1)."""
    bw_w = warp(bw, fw)
    s = fw + bw_w
    mask1 = (s ** 2).sum(-1) > 0.01 * ((fw ** 2).sum(-1) + (bw_w ** 2).sum(-1)) + 0.5
    du_dy, du_dx = np.gradient(fw[..., 0])
    dv_dy, dv_dx = np.gradient(fw[..., 1])
    mask2 = (du_dx ** 2 + du_dy ** 2 + dv_dx ** 2 + dv_dy ** 2) > 0.01 * (fw ** 2).sum(-1) + 0.002
    return mask1 | mask2


def flows(input_dir, cache):
    if cache and os.path.exists(cache):
        d = np.load(cache)
        return d['fw'], d['noc']
    dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM)
    gray = [read_gray(p) for p in frames(input_dir)]
    fws, nocs = [], []
    for t in range(1, len(gray)):
        fw = dis.calc(gray[t - 1], gray[t], None)
        bw = dis.calc(gray[t], gray[t - 1], None)
        fws.append(fw.astype(np.float16))
        nocs.append(~occlusion(fw, bw))
    fw, noc = np.stack(fws), np.stack(nocs)
    if cache:
        np.savez_compressed(cache, fw=fw, noc=noc)
    return fw, noc


def chroma(rgb):
    """a*, b* / 100 of an RGB image in [0,1] (OpenCV's float Lab: L 0..100, a, b about -127..127)."""
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2Lab)
    return lab[..., 1:] / 100.0


def warp_error(clip_dir, fw, noc, channels=None):
    """channels: None for RGB in [0,1]; a function turning an RGB frame into other planes."""
    paths = frames(clip_dir)
    if len(paths) != fw.shape[0] + 1:
        raise SystemExit('%s has %d frames, the input %d' % (clip_dir, len(paths), fw.shape[0] + 1))
    conv = channels or (lambda x: x)
    prev = conv(read_rgb(paths[0]).astype(np.float32) / 255.0)
    errs = []
    for t in range(1, len(paths)):
        cur = conv(read_rgb(paths[t]).astype(np.float32) / 255.0)
        if cur.shape[:2] != fw.shape[1:3]:
            raise SystemExit('%s: frame size %s differs from the input %s' % (paths[t], cur.shape[:2], fw.shape[1:3]))
        warped = warp(cur, fw[t - 1].astype(np.float32))
        m = noc[t - 1][..., None].astype(np.float32)
        n = m.sum() * cur.shape[2]
        diff = (warped - prev) * m
        errs.append(float((diff ** 2).sum() / n) if n > 0 else float((warped - prev).var()))
        prev = cur
    return float(np.mean(errs))


def psnr(clip_dir, truth_dir):
    a, b = frames(clip_dir), frames(truth_dir)
    vals = []
    for p, q in zip(a, b):
        x = read_rgb(p).astype(np.float64)
        y = read_rgb(q).astype(np.float64)
        mse = ((x - y) ** 2).mean()
        vals.append(10 * np.log10(255.0 ** 2 / mse) if mse > 0 else float('inf'))
    return float(np.mean(vals))


def colourfulness(clip_dir):
    """Hasler & Suesstrunk 2003 on 8-bit RGB, mean over frames."""
    vals = []
    for p in frames(clip_dir):
        x = read_rgb(p).astype(np.float64)
        rg = x[..., 0] - x[..., 1]
        yb = 0.5 * (x[..., 0] + x[..., 1]) - x[..., 2]
        vals.append(np.sqrt(rg.std() ** 2 + yb.std() ** 2) + 0.3 * np.sqrt(rg.mean() ** 2 + yb.mean() ** 2))
    return float(np.mean(vals))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--input', required=True)
    ap.add_argument('--truth')
    ap.add_argument('--flow-cache')
    ap.add_argument('clips', nargs='+')
    a = ap.parse_args()
    fw, noc = flows(a.input, a.flow_cache)
    print('%-28s %12s %14s %10s %14s' % ('clip', 'warp error', 'ab warp error', 'PSNR (dB)', 'colourfulness'))
    for spec in a.clips:
        name, _, folder = spec.partition('=')
        e = warp_error(folder, fw, noc)
        p = psnr(folder, a.truth) if a.truth else float('nan')
        ab = warp_error(folder, fw, noc, chroma)
        print('%-28s %12.6f %14.6f %10.3f %14.1f' % (name, e, ab, p, colourfulness(folder)))
        sys.stdout.flush()


if __name__ == '__main__':
    main()
