#!/usr/bin/env python3
r"""Export torchvision's COCO Mask R-CNN (maskrcnn_resnet50_fpn) to ONNX plus a Colorize Video detector
manifest (format colorize-video-detector/1), for the detector half of instance-aware colorization.

The graph is torchvision's own export path (the one its ONNX tests use), one image per call:

  image  float32 [3,H,W], RGB in [0,1], H and W dynamic
     ->  boxes  float32 [N,4]      x0,y0,x1,y1 in the input image's pixels
         labels int64   [N]        COCO category id (index into the manifest's 91 "categories")
         scores float32 [N]        sorted high to low
         masks  float32 [N,1,H,W]  per-detection soft masks pasted at the input size

Everything torchvision does around the network is inside the graph: ImageNet mean/std normalisation,
the resize to --min-size/--max-size (short side to min-size unless the long side would pass
max-size), the score threshold, per-class NMS, the cap on detections, and the mapping of boxes and
masks back to the input size. The plugin feeds a grayscale frame as L*/100 in all three channels,
which is what InstColorization's inference_bbox.py gives its detector (the L channel tiled to RGB).

Weights:
  --weights coco         torchvision's COCO_V1 checkpoint (box mAP 37.9, mask mAP 34.6). torchvision
                         downloads it on first use (~170 MB, into ~/.cache/torch); needs internet.
  --random-init --seed N the same architecture with torchvision's own random initialisation, seeded
                         (for tests; detects nothing meaningful).

Why the random-init test export still gives well-defined detections: a random torchvision model is
not near-uniform. In eval mode its BatchNorm layers use their initial running statistics (mean 0,
variance 1), so they do not normalise, and the activations grow through the ResNet (measured on the
fixture frame, seed 7: feature std 0.26 after layer1, 13 after layer4, ~18 in the FPN); the class
logits then have a std of about 2.2 and scores reach 0.77 (seed 7) to 0.99 (other seeds). Nothing
needs to be biased. But with the default threshold 0.05 the full 100 detections pass (seed 1), many
of one class with scores within 1e-5 of each other (smallest gap 7e-6), and ONNX Runtime and PyTorch
could order such near-ties differently. The test export therefore raises --box-score-thresh (0.5
with seed 7 on the fixture frame gives 12 detections of 3 classes, consecutive scores >= 1e-3
apart). With --reference-out the script measures these margins (the smallest gap between kept
scores, and the distance from the threshold to the nearest candidate score on either side) and
writes them to the reference index, so the Java test can refuse a fixture whose comparison would
hinge on a tie.

Examples:
  python3 models/export/export_maskrcnn.py --weights coco --out build/models --name maskrcnn-coco
  python3 models/export/export_maskrcnn.py --random-init --seed 7 --min-size 256 --max-size 512 \
      --box-score-thresh 0.5 --out target/detector-export --name maskrcnn_rand \
      --reference-out target/detector-export/maskrcnn_rand_ref
"""
import argparse
import json
import os
import sys
import time
import warnings

import numpy as np
import torch
import torchvision
from torchvision.models.detection import MaskRCNN_ResNet50_FPN_Weights, maskrcnn_resnet50_fpn

FORMAT = 'colorize-video-detector/1'
REFERENCE_FORMAT = 'colorize-video-detector-reference/1'
INPUT_CONVENTION = 'lstar/100 x3'   # the frame's L*/100 repeated to R, G and B
INPUT_NAME = 'image'
OUTPUT_NAMES = ['boxes', 'labels', 'scores', 'masks']
# torchvision's COCO category list (91 entries, index = label id; "__background__" and "N/A" fill
# the ids COCO does not use). It is static metadata of the weights enum, so it needs no download.
CATEGORIES = list(MaskRCNN_ResNet50_FPN_Weights.COCO_V1.meta['categories'])
FRAME_SIZE = (240, 320)             # fixture frame, height x width


# ---------------------------------------------------------------------------------------- model

def build_model(args):
    """The torchvision model in eval mode and a one-line description of its weights."""
    kwargs = dict(min_size=args.min_size, max_size=args.max_size,
                  box_score_thresh=args.box_score_thresh, box_nms_thresh=args.box_nms_thresh,
                  box_detections_per_img=args.detections_per_img,
                  rpn_pre_nms_top_n_test=args.rpn_pre_nms_top_n, rpn_post_nms_top_n_test=args.rpn_post_nms_top_n)
    if args.weights == 'coco':
        weights = MaskRCNN_ResNet50_FPN_Weights.COCO_V1
        try:
            model = maskrcnn_resnet50_fpn(weights=weights, **kwargs)
        except OSError as e:   # urllib's URLError is an OSError
            cache = os.path.join(torch.hub.get_dir(), 'checkpoints', os.path.basename(weights.url))
            raise SystemExit(f'Could not get the COCO weights ({e}). torchvision downloads them from {weights.url}; '
                             f'without internet, copy that file to {cache} and run this again.')
        source = 'torchvision MaskRCNN_ResNet50_FPN_Weights.COCO_V1'
    else:
        torch.manual_seed(args.seed)
        model = maskrcnn_resnet50_fpn(weights=None, weights_backbone=None, num_classes=len(CATEGORIES), **kwargs)
        source = f'random init seed {args.seed} (torchvision initialisation; detects nothing meaningful)'
    return model.eval(), source


def export_onnx(model, path, opset):
    """torchvision's export recipe: a list with one [3,H,W] image, dynamic H and W and dynamic N."""
    dummy = torch.rand(3, *FRAME_SIZE, generator=torch.Generator().manual_seed(0))
    dynamic = {INPUT_NAME: {1: 'H', 2: 'W'}, 'boxes': {0: 'N'}, 'labels': {0: 'N'}, 'scores': {0: 'N'},
               'masks': {0: 'N', 2: 'H', 3: 'W'}}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter('ignore')   # the tracer's many "converting a tensor to a Python value"
        torch.onnx.export(model, ([dummy],), path, input_names=[INPUT_NAME], output_names=OUTPUT_NAMES,
                          dynamic_axes=dynamic, opset_version=opset, do_constant_folding=True,
                          export_params=True)


def check_onnx(path):
    """The graph has the promised signature; returns {name: (elem type, dims)}."""
    import onnx
    model = onnx.load(path)
    onnx.checker.check_model(model)

    def sig(vi):
        t = vi.type.tensor_type
        return onnx.TensorProto.DataType.Name(t.elem_type), [
            d.dim_value if d.HasField('dim_value') else -1 for d in t.shape.dim]

    inits = {i.name for i in model.graph.initializer}
    ins = {vi.name: sig(vi) for vi in model.graph.input if vi.name not in inits}
    outs = {vi.name: sig(vi) for vi in model.graph.output}
    assert ins == {INPUT_NAME: ('FLOAT', [3, -1, -1])}, f'graph inputs {ins}'
    expected = {'boxes': ('FLOAT', 2), 'labels': ('INT64', 1), 'scores': ('FLOAT', 1), 'masks': ('FLOAT', 4)}
    got = {k: (v[0], len(v[1])) for k, v in outs.items()}
    assert got == expected, f'graph outputs {got}, expected {expected}'
    return {**ins, **outs}


def manifest_for(name, source, args, graph):
    return {
        'format': FORMAT,
        'name': name,
        'description': 'torchvision maskrcnn_resnet50_fpn (He et al., "Mask R-CNN", ICCV 2017) over the 91 '
                       f'COCO category ids; weights: {source}; exported by models/export/export_maskrcnn.py '
                       f'with torch {torch.__version__}, torchvision {torchvision.__version__}',
        'architecture': 'maskrcnn_resnet50_fpn',
        'weights': source,
        'input': {'name': INPUT_NAME, 'shape': graph[INPUT_NAME][1], 'range': [0.0, 1.0],
                  'convention': INPUT_CONVENTION},
        'outputs': {n: n for n in OUTPUT_NAMES},
        'resize': {'minSize': args.min_size, 'maxSize': args.max_size},
        'postprocess': {'boxScoreThresh': args.box_score_thresh, 'boxNmsThresh': args.box_nms_thresh,
                        'detectionsPerImage': args.detections_per_img,
                        'rpnPreNmsTopN': args.rpn_pre_nms_top_n, 'rpnPostNmsTopN': args.rpn_post_nms_top_n},
        'categories': CATEGORIES,
    }


# ------------------------------------------------------------------------------------ reference

def fixture_L(height=FRAME_SIZE[0], width=FRAME_SIZE[1]):
    """A deterministic synthetic L* frame [H,W] float32 in 0..100: a ramp with stripes, a bright disc,
    a dark rectangle and a textured band (shapes give the random backbone some structure)."""
    y, x = np.meshgrid(np.arange(height) / (height - 1), np.arange(width) / (width - 1), indexing='ij')
    L = 30 + 25 * x + 10 * np.sin(2 * np.pi * 3 * y)
    L = np.where((x - 0.3) ** 2 + (y - 0.45) ** 2 < 0.03, 85.0, L)
    L = np.where((x > 0.6) & (x < 0.85) & (y > 0.2) & (y < 0.7), 12.0, L)
    L = np.where((x > 0.1) & (x < 0.5) & (y > 0.75) & (y < 0.9), 60 + 30 * np.sin(40 * x), L)
    return np.clip(L, 0, 100).astype(np.float32)


def detector_input(L):
    """[3,H,W] float32: L*/100 (one float32 division, as the Java side does) in all three channels."""
    return np.repeat((L / np.float32(100.0))[None], 3, axis=0)


def score_margins(model, image, threshold, kept_scores):
    """(smallest gap between consecutive kept scores, smallest distance from the threshold to any
    candidate score). The second run lowers the threshold: per-class NMS is greedy by score, so the
    added low-scoring candidates cannot change which higher-scoring ones survive."""
    gap = float(np.min(-np.diff(kept_scores))) if len(kept_scores) > 1 else float('inf')
    saved = model.roi_heads.score_thresh, model.roi_heads.detections_per_img
    model.roi_heads.score_thresh = max(0.0, threshold - 0.05)
    model.roi_heads.detections_per_img = 10 * saved[1]
    try:
        with torch.no_grad():
            s = model([image])[0]['scores'].numpy()
    finally:
        model.roi_heads.score_thresh, model.roi_heads.detections_per_img = saved
    margin = float(np.min(np.abs(s - threshold))) if len(s) else float('inf')
    return gap, margin


def write_reference(base, model, args, onnx_name, manifest_name):
    L = fixture_L()
    image = torch.from_numpy(detector_input(L))
    t0 = time.time()
    with torch.no_grad():
        out = model([image])[0]
    forward_s = time.time() - t0
    arrays = {'L': L, 'boxes': out['boxes'].numpy().astype('<f4'), 'labels': out['labels'].numpy().astype('<i8'),
              'scores': out['scores'].numpy().astype('<f4'), 'masks': out['masks'].numpy().astype('<f4')}
    gap, margin = score_margins(model, image, args.box_score_thresh, arrays['scores'])
    d = os.path.dirname(os.path.abspath(base))
    os.makedirs(d, exist_ok=True)
    stem = os.path.basename(base)
    index = {}
    for key, a in arrays.items():
        fname = f'{stem}.{key}.bin'
        a.tofile(os.path.join(d, fname))
        index[key] = {'file': fname, 'dtype': 'int64' if a.dtype.kind == 'i' else 'float32', 'shape': list(a.shape)}
    desc = {
        'format': REFERENCE_FORMAT,
        'model': onnx_name,
        'manifest': manifest_name,
        'byteOrder': 'little', 'layout': 'row-major (C order)',
        'frame': {'height': FRAME_SIZE[0], 'width': FRAME_SIZE[1],
                  'feed': 'image = L/100 (float32) repeated to [3,H,W]'},
        'arrays': index,
        'detections': int(len(arrays['scores'])),
        'labels': sorted(set(int(v) for v in arrays['labels'])),
        'minScoreGap': gap,
        'thresholdMargin': margin,
        'pytorchForwardSeconds': forward_s,
        'torch': torch.__version__, 'torchvision': torchvision.__version__,
    }
    with open(base + '.json', 'w') as f:
        json.dump(desc, f, indent=2)
    print(f'reference: {desc["detections"]} detections, labels {desc["labels"]}, '
          f'scores {[round(float(s), 4) for s in arrays["scores"]]}; smallest score gap {gap:.3g}, '
          f'threshold margin {margin:.3g}; PyTorch forward {forward_s:.2f} s')
    return desc


# ---------------------------------------------------------------------------------------- main

def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument('--weights', choices=['coco'], help="torchvision's COCO_V1 weights (downloads ~170 MB)")
    src.add_argument('--random-init', action='store_true', help='seeded random weights (tests)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--out', required=True, help='output directory')
    p.add_argument('--name', default='maskrcnn-coco', help='writes NAME.onnx and NAME.json')
    p.add_argument('--min-size', type=int, default=800, help='short side after the in-graph resize (800)')
    p.add_argument('--max-size', type=int, default=1333, help='cap on the long side after the resize (1333)')
    p.add_argument('--box-score-thresh', type=float, default=0.05,
                   help='detections scoring at most this are dropped inside the graph (0.05)')
    p.add_argument('--box-nms-thresh', type=float, default=0.5, help='per-class NMS IoU (0.5)')
    p.add_argument('--detections-per-img', type=int, default=100, help='most detections returned (100)')
    p.add_argument('--rpn-pre-nms-top-n', type=int, default=1000, help='RPN proposals per level before NMS')
    p.add_argument('--rpn-post-nms-top-n', type=int, default=1000, help='RPN proposals kept after NMS')
    p.add_argument('--opset', type=int, default=11, help="ONNX opset (11, torchvision's tested one)")
    p.add_argument('--reference-out', help='DIR/STEM: also write the PyTorch reference for the fixture frame')
    p.add_argument('--threads', type=int, default=1)
    args = p.parse_args(argv)
    if not 0 < args.min_size <= args.max_size:
        p.error('need 0 < --min-size <= --max-size')
    return args


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, args.name + '.onnx')
    manifest_path = os.path.join(args.out, args.name + '.json')
    t0 = time.time()
    model, source = build_model(args)
    export_onnx(model, onnx_path, args.opset)
    graph = check_onnx(onnx_path)
    with open(manifest_path, 'w') as f:
        json.dump(manifest_for(args.name, source, args, graph), f, indent=2)
        f.write('\n')
    print(f'wrote {onnx_path} ({os.path.getsize(onnx_path) / 2**20:.1f} MiB) and {manifest_path} from {source} '
          f'in {time.time() - t0:.1f} s')
    if args.reference_out:
        write_reference(args.reference_out, model, args, os.path.basename(onnx_path),
                        os.path.basename(manifest_path))
    return 0


if __name__ == '__main__':
    sys.exit(main())
