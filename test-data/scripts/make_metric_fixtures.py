#!/usr/bin/env python3
"""Generate golden fixtures for org.colorizevideo.metrics.

Run with the system interpreter (numpy, scipy, scikit-image 0.19, Pillow):

    /usr/bin/python3 test-data/scripts/make_metric_fixtures.py

Writes small 8-bit RGB PNGs and test-data/metrics/reference.json.
All content is synthetic and generated from fixed seeds, so running the
script again reproduces the same files.

Reference values:
  * PSNR  -- skimage.metrics.peak_signal_noise_ratio(data_range=255)
  * SSIM  -- skimage.metrics.structural_similarity(gaussian_weights=True,
             sigma=1.5, use_sample_covariance=False, data_range=255,
             channel_axis=2); per-channel values with channel_axis=None, and the
             per-channel mean of the uncropped full=True SSIM image
  * Gaussian filter -- scipy.ndimage.gaussian_filter(sigma=1.5, truncate=3.5,
             mode='reflect') on two tiny arrays (one smaller than the kernel
             radius, to exercise repeated reflection)
  * Colourfulness (Hasler & Suesstrunk 2003) and CDC (Liu et al. 2021) --
             independent float64 NumPy code below.  CDC uses the natural log
             (as scipy.stats.entropy does by default in TCVC's cdc.py); the
             script also checks it against a TCVC-style computation
             (float32 histograms + scipy.stats.entropy) and against
             scipy.spatial.distance.jensenshannon(base=e) squared.
"""
import json
import os

import numpy as np
import scipy
import scipy.ndimage as ndi
import scipy.spatial.distance
import scipy.stats
import skimage
from PIL import Image
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'test-data', 'metrics')

SSIM_ARGS = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                 data_range=255)
CDC_DILATIONS = (1, 2, 4)
CDC_WEIGHTS = (1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0)


# --------------------------------------------------------------------------
# Synthetic content
# --------------------------------------------------------------------------

def to_u8(img):
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def natural_image(h, w, rng, noise=4.0):
    """Smooth colour gradients + a few shapes + mild noise, float in [0,255]."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    yn, xn = y / max(h - 1, 1), x / max(w - 1, 1)
    img = np.empty((h, w, 3))
    img[..., 0] = 40 + 170 * xn + 20 * np.sin(6.0 * yn)
    img[..., 1] = 60 + 120 * yn + 30 * np.cos(5.0 * xn + 1.0)
    img[..., 2] = 200 - 150 * (0.5 * xn + 0.5 * yn)
    for _ in range(4):  # filled discs
        cy, cx = rng.uniform(0, h), rng.uniform(0, w)
        r = rng.uniform(0.1, 0.3) * min(h, w)
        colour = rng.uniform(0, 255, size=3)
        mask = (y - cy) ** 2 + (x - cx) ** 2 <= r * r
        img[mask] = 0.3 * img[mask] + 0.7 * colour
    y0, x0 = int(rng.integers(0, h // 2)), int(rng.integers(0, w // 2))
    img[y0:y0 + h // 3, x0:x0 + w // 4] = rng.uniform(0, 255, size=3)  # a box
    img += rng.normal(0.0, noise, size=img.shape)
    return img


def jpeg_like(img_u8, q=40.0):
    """8x8 block DCT quantisation (luma/chroma agnostic) -> blocky noise."""
    n = 8
    k = np.arange(n)
    dct = np.sqrt(2.0 / n) * np.cos(np.pi * (2 * k[None, :] + 1) * k[:, None] / (2 * n))
    dct[0, :] = np.sqrt(1.0 / n)
    qmat = q * (1.0 + (k[:, None] + k[None, :]) / 2.0)
    h, w, _ = img_u8.shape
    out = img_u8.astype(np.float64).copy()
    for c in range(3):
        for by in range(0, h - h % n, n):
            for bx in range(0, w - w % n, n):
                block = out[by:by + n, bx:bx + n, c] - 128.0
                coef = dct @ block @ dct.T
                coef = np.round(coef / qmat) * qmat
                out[by:by + n, bx:bx + n, c] = dct.T @ coef @ dct + 128.0
    return to_u8(out)


def make_pairs():
    pairs = []

    rng = np.random.default_rng(1001)
    a = to_u8(natural_image(48, 64, rng))
    b = to_u8(a + rng.normal(0, 8, a.shape) + np.array([6.0, -3.0, 2.0]))
    pairs.append(('noise_64x48', a, b))

    rng = np.random.default_rng(1002)
    a = to_u8(natural_image(29, 37, rng))
    blurred = ndi.gaussian_filter(a.astype(np.float64), sigma=(1.0, 1.0, 0), mode='nearest')
    b = to_u8(blurred[..., [1, 0, 2]] * 0.4 + blurred * 0.6)  # blur + colour shift
    pairs.append(('blurshift_37x29', a, b))

    rng = np.random.default_rng(1003)
    a = to_u8(natural_image(80, 96, rng))
    af = a.astype(np.float64)
    luma = 0.299 * af[..., 0] + 0.587 * af[..., 1] + 0.114 * af[..., 2]
    # "colourisation-like": keep luma, replace chroma with a desaturated, shifted one
    b = to_u8(luma[..., None] + 0.5 * (af[..., [2, 0, 1]] - luma[..., None]))
    pairs.append(('rechroma_96x80', a, b))

    rng = np.random.default_rng(1004)
    a = to_u8(natural_image(64, 80, rng, noise=2.0))
    b = jpeg_like(a)
    pairs.append(('jpeglike_80x64', a, b))
    return pairs


def make_clips():
    clips = []
    # Clip 1: 6 frames, a disc moving over a gradient, slowly drifting colour.
    rng = np.random.default_rng(2001)
    base = natural_image(30, 40, rng, noise=0.0)
    y, x = np.mgrid[0:30, 0:40]
    frames = []
    for t in range(6):
        f = base + np.array([3.0 * t, -2.0 * t, 1.0 * t])
        mask = (y - 15) ** 2 + (x - 8 - 4 * t) ** 2 <= 36
        f[mask] = [230, 40 + 10 * t, 60]
        f = f + rng.normal(0, 3, f.shape)
        frames.append(to_u8(f))
    clips.append(('drift_6f', frames))

    # Clip 2: 7 frames with colour flicker on alternate frames.
    rng = np.random.default_rng(2002)
    base = natural_image(30, 40, rng, noise=0.0)
    frames = []
    for t in range(7):
        cast = np.array([25.0, -15.0, -20.0]) if t % 2 else np.array([-10.0, 10.0, 15.0])
        f = base + cast * (1 + 0.2 * t) + rng.normal(0, 3, base.shape)
        frames.append(to_u8(f))
    clips.append(('flicker_7f', frames))
    return clips


# --------------------------------------------------------------------------
# Independent reference implementations (float64)
# --------------------------------------------------------------------------

def colorfulness(img_u8):
    f = img_u8.astype(np.float64)
    rg = f[..., 0] - f[..., 1]
    yb = 0.5 * (f[..., 0] + f[..., 1]) - f[..., 2]
    std = np.sqrt(rg.std() ** 2 + yb.std() ** 2)  # population std (ddof=0)
    mean = np.sqrt(rg.mean() ** 2 + yb.mean() ** 2)
    return float(std + 0.3 * mean)


def channel_hists(img_u8):
    """256-bin histogram per channel, normalised to sum 1 -> shape (3, 256)."""
    n = img_u8.shape[0] * img_u8.shape[1]
    return np.stack([np.bincount(img_u8[..., c].ravel(), minlength=256) / n
                     for c in range(3)])


def js_divergence(p, q):
    """Jensen-Shannon divergence, natural log, 0*log(0/x) = 0."""
    m = 0.5 * (p + q)
    total = 0.0
    for a in (p, q):
        nz = a > 0
        total += 0.5 * np.sum(a[nz] * np.log(a[nz] / m[nz]))
    return float(total)


def cdc(frames):
    hists = [channel_hists(f) for f in frames]
    n = len(frames)
    per_dilation = []
    pair_js = {}
    contrib = np.zeros(n)
    for d, w in zip(CDC_DILATIONS, CDC_WEIGHTS):
        npairs = n - d
        vals = []  # channel-mean JS of each pair (i, i+d)
        for i in range(npairs):
            js = np.mean([js_divergence(hists[i][c], hists[i + d][c]) for c in range(3)])
            vals.append(float(js))
            contrib[i] += w * js / npairs
        pair_js[str(d)] = vals
        per_dilation.append(float(np.mean(vals)))
    value = float(sum(w * v for w, v in zip(CDC_WEIGHTS, per_dilation)))
    return value, per_dilation, pair_js, contrib.tolist()


def cdc_tcvc_style(frames):
    """Re-statement of TCVC's recipe: float32 hists, scipy.stats.entropy (ln)."""
    def js(p, q):
        m = (p + q) / 2
        return 0.5 * scipy.stats.entropy(p, m) + 0.5 * scipy.stats.entropy(q, m)
    hists = [[(np.bincount(f[..., c].ravel(), minlength=256) / (f.shape[0] * f.shape[1]))
              .astype(np.float32) for c in range(3)] for f in frames]
    chan = []
    for c in range(3):
        acc = 0.0
        for d, w in zip(CDC_DILATIONS, CDC_WEIGHTS):
            acc += w * np.mean([js(hists[i][c], hists[i + d][c]) for i in range(len(frames) - d)])
        chan.append(acc)
    return float(np.mean(chan))


def cdc_scipy_js(frames):
    hists = [channel_hists(f) for f in frames]
    total = 0.0
    for d, w in zip(CDC_DILATIONS, CDC_WEIGHTS):
        vals = [np.mean([scipy.spatial.distance.jensenshannon(hists[i][c], hists[i + d][c]) ** 2
                         for c in range(3)]) for i in range(len(frames) - d)]
        total += w * np.mean(vals)
    return float(total)


# --------------------------------------------------------------------------

def save_png(img, name):
    Image.fromarray(img, mode='RGB').save(os.path.join(OUT, name), optimize=True)
    return name


def main():
    os.makedirs(OUT, exist_ok=True)
    ref = {
        'generator': 'test-data/scripts/make_metric_fixtures.py',
        'versions': {'numpy': np.__version__, 'scipy': scipy.__version__,
                     'scikit-image': skimage.__version__},
        'ssim_settings': 'gaussian_weights=True, sigma=1.5, use_sample_covariance=False, '
                         'data_range=255, channel_axis=2 (win 11x11, truncate 3.5, reflect)',
        'cdc_definition': 'JS divergence (natural log) of normalised 256-bin per-channel '
                          'histograms; per dilation d in (1,2,4): mean over pairs (i,i+d); '
                          'weighted 1/3 each; mean over R,G,B',
        'pairs': [], 'clips': [], 'gaussian': [], 'colorfulness_extra': [],
    }

    for name, a, b in make_pairs():
        fa, fb = save_png(a, name + '_a.png'), save_png(b, name + '_b.png')
        per_ch = [float(structural_similarity(a[..., c], b[..., c], **SSIM_ARGS)) for c in range(3)]
        # Mean of the full (uncropped) SSIM image: depends on the 'reflect' border handling.
        full_mean = [float(structural_similarity(a[..., c], b[..., c], full=True, **SSIM_ARGS)[1].mean())
                     for c in range(3)]
        ssim = float(structural_similarity(a, b, channel_axis=2, **SSIM_ARGS))
        assert abs(ssim - np.mean(per_ch)) < 1e-12
        ref['pairs'].append({
            'name': name, 'a': fa, 'b': fb, 'width': a.shape[1], 'height': a.shape[0],
            'psnr': float(peak_signal_noise_ratio(a, b, data_range=255)),
            'ssim': ssim, 'ssim_per_channel': per_ch, 'ssim_full_map_mean_per_channel': full_mean,
            'colorfulness_a': colorfulness(a), 'colorfulness_b': colorfulness(b),
        })

    gray = np.full((10, 12, 3), 128, np.uint8)
    ref['colorfulness_extra'].append({'name': 'constant_gray', 'value': colorfulness(gray)})

    for name, frames in make_clips():
        files = [save_png(f, '%s_%02d.png' % (name, i)) for i, f in enumerate(frames)]
        value, per_dilation, pair_js, contrib = cdc(frames)
        tcvc = cdc_tcvc_style(frames)
        via_scipy = cdc_scipy_js(frames)
        assert abs(tcvc - value) < 1e-6, (tcvc, value)
        assert abs(via_scipy - value) < 1e-12, (via_scipy, value)
        assert abs(sum(contrib) - value) < 1e-12
        ref['clips'].append({
            'name': name, 'frames': files, 'cdc': value,
            'cdc_per_dilation': per_dilation, 'pair_js': pair_js,
            'frame_contributions': contrib,
            'cdc_tcvc_style_float32': tcvc,
        })

    rng = np.random.default_rng(3001)
    for shape in ((9, 13), (3, 4)):
        arr = rng.uniform(0, 255, size=shape)
        out = ndi.gaussian_filter(arr, sigma=1.5, truncate=3.5, mode='reflect')
        ref['gaussian'].append({'height': shape[0], 'width': shape[1],
                                'input': arr.ravel().tolist(), 'output': out.ravel().tolist()})

    with open(os.path.join(OUT, 'reference.json'), 'w') as fh:
        json.dump(ref, fh, indent=1)
        fh.write('\n')
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print('wrote %d files, %d bytes, to %s' % (len(os.listdir(OUT)), total, OUT))


if __name__ == '__main__':
    main()
