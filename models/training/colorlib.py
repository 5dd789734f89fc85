"""Colour science and decoding shared by training, export and the reference pipelines.

The formulas are those of scikit-image's rgb2lab/lab2rgb (sRGB, D65, 2-degree observer) so that the
Java implementation, the training targets and the test references all agree.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

XYZ_FROM_RGB = torch.tensor([[0.412453, 0.357580, 0.180423],
                             [0.212671, 0.715160, 0.072169],
                             [0.019334, 0.119193, 0.950227]], dtype=torch.float64)
RGB_FROM_XYZ = torch.linalg.inv(XYZ_FROM_RGB)
WHITE_D65 = torch.tensor([0.95047, 1.0, 1.08883], dtype=torch.float64)


def rgb_to_lab(rgb):
    """rgb: [N,3,H,W] in [0,1] -> lab [N,3,H,W] (L 0..100)."""
    dt = rgb.dtype
    lin = torch.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    xyz = torch.einsum('ij,njhw->nihw', XYZ_FROM_RGB.to(dt), lin)
    xyz = xyz / WHITE_D65.to(dt).view(1, 3, 1, 1)
    f = torch.where(xyz > 0.008856, xyz.clamp_min(1e-12) ** (1.0 / 3.0), 7.787 * xyz + 16.0 / 116.0)
    L = 116.0 * f[:, 1] - 16.0
    a = 500.0 * (f[:, 0] - f[:, 1])
    b = 200.0 * (f[:, 1] - f[:, 2])
    return torch.stack([L, a, b], 1)


def lab_to_rgb(lab):
    """lab [N,3,H,W] -> rgb [N,3,H,W] in [0,1], clipped like scikit-image."""
    dt = lab.dtype
    L, a, b = lab[:, 0], lab[:, 1], lab[:, 2]
    fy = (L + 16.0) / 116.0
    fx = a / 500.0 + fy
    fz = (fy - b / 200.0).clamp_min(0.0)
    f = torch.stack([fx, fy, fz], 1)
    xyz = torch.where(f > 0.2068966, f ** 3, (f - 16.0 / 116.0) / 7.787)
    xyz = xyz * WHITE_D65.to(dt).view(1, 3, 1, 1)
    lin = torch.einsum('ij,njhw->nihw', RGB_FROM_XYZ.to(dt), xyz)
    rgb = torch.where(lin > 0.0031308, 1.055 * lin.clamp_min(1e-12) ** (1 / 2.4) - 0.055, 12.92 * lin)
    return rgb.clamp(0.0, 1.0)


GAMUT_STEPS = 12
GAMUT_TOLERANCE = 1e-4


def _lab_to_linear(lab):
    L, a, b = lab[:, 0], lab[:, 1], lab[:, 2]
    fy = (L + 16.0) / 116.0
    f = torch.stack([a / 500.0 + fy, fy, (fy - b / 200.0).clamp_min(0.0)], 1)
    xyz = torch.where(f > 0.2068966, f ** 3, (f - 16.0 / 116.0) / 7.787) * WHITE_D65.to(lab.dtype).view(1, 3, 1, 1)
    return torch.einsum('ij,njhw->nihw', RGB_FROM_XYZ.to(lab.dtype), xyz)


def _inside(lin):
    return ((lin >= -GAMUT_TOLERANCE) & (lin <= 1 + GAMUT_TOLERANCE)).all(1, keepdim=True)


def lab_to_rgb_keep_l(lab):
    """lab -> rgb in [0,1] with the plugin's gamut mapping: out-of-gamut chroma is scaled towards gray
    at constant L* by bisection (GAMUT_STEPS steps), so the gray input's luminance is kept."""
    scale = torch.ones_like(lab[:, :1])
    ok = _inside(_lab_to_linear(lab))
    lo, hi = torch.zeros_like(scale), torch.ones_like(scale)
    for _ in range(GAMUT_STEPS):
        mid = 0.5 * (lo + hi)
        fits = _inside(_lab_to_linear(torch.cat([lab[:, :1], lab[:, 1:] * mid], 1)))
        lo, hi = torch.where(fits, mid, lo), torch.where(fits, hi, mid)
    scale = torch.where(ok, scale, lo)
    lin = _lab_to_linear(torch.cat([lab[:, :1], lab[:, 1:] * scale], 1))
    rgb = torch.where(lin > 0.0031308, 1.055 * lin.clamp_min(1e-12) ** (1 / 2.4) - 0.055, 12.92 * lin)
    return rgb.clamp(0.0, 1.0)


def gray_to_L(gray_u8):
    """A gray value g is the neutral sRGB colour (g,g,g): returns L* as float64 array."""
    g = torch.as_tensor(np.asarray(gray_u8), dtype=torch.float64) / 255.0
    rgb = g.unsqueeze(0).unsqueeze(0).expand(1, 3, *g.shape)
    return rgb_to_lab(rgb)[0, 0].numpy()


def annealed_mean(logits, bins, temperature):
    """logits [N,Q,h,w], bins [Q,2] -> ab [N,2,h,w] = softmax(z/T) . bins."""
    p = torch.softmax(logits / temperature, dim=1)
    return torch.einsum('nqhw,qc->nchw', p, bins.to(p.dtype))


def chroma_gain(ab, gain):
    """ab [N,2,h,w] -> mean + gain x (ab - mean), the mean over each frame's pixels: the manifest's
    output.chromaGain as the plugin's AbDecoder applies it, at the model's output size (gain 1: ab as it is)."""
    if gain == 1:
        return ab
    mean = ab.mean(dim=(2, 3), keepdim=True)
    return mean + gain * (ab - mean)


def model_input_size(h, w, short_side, multiple):
    """Size policy 'shortSide': scale so the short side is short_side, round both to a multiple."""
    s = short_side / min(h, w)
    mh = max(multiple, int(math.floor(h * s / multiple + 0.5)) * multiple)
    mw = max(multiple, int(math.floor(w * s / multiple + 0.5)) * multiple)
    return mh, mw


def resize(x, size):
    """Triangle-filter resize (PIL-style antialiased bilinear; plain bilinear when enlarging).

    This is the resampler the Java plugin implements, so references made with it are exact."""
    return F.interpolate(x, size=size, mode='bilinear', align_corners=False, antialias=True)
