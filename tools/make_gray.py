#!/usr/bin/python3
"""The L*-neutral gray of a colour clip (gray level = sRGB of (L*, 0, 0), 8-bit), as the issues define
the gray input; the same values as make_flicker.py --gray.

usage: make_gray.py TRUTH_DIR GRAY_DIR
"""
import os, sys

import numpy as np
from skimage import color, io


def main():
    src, out = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    for name in sorted(f for f in os.listdir(src) if f.lower().endswith(('.png', '.jpg', '.jpeg'))):
        lab = color.rgb2lab(io.imread(os.path.join(src, name))[..., :3] / 255.0)
        lab[..., 1:] = 0
        g = color.lab2rgb(lab)[..., 0]
        io.imsave(os.path.join(out, os.path.splitext(name)[0] + '.png'), np.round(g * 255).astype(np.uint8),
                  check_contrast=False)


if __name__ == '__main__':
    main()
