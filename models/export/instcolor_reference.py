"""The PyTorch reference for the InstColorization export: a synthetic test frame, the authors'
preprocessing (PIL crop and bilinear resize, rgb2lab, get_box_info), the paste geometry that the
Java side computes (for the exported graph), and the reference forward written to disk.

The preprocessing follows the authors' fusion_dataset.Fusion_Testing_Dataset, image_util.get_box_info
and util.rgb2lab (re-implemented here from reading them; formulas and constants are theirs):
  * boxes are integer pixel boxes (x0, y0, x1, y1), x1 / y1 exclusive (pred_bbox.astype(int32));
  * the full frame and each crop pil_img.crop(box) go through torchvision's Resize((256, 256),
    interpolation=2) on the 8-bit RGB image (PIL bilinear resample), then ToTensor (/255);
  * L = 116 f(Y) - 16 with the sRGB/D65 formulas of util.rgb2xyz / xyz2lab, in float32;
  * box_info at 256, 128, 64, 32 = [L_pad, R_pad, T_pad, B_pad, width, height].
"""
import json
import os
from dataclasses import dataclass

import numpy as np
import torch
import torchvision.transforms as transforms
from PIL import Image

import instcolor_archs as ia

SIZE = 256
REFERENCE_FORMAT = 'colorize-video-instance-reference/1'


@dataclass
class Frame:
    gray: np.ndarray     # [H, W] uint8
    boxes: list          # [(x0, y0, x1, y1)], exclusive ends


def fixture():
    """A deterministic 320x240 8-bit gray frame with structure at several scales, and four boxes:
    two overlapping ones, one touching the top and right border, and a 6x5 one that collapses to
    zero width at the 32x32 level (get_box_info's widening rule)."""
    h, w = 240, 320
    y, x = np.meshgrid(np.arange(h, dtype=np.float64), np.arange(w, dtype=np.float64), indexing='ij')
    f = (0.5 + 0.25 * np.sin(2 * np.pi * x / 97.0) * np.cos(2 * np.pi * y / 61.0)
         + 0.2 * np.exp(-((x - 90) ** 2 + (y - 120) ** 2) / 1800.0)
         - 0.15 * np.exp(-((x - 230) ** 2 + (y - 80) ** 2) / 900.0)
         + 0.1 * ((x // 16 + y // 16) % 2) + 0.05 * np.sin(x * y / 300.0))
    gray = np.clip(np.round(255 * (f - f.min()) / (f.max() - f.min())), 0, 255).astype(np.uint8)
    boxes = [(20, 30, 150, 200), (100, 60, 260, 180), (250, 0, 320, 120), (150, 205, 156, 210)]
    return Frame(gray, boxes)


def get_box_info(box, size, final_size):
    """The authors' image_util.get_box_info: box (x0, y0, x1, y1), size = (W, H) (PIL order)."""
    sx = int(box[0] / size[0] * final_size)
    sy = int(box[1] / size[1] * final_size)
    ex = int(box[2] / size[0] * final_size)
    ey = int(box[3] / size[1] * final_size)
    bw, bh = ex - sx, ey - sy
    if bw < 1:
        if final_size - ex > 1:
            ex += 1
        else:
            sx -= 1
        bw = 1
    if bh < 1:
        if final_size - ey > 1:
            ey += 1
        else:
            sy -= 1
        bh = 1
    return [sx, final_size - ex, sy, final_size - ey, bw, bh]


RESIZE = transforms.Compose([transforms.Resize((SIZE, SIZE), interpolation=transforms.InterpolationMode.BILINEAR),
                             transforms.ToTensor()])


def official_L(rgb):
    """util.rgb2lab's L channel for [N,3,h,w] in [0,1] (float32, the authors' formulas)."""
    mask = (rgb > .04045).type(torch.FloatTensor)
    rgb = (((rgb + .055) / 1.055) ** 2.4) * mask + rgb / 12.92 * (1 - mask)
    y = .212671 * rgb[:, 0, :, :] + .715160 * rgb[:, 1, :, :] + .072169 * rgb[:, 2, :, :]
    y = y / 1.
    m = (y > .008856).type(torch.FloatTensor)
    fy = y ** (1 / 3.) * m + (7.787 * y + 16. / 116.) * (1 - m)
    return (116. * fy - 16.)[:, None, :, :]


def preprocess(gray, boxes):
    """-> full L* [1,1,256,256], crops L* [N,1,256,256] (float32 numpy), box_info {level: [N,6]}."""
    pil = Image.fromarray(np.stack([gray] * 3, -1))
    full = official_L(RESIZE(pil)[None]).numpy()
    crops = [RESIZE(pil.crop(tuple(int(v) for v in b))) for b in boxes]
    crops_L = official_L(torch.stack(crops)).numpy() if crops else np.zeros((0, 1, SIZE, SIZE), np.float32)
    infos = {r: np.array([get_box_info(b, pil.size, r) for b in boxes], np.int64).reshape(-1, 6)
             for r in ia.LEVELS}
    return full, crops_L, infos


def axis_weights(start, length, size):
    """Source indices and weights of F.interpolate(bilinear, align_corners=False) from `size` to
    `length` samples placed at [start, start + length) of a `size` axis; 0 elsewhere. As PyTorch
    1.13's CPU kernel computes them (scale in float32, source position in double, lambda stored as
    float32): identical to the weights it applies to one-hot inputs for every length up to 256."""
    i0 = np.zeros(size, np.int64)
    i1 = np.zeros(size, np.int64)
    w0 = np.zeros(size, np.float32)
    w1 = np.zeros(size, np.float32)
    scale = float(np.float32(size) / np.float32(length))     # float32 scale, double position
    for d in range(length):
        src = max(scale * (d + 0.5) - 0.5, 0.0)
        k = min(int(np.floor(src)), size - 1)
        lam = np.float32(min(max(src - k, 0.0), 1.0))
        i0[start + d] = k
        i1[start + d] = k + (1 if k < size - 1 else 0)
        w0[start + d] = np.float32(1) - lam
        w1[start + d] = lam
    return i0, i1, w0, w1


def paste_geometry(infos):
    """{R: (idx [N,4,R] int64, w [N,4,R] float32)} with rows x0, x1, y0, y1 (the graph's inputs)."""
    out = {}
    for r, info in infos.items():
        n = info.shape[0]
        idx = np.zeros((n, 4, r), np.int64)
        w = np.zeros((n, 4, r), np.float32)
        for i, (lp, _, tp, _, bw, bh) in enumerate(info):
            x = axis_weights(int(lp), int(bw), r)
            y = axis_weights(int(tp), int(bh), r)
            idx[i, 0], idx[i, 1], w[i, 0], w[i, 1] = x[0], x[1], x[2], x[3]
            idx[i, 2], idx[i, 3], w[i, 2], w[i, 3] = y[0], y[1], y[2], y[3]
        out[r] = (idx, w)
    return out


def official_forward(nets, full_L, crops_L, infos):
    """The authors' test-time forward (FusionModel.forward / set_forward_without_box), x 110."""
    def abm(L):
        A = torch.from_numpy((L - ia.L_CENT) / ia.L_NORM)
        return A, torch.zeros(A.shape[0], 2, SIZE, SIZE), torch.zeros_like(A) - ia.MASK_CENT

    with torch.no_grad():
        if crops_L.shape[0] == 0:
            return (nets['GComp'](*abm(full_L)) * ia.AB_NORM).numpy()
        _, feature_map = nets['G'](*abm(crops_L))
        box_info_list = [torch.from_numpy(infos[r]) for r in ia.LEVELS]
        return (nets['GF'](*abm(full_L), feature_map, box_info_list) * ia.AB_NORM).numpy()


def _save(arrays, folder, stem, roles):
    index = {}
    for key, a in arrays.items():
        fname = f'{stem}.{key}.bin'
        a.astype('<f4' if a.dtype != np.uint8 else np.uint8).tofile(os.path.join(folder, fname))
        index[key] = {'file': fname, 'shape': list(a.shape),
                      'dtype': 'uint8' if a.dtype == np.uint8 else 'float32', 'role': roles[key]}
    return index


def write_reference(folder, name, nets, full_graph, fusion_graph, frame, fusion_feeds, tolerance):
    """Reference outputs of the authors' forward for the fixture with all four boxes, with one box
    (the border one) and with none; checks the export graphs (in PyTorch) against them."""
    os.makedirs(folder, exist_ok=True)
    stem = f'{name}_ref'
    cases = {'boxes4': frame.boxes, 'boxes1': frame.boxes[2:3], 'boxes0': []}
    arrays, checks, boxes = {'gray': frame.gray}, {}, {}
    roles = {'gray': 'the 8-bit gray test frame [H,W]'}
    for case, bxs in cases.items():
        full_L, crops_L, infos = preprocess(frame.gray, bxs)
        ab = official_forward(nets, full_L, crops_L, infos)
        arrays[f'ab_{case}'] = ab
        roles[f'ab_{case}'] = f'ab [1,2,256,256] of the authors\' forward with boxes {case}'
        with torch.no_grad():
            if bxs:
                got = fusion_graph(*fusion_feeds(full_L, crops_L, paste_geometry(infos))).numpy()
            else:
                got = full_graph(torch.from_numpy(full_L)).numpy()
        d = float(np.abs(got - ab).max())
        checks[f'maxAbsDiff_exportModule_vs_reference_{case}'] = d
        assert d <= tolerance, f'{case}: export module differs from the reference by {d}'
        if case == 'boxes4':
            arrays['full_L'], arrays['crops_L'] = full_L, crops_L
            roles['full_L'] = 'L* of the frame after the PIL bilinear resize to 256x256'
            roles['crops_L'] = 'L* of the crops after the PIL bilinear resize to 256x256'
            for r in ia.LEVELS:
                boxes[f'boxInfo{r}'] = infos[r].tolist()
        boxes[case] = [list(map(int, b)) for b in bxs]
    checks['abStd_boxes4'] = float(arrays['ab_boxes4'].std())
    checks['maxAbsDiff_boxes4_vs_boxes0'] = float(np.abs(arrays['ab_boxes4'] - arrays['ab_boxes0']).max())
    desc = {
        'format': REFERENCE_FORMAT,
        'manifest': f'{name}.json',
        'frame': {'width': int(frame.gray.shape[1]), 'height': int(frame.gray.shape[0])},
        'boxes': boxes,
        'dtype': 'little-endian, row-major (C order), NCHW',
        'arrays': _save(arrays, folder, stem, roles),
        'checks': checks,
        'torch': torch.__version__,
    }
    with open(os.path.join(folder, stem + '.json'), 'w') as f:
        json.dump(desc, f, indent=2)
    return checks
