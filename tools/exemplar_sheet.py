#!/usr/bin/python3
"""Contact sheet of exemplar-based colorization (issue #11): one row per clip and chosen frame, columns
gray input | automatic (default model) | exemplar | truth, and the reference (the clip's first colour
frame) in front; the frame number and each result's PSNR against the truth in the labels. Reads the
folders written by tools/exemplar_eval.sh.

usage: exemplar_sheet.py EVAL_DIR OUT.png [--clips blackswan,goat,...] [--frame-at 0.8] [--width 240]
                         [--tag TAG] [--refs KEYFRAME_DIR --label 'from hints']
With --refs the reference shown is KEYFRAME_DIR/CLIP/00000.png (a keyframe coloured from hints, issue #13)
instead of the clip's first colour frame.
"""
import argparse, os

import numpy as np
from PIL import Image, ImageDraw


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return 10 * np.log10(255 ** 2 / max(mse, 1e-10))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('eval_dir')
    p.add_argument('out')
    p.add_argument('--data', default='../shared/data/video')
    p.add_argument('--clips', default='davis/blackswan,davis/car-roundabout,davis/dance-twirl,davis/goat,davis/kite-surf,'
                                      'extra/vid4-calendar,extra/tennis')
    p.add_argument('--frame-at', type=float, default=0.8, help='which frame: this fraction of the clip')
    p.add_argument('--width', type=int, default=240)
    p.add_argument('--tag', default='exemplar')
    p.add_argument('--refs', help='keyframe folders (one per clip) that were the references')
    p.add_argument('--label', default='exemplar', help="the exemplar column's label")
    a = p.parse_args()
    cols = [('reference', None), ('gray', 'gray'), ('automatic', 'auto'), (a.label, a.tag), ('truth', None)]
    rows = []
    for c in a.clips.split(','):
        clip = os.path.basename(c)
        truth_dir = os.path.join(a.data, c)
        names = sorted(os.listdir(truth_dir))
        t = int(round(a.frame_at * (len(names) - 1)))
        truth = np.asarray(Image.open(os.path.join(truth_dir, names[t])).convert('RGB'))
        ref_file = os.path.join(a.refs, clip, '00000.png') if a.refs else os.path.join(truth_dir, names[0])
        ref = np.asarray(Image.open(ref_file).convert('RGB'))
        h = round(a.width * truth.shape[0] / truth.shape[1])
        tiles = []
        for label, kind in cols:
            if label == 'reference':
                img, text = ref, f'{clip}: ' + ('keyframe (frame 1)' if a.refs else 'reference (frame 1)')
            elif label == 'truth':
                img, text = truth, f'truth, frame {t + 1}'
            else:
                name = os.path.splitext(names[t])[0] + '.png'
                img = np.asarray(Image.open(os.path.join(a.eval_dir, kind, clip, name)).convert('RGB'))
                text = f'{label} {psnr(img, truth):.1f} dB'
            tile = Image.fromarray(img).resize((a.width, h), Image.BOX)
            canvas = Image.new('RGB', (a.width, h + 14), 'white')
            canvas.paste(tile, (0, 14))
            ImageDraw.Draw(canvas).text((2, 1), text, fill='black')
            tiles.append(canvas)
        row = Image.new('RGB', (len(tiles) * (a.width + 4), h + 14), 'white')
        for i, tile in enumerate(tiles):
            row.paste(tile, (i * (a.width + 4), 0))
        rows.append(row)
    sheet = Image.new('RGB', (max(r.width for r in rows), sum(r.height + 4 for r in rows)), 'white')
    y = 0
    for r in rows:
        sheet.paste(r, (0, y))
        y += r.height + 4
    sheet.save(a.out)
    print(f'wrote {a.out} ({sheet.width}x{sheet.height})')


if __name__ == '__main__':
    main()
