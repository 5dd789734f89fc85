#!/usr/bin/env python3
"""Generate the warp-error fixtures for org.colorizevideo.metrics.WarpError and Colorize Measure.

Run with the system interpreter (numpy, scikit-image 0.19, Pillow):

    /usr/bin/python3 test-data/scripts/make_warp_fixtures.py

Writes test-data/warp/:
  reference/NNNNN.png  colour ground-truth clip (8-bit RGB)
  result/NNNNN.png     a "colorization" of it that flickers (per-frame colour gains + noise)
  input/NNNNN.png      the gray input (Rec. 601 luma of the colour clip, 8-bit)
  flow/fw_NNNNN.flo    ground-truth forward flow  t-1 -> t  (t-1 = NNNNN), Middlebury .flo
  flow/bw_NNNNN.flo    ground-truth backward flow t -> t-1
  reference.json       warp error of result/ with those flows (independent NumPy code below),
                       per pair and mean, occlusion counts, and per-frame PSNR / SSIM (scikit-image)
                       of result/ against reference/.

The clip is synthetic and exact: a colour texture given by a closed-form function of the scene
coordinates (sums of sinusoids), seen through a camera that rotates (1.5 degrees per frame) and
translates by sub-pixel amounts, with a square foreground patch (its own texture) that translates
by (2.3, 1.4) px per frame and so occludes / disoccludes the background. Every pixel is the texture
evaluated at the exact scene point, so the two-layer motion gives the flows in closed form.

Warp error (Lai et al. 2018 as their code computes it; see WarpError.java for the reasoning):
  occluded(x) = |W_F(B)(x) + F(x)|^2 > 0.01 (|W_F(B)(x)|^2 + |F(x)|^2) + 0.5
             or |grad F(x)|^2 > 0.01 |F(x)|^2 + 0.002   (forward differences, 0 in the last row/column)
  E_pair = sum_{x not occluded, c} (W_F(O_t) - O_{t-1})^2 / (3 * #not occluded),  O in [0, 1]
  with W_F(I)(x) = bilinear I(x + F(x)), neighbour indices clamped to the frame (FlowNet2 Resample2d).
"""
import json
import os

import numpy as np
from PIL import Image
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'test-data', 'warp')

W, H, T = 96, 64, 6
THETA = np.deg2rad(1.5)            # camera rotation per frame
SHIFT = np.array([0.7, -0.35])     # camera translation per frame (px)
CENTRE = np.array([(W - 1) / 2.0, (H - 1) / 2.0])
FG_START = np.array([30.0, 24.0])  # foreground square centre in frame 0
FG_STEP = np.array([2.3, 1.4])     # its motion per frame
FG_HALF = 11.0
FLO_TAG = 202021.25


def rot(a):
    return np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])


def bg_to_frame(t, p):
    """Scene point p (..., 2) -> its position in frame t: A_t(p) = R(t theta)(p - c) + c + t shift."""
    return (p - CENTRE) @ rot(t * THETA).T + CENTRE + t * SHIFT


def frame_to_bg(t, q):
    """Inverse of bg_to_frame."""
    return (q - CENTRE - t * SHIFT) @ rot(t * THETA) + CENTRE


def texture(p, kind):
    x, y = p[..., 0], p[..., 1]
    if kind == 'bg':
        r = 128 + 55 * np.sin(0.31 * x + 0.17 * y) + 30 * np.sin(0.09 * x - 0.23 * y + 1.0)
        g = 120 + 50 * np.sin(0.13 * x - 0.27 * y + 0.5) + 35 * np.cos(0.21 * x + 0.05 * y)
        b = 110 + 60 * np.cos(0.19 * x + 0.29 * y + 2.0) + 25 * np.sin(0.37 * y)
    else:
        r = 200 + 40 * np.sin(0.6 * x) * np.cos(0.5 * y)
        g = 70 + 50 * np.cos(0.45 * x + 0.3 * y)
        b = 90 + 45 * np.sin(0.35 * x - 0.55 * y + 0.3)
    return np.stack([r, g, b], -1)


def grid():
    ys, xs = np.mgrid[0:H, 0:W].astype(np.float64)
    return np.stack([xs, ys], -1)


def fg_mask(t, q):
    c = FG_START + t * FG_STEP
    return (np.abs(q[..., 0] - c[0]) <= FG_HALF) & (np.abs(q[..., 1] - c[1]) <= FG_HALF)


def render(t):
    q = grid()
    img = texture(frame_to_bg(t, q), 'bg')
    m = fg_mask(t, q)
    img[m] = texture(q - (FG_START + t * FG_STEP), 'fg')[m]
    return img


def forward_flow(t0):
    """Flow t0 -> t0 + 1 on frame t0's grid."""
    q = grid()
    f = bg_to_frame(t0 + 1, frame_to_bg(t0, q)) - q
    f[fg_mask(t0, q)] = FG_STEP
    return f


def backward_flow(t1):
    """Flow t1 -> t1 - 1 on frame t1's grid."""
    q = grid()
    f = bg_to_frame(t1 - 1, frame_to_bg(t1, q)) - q
    f[fg_mask(t1, q)] = -FG_STEP
    return f


def to_u8(img):
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def write_flo(flow, path):
    with open(path, 'wb') as f:
        np.array([FLO_TAG], '<f4').tofile(f)
        np.array([flow.shape[1], flow.shape[0]], '<i4').tofile(f)
        flow.astype('<f4').tofile(f)


def read_flo(path):
    with open(path, 'rb') as f:
        assert np.fromfile(f, '<f4', 1)[0] == np.float32(FLO_TAG)
        w, h = np.fromfile(f, '<i4', 2)
        return np.fromfile(f, '<f4', 2 * w * h).reshape(h, w, 2).astype(np.float64)


# --------------------------------------------------------------------------
# Independent NumPy warp error
# --------------------------------------------------------------------------

def bilinear_warp(img, flow):
    """img (H, W, C) sampled at x + flow(x); the 4 neighbours clamped to the frame separately."""
    h, w = flow.shape[:2]
    q = grid()
    xf = q[..., 0] + flow[..., 0]
    yf = q[..., 1] + flow[..., 1]
    x0 = np.floor(xf)
    y0 = np.floor(yf)
    a = (xf - x0)[..., None]
    b = (yf - y0)[..., None]
    xl = np.clip(x0, 0, w - 1).astype(int)
    xr = np.clip(x0 + 1, 0, w - 1).astype(int)
    yt = np.clip(y0, 0, h - 1).astype(int)
    yb = np.clip(y0 + 1, 0, h - 1).astype(int)
    return ((1 - a) * (1 - b) * img[yt, xl] + a * (1 - b) * img[yt, xr]
            + (1 - a) * b * img[yb, xl] + a * b * img[yb, xr])


def occlusion(fw, bw):
    bw_w = bilinear_warp(bw, fw)
    mag = lambda f: f[..., 0] ** 2 + f[..., 1] ** 2
    inconsistent = mag(bw_w + fw) > 0.01 * (mag(bw_w) + mag(fw)) + 0.5
    d = np.zeros((4,) + fw.shape[:2])
    d[0][:, :-1] = fw[:, :-1, 0] - fw[:, 1:, 0]
    d[1][:-1, :] = fw[:-1, :, 0] - fw[1:, :, 0]
    d[2][:, :-1] = fw[:, :-1, 1] - fw[:, 1:, 1]
    d[3][:-1, :] = fw[:-1, :, 1] - fw[1:, :, 1]
    boundary = (d ** 2).sum(0) > 0.01 * mag(fw) + 0.002
    return inconsistent, boundary


def warp_error_pair(prev_u8, cur_u8, fw, bw):
    inconsistent, boundary = occlusion(fw, bw)
    noc = (~(inconsistent | boundary)).astype(np.float64)
    noc3 = np.repeat(noc[..., None], 3, axis=2)
    warped = bilinear_warp(cur_u8.astype(np.float64) / 255.0, fw)
    diff = (warped - prev_u8.astype(np.float64) / 255.0) * noc3
    n = noc3.sum()
    if n == 0:
        n = diff.size
    return float((diff ** 2).sum() / n), int(noc.sum()), int(inconsistent.sum()), int(boundary.sum())


def main():
    for sub in ('reference', 'result', 'input', 'flow'):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)
    rng = np.random.default_rng(2024)
    colour, result = [], []
    for t in range(T):
        c = to_u8(render(t))
        gains = 1.0 + 0.06 * np.array([np.sin(1.3 * t), np.cos(0.9 * t + 0.4), np.sin(2.1 * t + 1.0)])
        r = to_u8(c.astype(np.float64) * gains + rng.normal(0.0, 2.0, c.shape))
        luma = to_u8(0.299 * c[..., 0] + 0.587 * c[..., 1] + 0.114 * c[..., 2])
        name = '%05d.png' % t
        Image.fromarray(c).save(os.path.join(OUT, 'reference', name))
        Image.fromarray(r).save(os.path.join(OUT, 'result', name))
        Image.fromarray(luma).save(os.path.join(OUT, 'input', name))
        colour.append(c)
        result.append(r)
    pairs = []
    for t in range(1, T):
        fw_path = os.path.join(OUT, 'flow', 'fw_%05d.flo' % (t - 1))
        bw_path = os.path.join(OUT, 'flow', 'bw_%05d.flo' % (t - 1))
        write_flo(forward_flow(t - 1), fw_path)
        write_flo(backward_flow(t), bw_path)
        # Use the flows as stored (float32), exactly what the Java test reads.
        e, noc, inc, bnd = warp_error_pair(result[t - 1], result[t], read_flo(fw_path), read_flo(bw_path))
        e_ref, _, _, _ = warp_error_pair(colour[t - 1], colour[t], read_flo(fw_path), read_flo(bw_path))
        pairs.append({'pair': [t - 1, t], 'warp_error': e, 'non_occluded': noc, 'inconsistent': inc,
                      'motion_boundary': bnd, 'warp_error_reference_clip': e_ref})
    ssim_args = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255, channel_axis=2)
    frames = [{'psnr': float(peak_signal_noise_ratio(colour[t], result[t], data_range=255)),
               'ssim': float(structural_similarity(colour[t], result[t], **ssim_args))} for t in range(T)]
    ref = {
        'generator': 'test-data/scripts/make_warp_fixtures.py',
        'size': [W, H], 'frames': T,
        'warp_error_mean': float(np.mean([p['warp_error'] for p in pairs])),
        'warp_error_reference_clip_mean': float(np.mean([p['warp_error_reference_clip'] for p in pairs])),
        'pairs': pairs,
        'per_frame': frames,
    }
    with open(os.path.join(OUT, 'reference.json'), 'w') as f:
        json.dump(ref, f, indent=1)
    print(json.dumps({k: ref[k] for k in ('warp_error_mean', 'warp_error_reference_clip_mean')}))
    for p in pairs:
        print(p)


if __name__ == '__main__':
    main()
