"""The PyTorch reference for the DEVC export: a synthetic clip, the authors' test.py preprocessing,
the authors' recurrent loop (unsplit, devc_archs.frame_colorization) and the same loop through the
two export modules, written to disk for the Java side.

Preprocessing of test.py (re-implemented from reading utils/util_distortion.py, lib/functional.py):
  * CenterPad((432, 768)) on the 8-bit RGB image: scale factor so that the image covers 432x768
    (new size [int(h * s), int(w * s)] with s = 768 / w if h / w > 432 / 768 else 432 / h; exactly
    16:9 inputs are only scaled), skimage.transform.resize(mode='reflect', preserve_range=True,
    clip=False, anti_aliasing=True) in float64, centre crop ((size - target) // 2), astype(uint8)
    (truncation);
  * skimage.color.rgb2lab (float64) -> float32 (to_mytensor) -> L - 50, ab unchanged (Normalize);
  * F.interpolate(scale_factor=0.5, mode='bilinear', align_corners=False) to 216x384 = the mean of
    each 2x2 block (float32).
The reference image goes through the same steps (its Lab at 216x384 is the graphs' `ref_lab`);
for a frame only the L channel is used.
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from skimage import color
from skimage.transform import resize

import devc_archs as da

REFERENCE_FORMAT = 'colorize-video-exemplar-reference/1'
PAD_SIZE = (2 * da.HEIGHT, 2 * da.WIDTH)        # test.py --image_size default
N_FRAMES = 6
FRAME_H, FRAME_W = 240, 320                    # 4:3, cropped top and bottom by CenterPad
REF_H, REF_W = 300, 200                        # portrait, another size: cropped heavily


# ------------------------------------------------------------------------------------- fixture

def _grid(h, w):
    return np.meshgrid(np.arange(h, dtype=np.float64), np.arange(w, dtype=np.float64), indexing='ij')


def clip_frames(n=N_FRAMES):
    """n 8-bit gray frames [n, 240, 320]: a bright disc moving right, a dark square moving down and
    left, a slowly drifting sinusoidal background (deterministic, smooth edges)."""
    y, x = _grid(FRAME_H, FRAME_W)
    frames = []
    for t in range(n):
        bg = 0.45 + 0.15 * np.sin(2 * np.pi * (x + 4 * t) / 90.0) * np.cos(2 * np.pi * y / 70.0)
        disc = 1.0 / (1.0 + np.exp((np.hypot(x - (80 + 12 * t), y - 110) - 40) / 2.0))
        sq = 1.0 / (1.0 + np.exp((np.maximum(np.abs(x - (230 - 6 * t)), np.abs(y - (60 + 8 * t))) - 28) / 1.5))
        f = bg + 0.4 * disc - 0.35 * sq
        frames.append(np.clip(np.round(255 * f), 0, 255).astype(np.uint8))
    return np.stack(frames)


def reference_image():
    """An 8-bit RGB reference [300, 200, 3]: coloured blobs on a colour gradient."""
    y, x = _grid(REF_H, REF_W)
    r = 0.3 + 0.5 * x / REF_W + 0.2 * np.exp(-((x - 60) ** 2 + (y - 90) ** 2) / 900.0)
    g = 0.2 + 0.6 * y / REF_H - 0.3 * np.exp(-((x - 140) ** 2 + (y - 200) ** 2) / 1500.0)
    b = 0.7 - 0.4 * y / REF_H + 0.25 * np.sin(2 * np.pi * x / 50.0) * np.cos(2 * np.pi * y / 80.0)
    rgb = np.stack([r, g, b], -1)
    return np.clip(np.round(255 * rgb), 0, 255).astype(np.uint8)


# ------------------------------------------------------------------------------------- preprocessing

def center_pad(rgb, size=PAD_SIZE):
    """utils.util_distortion.CenterPad (scale to cover, centre crop, uint8 truncation)."""
    height, width = size
    h0, w0 = rgb.shape[:2]
    img = rgb.astype(np.float64)
    if h0 / w0 == height / width:
        if h0 == height:
            return rgb.copy()
        new = [int(v * height / h0) for v in (h0, w0)]
        return resize(img, new, mode='reflect', preserve_range=True, clip=False,
                      anti_aliasing=True).astype(np.uint8)
    if h0 / w0 > height / width:
        new = [int(v * width / w0) for v in (h0, w0)]
        out = resize(img, new, mode='reflect', preserve_range=True, clip=False, anti_aliasing=True)
        top = (out.shape[0] - height) // 2
        out = out[top:top + height]
    else:
        new = [int(v * height / h0) for v in (h0, w0)]
        out = resize(img, new, mode='reflect', preserve_range=True, clip=False, anti_aliasing=True)
        left = (out.shape[1] - width) // 2
        out = out[:, left:left + width]
    return out.astype(np.uint8)


def network_lab(padded_rgb):
    """[432,768,3] uint8 -> centred Lab [1,3,216,384] float32 (rgb2lab, Normalize, x0.5)."""
    lab = torch.from_numpy(color.rgb2lab(padded_rgb).transpose(2, 0, 1).copy()).float()
    lab[0:1] -= da.L_MEAN
    return F.interpolate(lab[None], scale_factor=0.5, mode='bilinear')


# ------------------------------------------------------------------------------------- loops

def unsplit_loop(nets, frame_l, ref_lab, temperature):
    """test.py's loop at network size: reference features once, previous = zeros, then fed back.
    frame_l [n,1,H,W] -> ab [n,2,H,W], similarity [n,1,H,W] (numpy)."""
    abs_, sims = [], []
    with torch.no_grad():
        features_B = da.reference_features(nets['vgg'], ref_lab)
        prev = torch.zeros(1, 3, da.HEIGHT, da.WIDTH)
        for i in range(frame_l.shape[0]):
            L = frame_l[i:i + 1]
            ab, _, sim = da.frame_colorization(L, ref_lab, prev, features_B, nets['vgg'],
                                               nets['nonlocal'], nets['color'], temperature)
            prev = torch.cat((L, ab), dim=1)
            abs_.append(ab.numpy())
            sims.append(sim.numpy())
    return np.concatenate(abs_), np.concatenate(sims)


def split_loop(reference_graph, frame_graph, frame_l, ref_lab, temperature):
    """The same loop through the two export modules (what Java does with the ONNX graphs); in the
    dtype of frame_l (float64 copies of the modules give the float64 reference)."""
    abs_, sims = [], []
    t = torch.tensor([temperature], dtype=frame_l.dtype)
    with torch.no_grad():
        ref_features, ref_ab = reference_graph(ref_lab)
        prev = torch.zeros(1, 3, da.HEIGHT, da.WIDTH, dtype=frame_l.dtype)
        for i in range(frame_l.shape[0]):
            L = frame_l[i:i + 1]
            ab, sim = frame_graph(L, ref_features, ref_ab, prev, t)
            prev = torch.cat((L, ab), dim=1)
            abs_.append(ab.numpy())
            sims.append(sim.numpy())
    return np.concatenate(abs_), np.concatenate(sims)


def correlation_gaps(frame_graph, frame_l, ref_features):
    """Per frame and 1/4-resolution position: best minus second-best cosine correlation. With
    test.py's temperature (1e-10) the softmax is an argmax; where this gap is within float noise
    (~1e-6), another implementation may pick the other reference position."""
    with torch.no_grad():
        out = []
        for i in range(frame_l.shape[0]):
            f = frame_graph.correlation(frame_l[i:i + 1], ref_features)[0]
            top2 = torch.topk(f, 2, dim=-1)[0]
            out.append((top2[:, 0] - top2[:, 1]).view(da.FEAT_H, da.FEAT_W).numpy())
    return np.stack(out)


# ------------------------------------------------------------------------------------- writing

def write_reference(folder, name, nets, reference_graph, frame_graph, temperature, tolerance):
    os.makedirs(folder, exist_ok=True)
    frames, ref_rgb = clip_frames(), reference_image()
    frames_pad = np.stack([center_pad(np.repeat(f[:, :, None], 3, 2)) for f in frames])
    ref_pad = center_pad(ref_rgb)
    frame_l = torch.cat([network_lab(p)[:, 0:1] for p in frames_pad])
    ref_lab = network_lab(ref_pad)

    ab, sim = unsplit_loop(nets, frame_l, ref_lab, temperature)
    ab_s, sim_s = split_loop(reference_graph, frame_graph, frame_l, ref_lab, temperature)
    ab_smooth, sim_smooth = unsplit_loop(nets, frame_l, ref_lab, da.TRAIN_TEMPERATURE)
    with torch.no_grad():
        gaps = correlation_gaps(frame_graph, frame_l, reference_graph(ref_lab)[0])
    checks = {
        'maxAbsDiff_ab_split_vs_unsplit': float(np.abs(ab_s - ab).max()),
        'maxAbsDiff_similarity_split_vs_unsplit': float(np.abs(sim_s - sim).max()),
        'abStd': float(ab.std()),
        'maxAbsDiff_ab_frame0_vs_frame5': float(np.abs(ab[0] - ab[-1]).max()),
        'maxAbsDiff_ab_T_vs_T0.01': float(np.abs(ab - ab_smooth).max()),
        'minMatchGap': float(gaps.min()),
        'positionsWithMatchGapBelow1e-5': int((gaps < 1e-5).sum()),
    }
    assert checks['maxAbsDiff_ab_split_vs_unsplit'] <= tolerance, checks
    arrays = {
        'frames_gray': frames, 'reference_rgb': ref_rgb,
        'frames_pad_rgb': frames_pad, 'reference_pad_rgb': ref_pad,
        'frame_L': frame_l.numpy(), 'ref_lab': ref_lab.numpy(),
        'ab': ab, 'similarity': sim, 'ab_T0.01': ab_smooth, 'similarity_T0.01': sim_smooth,
        'match_gap': gaps.astype(np.float32),
    }
    roles = {
        'frames_gray': f'the {N_FRAMES} 8-bit gray clip frames [n,{FRAME_H},{FRAME_W}] (also PNGs)',
        'reference_rgb': f'the 8-bit RGB reference [{REF_H},{REF_W},3] (also a PNG)',
        'frames_pad_rgb': 'CenterPad((432,768)) of the frames, gray replicated to RGB, uint8',
        'reference_pad_rgb': 'CenterPad((432,768)) of the reference, uint8',
        'frame_L': 'frame L* - 50 at 216x384 [n,1,216,384] (graph input L)',
        'ref_lab': 'reference Lab (L* - 50, raw ab) at 216x384 [1,3,216,384] (graph input ref_lab)',
        'ab': f'per-frame ab [n,2,216,384] of the authors\' recurrent loop at T = {temperature:g}',
        'similarity': 'per-frame similarity map [n,1,216,384] (same loop)',
        'ab_T0.01': 'ab of the same loop at T = 0.01 (smooth softmax; robust to float noise)',
        'similarity_T0.01': 'similarity map of the T = 0.01 loop',
        'match_gap': 'best minus second-best correlation per 1/4-resolution position [n,54,96]',
    }
    stem = f'{name}_ref'
    np.savez_compressed(os.path.join(folder, stem + '.npz'), **arrays)
    for i, f in enumerate(frames):
        Image.fromarray(f).save(os.path.join(folder, f'{stem}_frame{i}.png'))
    Image.fromarray(ref_rgb).save(os.path.join(folder, f'{stem}_reference.png'))
    index = {}
    for key, a in arrays.items():
        fname = f'{stem}.{key}.bin'
        a.astype(np.uint8 if a.dtype == np.uint8 else '<f4').tofile(os.path.join(folder, fname))
        index[key] = {'file': fname, 'shape': list(a.shape),
                      'dtype': 'uint8' if a.dtype == np.uint8 else 'float32', 'role': roles[key]}
    desc = {
        'format': REFERENCE_FORMAT, 'manifest': f'{name}.json', 'npz': stem + '.npz',
        'temperature': temperature, 'frames': N_FRAMES, 'padSize': list(PAD_SIZE),
        'loop': 'previous Lab = zeros for frame 0, then cat(frame L, predicted ab)',
        'dtype': 'little-endian, row-major (C order), NCHW / HWC as shaped',
        'arrays': index, 'checks': checks, 'torch': torch.__version__,
    }
    with open(os.path.join(folder, stem + '.json'), 'w') as f:
        json.dump(desc, f, indent=2)
    return checks
