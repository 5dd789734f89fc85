#!/usr/bin/python3
"""How much a gated exemplar checkpoint (exemplar_net.ExemplarNet(gated=True), exemplar-v7 on) copies its
previous output, on whole DAVIS clips in PyTorch at the network size 216x384: per clip the PSNR of 8-bit
RGB on frames 2..N (reference = frame 1, the evaluation protocol of issue #11, as train_exemplar.run_clip
computes it; the plugin's figures at 854x480 come from tools/exemplar_eval.sh) and the mean gate weight g
(0: the net's own a*b*, 1: the moved previous output), also every 10th frame. A measuring tool, not part of
the plugin.

  /usr/bin/python3 tools/exemplar_gate_check.py CHECKPOINT [--data ../shared/data] [--frames 90]
      [--clips goat dance-twirl] [--threads 1]
"""
import argparse, os, sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'models', 'training'))
from exemplar_net import ExemplarNet, is_gated  # noqa: E402
from train_exemplar import DAVIS, PreviousWarp, run_clip  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('checkpoint')
    ap.add_argument('--data', default='../shared/data')
    ap.add_argument('--frames', type=int, default=90)
    ap.add_argument('--clips', nargs='+', default=DAVIS)
    ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    weights = torch.load(a.checkpoint)['net']
    if not is_gated(weights):
        raise SystemExit(f'{a.checkpoint} is not a gated exemplar checkpoint (exemplar-v7 or later): nothing to measure.')
    net = ExemplarNet(gated=True)
    net.load_state_dict(weights)
    net.eval()
    warp = PreviousWarp()
    for clip in a.clips:
        psnrs, gates = run_clip(net, os.path.join(a.data, 'video', 'davis', clip), warp, a.frames)
        print(f'{clip} PSNR {np.mean(psnrs):.2f} mean g {np.mean(gates):.3f} every 10th frame '
              + ' '.join(f'{x:.2f}' for x in gates[::10]), flush=True)


if __name__ == '__main__':
    main()
