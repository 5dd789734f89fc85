#!/usr/bin/python3
"""Fixture for the hint spreading (hints/HintSpreading; run from the repo root):

  /usr/bin/python3 test-data/scripts/make_spreading_fixture.py

hints/spreading.json: a 40x30 grid with two regions of different L* (30 and 70, noise sd 2), two hinted
patches (one per region) with their hint a*b*, the "network's" a*b* (a smooth ramp), and the correction
that HintSpreading must return, computed with OpenCV's own domain transform (cv2.ximgproc.dtFilter,
mode DTF_RF, 3 iterations; Gastal and Oliveira 2011): F(m * (hint - net)) / (F(m) + reach) per channel,
F the recursive filter guided by L*, m the hint mask. OpenCV is the independent reference.
"""
import json, os

import cv2
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
H, W = 30, 40
SIGMA_SPACE, SIGMA_RANGE = 0.3, 30.0


def rounded(a):
    return [round(float(v), 5) for v in np.asarray(a).ravel()]


def main():
    rng = np.random.default_rng(20261207)
    L = np.zeros((H, W), np.float32)
    L[:, :22] = 30
    L[:, 22:] = 70
    L += rng.normal(0, 2, (H, W)).astype(np.float32)
    L = np.round(L, 5)  # the values the fixture stores
    mask = np.zeros((H, W), np.float32)
    hint = np.zeros((2, H, W), np.float32)
    mask[4:7, 3:6] = 1
    hint[:, 4:7, 3:6] = np.array([40.0, -20.0], np.float32)[:, None, None]
    mask[20:23, 30:33] = 1
    hint[:, 20:23, 30:33] = np.array([-10.0, 35.0], np.float32)[:, None, None]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    net = np.stack([0.5 * xx - 5, 0.3 * yy + 2]).astype(np.float32)
    cases = []
    for reach in (0.0, 0.01):
        sigma_s = SIGMA_SPACE * max(W, H)
        f = lambda p: cv2.ximgproc.dtFilter(L, np.ascontiguousarray(p, np.float32), sigma_s, SIGMA_RANGE,
                                            mode=cv2.ximgproc.DTF_RF, numIters=3)
        fm = f(mask)
        corr = [f(mask * (hint[c] - net[c])) / (fm + reach) for c in range(2)]
        cases.append({'reach': reach, 'a': rounded(corr[0]), 'b': rounded(corr[1])})
    out = {'width': W, 'height': H, 'sigmaSpace': SIGMA_SPACE, 'sigmaRange': SIGMA_RANGE,
           'l': rounded(L), 'hintAb': rounded(hint), 'mask': rounded(mask),
           'netA': rounded(net[0]), 'netB': rounded(net[1]), 'cases': cases,
           'made_with': 'OpenCV ' + cv2.__version__ + ' cv2.ximgproc.dtFilter(DTF_RF, numIters=3)'}
    path = os.path.join(ROOT, 'hints', 'spreading.json')
    with open(path, 'w') as fh:
        json.dump(out, fh, separators=(',', ':'))
    print('wrote', path)


if __name__ == '__main__':
    main()
