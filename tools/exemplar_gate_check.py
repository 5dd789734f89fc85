#!/usr/bin/python3
"""How much a gated exemplar checkpoint (exemplar_net.ExemplarNet(gated=True), exemplar-v7 on) copies its
previous output, on whole DAVIS clips in PyTorch at the network size 216x384: per clip the PSNR of 8-bit
RGB on frames 2..N (reference = frame 1, the evaluation protocol of issue #11; the plugin's figures at
854x480 come from tools/exemplar_eval.sh) and the mean gate weight g (0: the net's own a*b*, 1: the moved
previous output), also every 10th frame. A measuring tool, not part of the plugin.

  /usr/bin/python3 tools/exemplar_gate_check.py CHECKPOINT [--data ../shared/data] [--frames 90]
      [--clips goat dance-twirl] [--threads 1]
"""
import argparse, glob, math, os, sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'models', 'training'))
from colorlib import lab_to_rgb  # noqa: E402
from exemplar_net import ExemplarNet, TRAIN_TEMPERATURE  # noqa: E402
from train_exemplar import DAVIS, PreviousWarp, to_lab  # noqa: E402


def psnr(L, ab, truth_ab):
    pred = lab_to_rgb(torch.cat((L + 50, ab), 1).double())
    truth = lab_to_rgb(torch.cat((L + 50, truth_ab), 1).double())
    mse = ((torch.round(pred * 255) - torch.round(truth * 255)) ** 2).mean().item()
    return 10 * math.log10(255 ** 2 / max(mse, 1e-10))


@torch.no_grad()
def run_clip(net, folder, frames, warp):
    files = sorted(glob.glob(os.path.join(folder, '*.jpg')))[:frames]
    labs = torch.stack([to_lab(np.asarray(Image.open(f).convert('RGB').resize((384, 216), Image.BOX))).float()
                        for f in files])
    T = torch.tensor([TRAIN_TEMPERATURE])
    feats, ref_ab = net.reference(labs[:1])
    prev = torch.zeros(1, 3, 216, 384)
    psnrs, gates = [], []
    for k in range(len(labs)):
        L = labs[k:k + 1, :1]
        if k:
            prev = warp(prev, L, labs[k - 1:k, :1])
        warped, similarity = net.warp(L, feats, ref_ab, T)   # ExemplarNet.frame, with g kept
        x = torch.cat((L / 50.0, warped / 128.0, similarity, prev[:, :1] / 50.0, prev[:, 1:] / 128.0), 1)
        ab, ab_half, d1 = net.colornet(x, with_features=True)
        g = net.gate(d1, ab_half, L, prev)
        ab = ab + g * (prev[:, 1:] - ab)
        prev = torch.cat((L, ab), 1)
        if k:
            psnrs.append(psnr(L, ab, labs[k:k + 1, 1:]))
            gates.append(g.mean().item())
    return float(np.mean(psnrs)), gates


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('checkpoint')
    ap.add_argument('--data', default='../shared/data')
    ap.add_argument('--frames', type=int, default=90)
    ap.add_argument('--clips', nargs='+', default=DAVIS)
    ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    net = ExemplarNet(gated=True)
    try:
        net.load_state_dict(torch.load(a.checkpoint)['net'])
    except RuntimeError:
        raise SystemExit(f'{a.checkpoint} is not a gated exemplar checkpoint (exemplar-v7 or later): nothing to measure.')
    net.eval()
    warp = PreviousWarp()
    for clip in a.clips:
        p, gates = run_clip(net, os.path.join(a.data, 'video', 'davis', clip), a.frames, warp)
        print(f'{clip} PSNR {p:.2f} mean g {np.mean(gates):.3f} every 10th frame '
              + ' '.join(f'{x:.2f}' for x in gates[::10]), flush=True)


if __name__ == '__main__':
    main()
