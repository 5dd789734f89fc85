"""The three networks of Deep Exemplar-based Video Colorization (Zhang et al., CVPR 2019, "DEVC";
the authors' code is zhangmozhe/Deep-Exemplar-based-Video-Colorization), written from reading
models/NonlocalNet.py, models/ColorVidNet.py, models/FrameColor.py, utils/util.py and test.py, so
that the authors' checkpoints load with strict=True:

  vgg19_conv.pth              VGG19_pytorch   VGG19 conv layers (conv1_1 .. conv5_4, weight + bias)
  nonlocal_net_iter_76000.pth WarpNet         correspondence: layer2_1..layer5_1, layer, theta, phi
  colornet_iter_76000.pth     ColorVidNet(7)  colorization net (InstanceNorm, nearest+conv decoder)

Module names and Sequential indices are the authors' (ReLU, PReLU, InstanceNorm and Upsample occupy
indices; InstanceNorm2d(affine=False) and the ReLUs have no parameters, the PReLUs one each).

Conventions (utils/util.py): Lab is "centred": L* - 50 (no scaling), ab raw (divisor 1). The
networks run at 216x384 (test.py's 432x768 CenterPad output, bilinearly downscaled x0.5).

Test-time glue (FrameColor.frame_colorization with test.py's arguments, temperature 1e-10):
  frame   L (centred) -> (L + 50) / 100 tiled to 3 channels -> VGG relu2_2..relu5_2 (keys r22..r52)
  ref     Lab (centred) -> uncenter -> tensor_lab2rgb -> VGG relu2_2..relu5_2 (once per clip)
  both    feature_normalize (L2 over channels + eps) -> WarpNet -> warped Lab (x4 nearest), and the
          similarity map (max cosine before the temperature, x4 nearest)
  colour  ColorVidNet(cat(L, warped ab, similarity, previous Lab)) = tanh(.) x 128
  next    previous Lab = cat(L, predicted ab); the first previous is all zeros (centred space)
"""
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

L_MEAN = 50.0
AB_SCALE = 1.0
HEIGHT, WIDTH = 216, 384
FEAT_H, FEAT_W = HEIGHT // 4, WIDTH // 4
EPS = sys.float_info.epsilon          # the authors add the double epsilon (2.2e-16) to the norms
TEST_TEMPERATURE = 1e-10              # test.py
TRAIN_TEMPERATURE = 0.01              # frame_colorization's default (training)
VGG_MEAN_BGR = (0.40760392, 0.45795686, 0.48501961)
VGG_LAYERS = ['r22', 'r32', 'r42', 'r52']   # relu2_2 .. relu5_2 ("relu*_1" in the authors' names)

CHECKPOINTS = {'vgg': 'vgg19_conv.pth', 'nonlocal': 'nonlocal_net_iter_76000.pth',
               'color': 'colornet_iter_76000.pth'}


# ------------------------------------------------------------------------------------- VGG19

class VGG19_pytorch(nn.Module):
    """All 16 conv layers of VGG19 (so vgg19_conv.pth loads strictly); the forward stops at
    relu5_2, the deepest layer the method uses. Input RGB in [0, 1]; vgg_preprocess inside."""

    BLOCKS = [(3, 64, 2), (64, 128, 2), (128, 256, 4), (256, 512, 4), (512, 512, 4)]

    def __init__(self):
        super().__init__()
        for b, (cin, cout, n) in enumerate(self.BLOCKS, start=1):
            for i in range(1, n + 1):
                setattr(self, f'conv{b}_{i}', nn.Conv2d(cin if i == 1 else cout, cout, 3, padding=1))

    @staticmethod
    def preprocess(rgb):
        """utils.util.vgg_preprocess: RGB -> BGR, minus the Caffe means, x 255."""
        bgr = torch.cat((rgb[:, 2:3], rgb[:, 1:2], rgb[:, 0:1]), dim=1)
        return (bgr - torch.tensor(VGG_MEAN_BGR, dtype=rgb.dtype).view(1, 3, 1, 1)) * 255

    def forward(self, rgb, out_keys=('r12', 'r22', 'r32', 'r42', 'r52')):
        x = self.preprocess(rgb)
        out = {}
        plan = [('1_1', '1_2'), ('2_1', '2_2'), ('3_1', '3_2', '3_3', '3_4'),
                ('4_1', '4_2', '4_3', '4_4'), ('5_1', '5_2')]
        for b, convs in enumerate(plan, start=1):
            if b > 1:
                x = F.max_pool2d(x, 2, 2)
            for c in convs:
                x = F.relu(getattr(self, f'conv{c}')(x))
                out['r' + c.replace('_', '')] = x
            if all(k in out for k in out_keys):
                break
        return [out[k] for k in out_keys]


def feature_normalize(x):
    return x / (torch.norm(x, 2, 1, keepdim=True) + EPS)


def gray2rgb(l_centred):
    """utils.util.gray2rgb_batch: (L + 50) / 100 tiled to 3 channels."""
    g = (l_centred + L_MEAN) / (2 * L_MEAN)
    return torch.cat((g, g, g), dim=1)


# rgb_from_xyz of utils/util.py, used as xyz_row @ M
RGB_FROM_XYZ = np.array([[3.24048134, -0.96925495, 0.05564664],
                         [-1.53715152, 1.87599, -0.20404134],
                         [-0.49853633, 0.04155593, 1.05731107]])


def tensor_lab2rgb(lab):
    """utils.util.tensor_lab2rgb (raw L*, ab) -> RGB in [0, 1], written with torch.where instead
    of masked assignment (same values; exports to ONNX). pow() only sees the selected range."""
    L, a, b = lab[:, 0:1], lab[:, 1:2], lab[:, 2:3]
    y = (L + 16.0) / 116.0
    x = a / 500.0 + y
    z = y - b / 200.0
    z = torch.where(z < 0, torch.zeros_like(z), z)
    xyz = torch.cat((x, y, z), dim=1)
    cube = torch.pow(torch.clamp(xyz, min=0.2068966), 3.0)
    xyz = torch.where(xyz > 0.2068966, cube, (xyz - 16.0 / 116.0) / 7.787)
    xyz = xyz * torch.tensor([0.95047, 1.0, 1.08883], dtype=lab.dtype).view(1, 3, 1, 1)
    m = torch.from_numpy(RGB_FROM_XYZ).to(lab.dtype)
    rgb = torch.matmul(xyz.permute(0, 2, 3, 1), m).permute(0, 3, 1, 2)
    gamma = 1.055 * torch.pow(torch.clamp(rgb, min=0.0031308), 1 / 2.4) - 0.055
    rgb = torch.where(rgb > 0.0031308, gamma, rgb * 12.92)
    return torch.clamp(rgb, 0.0, 1.0)


# ------------------------------------------------------------------------------------- WarpNet

def _down(cin, mid, cout, stride2):
    return [nn.ReflectionPad2d(1), nn.Conv2d(cin, mid, 3, padding=0, stride=1), nn.InstanceNorm2d(mid),
            nn.PReLU(), nn.ReflectionPad2d(1), nn.Conv2d(mid, cout, 3, padding=0, stride=stride2),
            nn.InstanceNorm2d(cout), nn.PReLU()]


class ResidualBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.padding1 = nn.ReflectionPad2d(1)
        self.conv1 = nn.Conv2d(c, c, 3, padding=0)
        self.bn1 = nn.InstanceNorm2d(c)
        self.prelu = nn.PReLU()                  # one PReLU, applied twice (as the authors do)
        self.padding2 = nn.ReflectionPad2d(1)
        self.conv2 = nn.Conv2d(c, c, 3, padding=0)
        self.bn2 = nn.InstanceNorm2d(c)

    def forward(self, x):
        out = self.prelu(self.bn1(self.conv1(self.padding1(x))))
        out = self.bn2(self.conv2(self.padding2(out)))
        return self.prelu(out + x)


class WarpNet(nn.Module):
    """models/NonlocalNet.WarpNet. The forward is split into the per-image feature path
    (`features`, shared by frame and reference), the normalised 1x1 projections (`project`: theta
    for the frame, phi for the reference) and the correspondence (`warp`)."""

    def __init__(self):
        super().__init__()
        fc = 64
        self.layer2_1 = nn.Sequential(*_down(128, 128, fc, 2))
        self.layer3_1 = nn.Sequential(*_down(256, 128, fc, 1))
        self.layer4_1 = nn.Sequential(*_down(512, 256, fc, 1), nn.Upsample(scale_factor=2))
        self.layer5_1 = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(512, 256, 3, padding=0),
                                      nn.InstanceNorm2d(256), nn.PReLU(), nn.Upsample(scale_factor=2),
                                      nn.ReflectionPad2d(1), nn.Conv2d(256, fc, 3, padding=0),
                                      nn.InstanceNorm2d(fc), nn.PReLU(), nn.Upsample(scale_factor=2))
        self.layer = nn.Sequential(ResidualBlock(4 * fc), ResidualBlock(4 * fc), ResidualBlock(4 * fc))
        self.theta = nn.Conv2d(4 * fc, 256, 1)
        self.phi = nn.Conv2d(4 * fc, 256, 1)
        self.upsampling = nn.Upsample(scale_factor=4)

    def features(self, r22, r32, r42, r52):
        """Normalised VGG features of one image -> the 256-channel map at 1/4 size."""
        f2, f3 = self.layer2_1(r22), self.layer3_1(r32)
        f4, f5 = self.layer4_1(r42), self.layer5_1(r52)
        if f5.shape[2] != f2.shape[2] or f5.shape[3] != f2.shape[3]:
            f5 = F.pad(f5, (0, 0, 1, 1), 'replicate')    # 216 rows: 52 -> 54
        return self.layer(torch.cat((f2, f3, f4, f5), 1))

    @staticmethod
    def centre_normalise(t):
        """[N,256,h,w] -> [N,256,h*w]: centred per channel over positions, L2 per position."""
        t = t.reshape(int(t.shape[0]), int(t.shape[1]), -1)    # ints: static shapes in ONNX
        t = t - t.mean(dim=-1, keepdim=True)
        return t / (torch.norm(t, 2, 1, keepdim=True) + EPS)

    def project(self, features, which):
        return self.centre_normalise((self.theta if which == 'theta' else self.phi)(features))

    def warp(self, theta, phi, ref_lab_pooled, temperature, fh, fw):
        """theta, phi [N,256,P]; ref_lab_pooled [N,C,fh,fw] (avg_pool2d(ref Lab, 4)).
        -> warped [N,C,4fh,4fw], similarity [N,1,4fh,4fw] (both nearest x4)."""
        n, c = int(ref_lab_pooled.shape[0]), int(ref_lab_pooled.shape[1])
        f = torch.matmul(theta.permute(0, 2, 1), phi)               # [N,P,P] cosine
        similarity = f.amax(-1, keepdim=True).view(n, 1, fh, fw)        # before the temperature
        weights = F.softmax(f / temperature, dim=-1)
        colour = ref_lab_pooled.reshape(n, c, -1).permute(0, 2, 1)   # [N,P,C]
        y = torch.matmul(weights, colour).permute(0, 2, 1).reshape(n, c, fh, fw)
        return self.upsampling(y), self.upsampling(similarity)

    def forward(self, B_lab_map, A2, A3, A4, A5, B2, B3, B4, B5, temperature=0.005):
        """The authors' WarpNet.forward signature (normalised features in, as warp_color feeds)."""
        fh, fw = B_lab_map.shape[2] // 4, B_lab_map.shape[3] // 4
        theta = self.project(self.features(A2, A3, A4, A5), 'theta')
        phi = self.project(self.features(B2, B3, B4, B5), 'phi')
        return self.warp(theta, phi, F.avg_pool2d(B_lab_map, 4), temperature, fh, fw)


# ------------------------------------------------------------------------------------- ColorVidNet

class ColorVidNet(nn.Module):
    """models/ColorVidNet.ColorVidNet after its constructor's replacements (deconvs -> nearest
    upsample + conv, BatchNorm -> InstanceNorm2d without parameters)."""

    def __init__(self, ic=7):
        super().__init__()
        c = nn.Conv2d
        self.conv1_1 = nn.Sequential(c(ic, 32, 3, 1, 1), nn.ReLU(), c(32, 64, 3, 1, 1))
        self.conv1_2 = c(64, 64, 3, 1, 1)
        self.conv1_2norm_ss = c(64, 64, 1, 2, bias=False, groups=64)
        self.conv2_1, self.conv2_2 = c(64, 128, 3, 1, 1), c(128, 128, 3, 1, 1)
        self.conv2_2norm_ss = c(128, 128, 1, 2, bias=False, groups=128)
        self.conv3_1, self.conv3_2, self.conv3_3 = c(128, 256, 3, 1, 1), c(256, 256, 3, 1, 1), c(256, 256, 3, 1, 1)
        self.conv3_3norm_ss = c(256, 256, 1, 2, bias=False, groups=256)
        self.conv4_1, self.conv4_2, self.conv4_3 = c(256, 512, 3, 1, 1), c(512, 512, 3, 1, 1), c(512, 512, 3, 1, 1)
        for i in (5, 6):
            for j in (1, 2, 3):
                setattr(self, f'conv{i}_{j}', c(512, 512, 3, 1, 2, 2))
        self.conv7_1, self.conv7_2, self.conv7_3 = c(512, 512, 3, 1, 1), c(512, 512, 3, 1, 1), c(512, 512, 3, 1, 1)
        up = lambda cin, cout: nn.Sequential(nn.Upsample(scale_factor=2, mode='nearest'), c(cin, cout, 3, 1, 1))
        self.conv8_1 = up(512, 256)
        self.conv3_3_short = c(256, 256, 3, 1, 1)
        self.conv8_2, self.conv8_3 = c(256, 256, 3, 1, 1), c(256, 256, 3, 1, 1)
        self.conv9_1 = up(256, 128)
        self.conv2_2_short = c(128, 128, 3, 1, 1)
        self.conv9_2 = c(128, 128, 3, 1, 1)
        self.conv10_1 = up(128, 128)
        self.conv1_2_short = c(64, 128, 3, 1, 1)
        self.conv10_2 = c(128, 128, 3, 1, 1)
        self.conv10_ab = c(128, 2, 1, 1)
        for name, ch in (('conv1_2norm', 64), ('conv2_2norm', 128), ('conv3_3norm', 256),
                         ('conv4_3norm', 512), ('conv5_3norm', 512), ('conv6_3norm', 512),
                         ('conv7_3norm', 512), ('conv8_3norm', 256), ('conv9_2norm', 128)):
            setattr(self, name, nn.InstanceNorm2d(ch))

    def forward(self, x):
        r = F.relu
        c1 = self.conv1_2norm(r(self.conv1_2(r(self.conv1_1(x)))))
        c2 = self.conv2_2norm(r(self.conv2_2(r(self.conv2_1(self.conv1_2norm_ss(c1))))))
        c3 = self.conv3_3norm(r(self.conv3_3(r(self.conv3_2(r(self.conv3_1(self.conv2_2norm_ss(c2))))))))
        c4 = self.conv4_3norm(r(self.conv4_3(r(self.conv4_2(r(self.conv4_1(self.conv3_3norm_ss(c3))))))))
        c5 = self.conv5_3norm(r(self.conv5_3(r(self.conv5_2(r(self.conv5_1(c4)))))))
        c6 = self.conv6_3norm(r(self.conv6_3(r(self.conv6_2(r(self.conv6_1(c5)))))))
        c7 = self.conv7_3norm(r(self.conv7_3(r(self.conv7_2(r(self.conv7_1(c6)))))))
        c8 = r(self.conv8_1(c7) + self.conv3_3_short(c3))
        c8 = self.conv8_3norm(r(self.conv8_3(r(self.conv8_2(c8)))))
        c9 = r(self.conv9_1(c8) + self.conv2_2_short(c2))
        c9 = self.conv9_2norm(r(self.conv9_2(c9)))
        c10 = r(self.conv10_1(c9) + self.conv1_2_short(c1))
        c10 = F.leaky_relu(self.conv10_2(c10), 0.2)
        return torch.tanh(self.conv10_ab(c10)) * 128


# ------------------------------------------------------------------------------------- glue

def reference_features(vgg, ref_lab):
    """test.py, once per clip: the reference's VGG features (r12..r52, un-normalised)."""
    rgb = tensor_lab2rgb(torch.cat((ref_lab[:, 0:1] + L_MEAN, ref_lab[:, 1:3]), dim=1))
    return vgg(rgb, ['r12', 'r22', 'r32', 'r42', 'r52'])


def frame_colorization(frame_l, ref_lab, prev_lab, features_B, vgg, warpnet, colornet,
                       temperature=TEST_TEMPERATURE):
    """models/FrameColor.frame_colorization at test time (no noise, no grad).
    frame_l [N,1,H,W] centred L; ref_lab [N,3,H,W] centred Lab; prev_lab [N,3,H,W] centred Lab.
    -> ab [N,2,H,W] (tanh x 128), warped Lab [N,3,H,W], similarity map [N,1,H,W]."""
    A = [feature_normalize(t) for t in vgg(gray2rgb(frame_l), VGG_LAYERS)]
    B = [feature_normalize(t) for t in features_B[1:5]]
    warped, similarity = warpnet(ref_lab, *A, *B, temperature=temperature)
    ab = colornet(torch.cat((frame_l, warped[:, 1:3], similarity, prev_lab), dim=1))
    return ab, warped, similarity


# ------------------------------------------------------------------------------------- weights

def build():
    return {'vgg': VGG19_pytorch(), 'nonlocal': WarpNet(), 'color': ColorVidNet(7)}


def checkpoint_layout():
    """{checkpoint file: [(key, shape), ...]} of the state_dicts the exporter loads."""
    return {CHECKPOINTS[k]: [(n, tuple(t.shape)) for n, t in net.state_dict().items()]
            for k, net in build().items()}


def describe_layout(max_keys=None):
    lines = []
    for fname, keys in checkpoint_layout().items():
        lines.append(f'  {fname}: {len(keys)} tensors')
        for n, s in keys[:max_keys]:
            lines.append(f'    {n} {list(s)}')
        if max_keys is not None and len(keys) > max_keys:
            lines.append(f'    ... ({len(keys) - max_keys} more)')
    return '\n'.join(lines)


def random_init_(net, generator):
    """Deterministic random weights with non-trivial activations: He-normal convolutions, small
    random biases, PReLU slopes in [0.1, 0.3], and ColorVidNet's conv10_ab x 0.1 (tanh not
    saturated). The authors' own init is irrelevant here (they ship trained weights)."""
    g = generator
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.Conv2d):
                fan_in = m.weight[0].numel()
                m.weight.copy_(torch.randn(m.weight.shape, generator=g) * (2.0 / fan_in) ** 0.5)
                if m.bias is not None:
                    m.bias.copy_(torch.randn(m.bias.shape, generator=g) * 0.05)
            elif isinstance(m, nn.PReLU):
                m.weight.copy_(0.1 + 0.2 * torch.rand(m.weight.shape, generator=g))
        if isinstance(net, ColorVidNet):
            net.conv10_ab.weight.mul_(0.1)
    return net


# ------------------------------------------------------------------------------------- conditioned init

# Why: random_init_ above gives networks that are chaotic in float32. Measured with seed 1 on the
# synthetic clip (devc_reference.py), PyTorch float32 against float64 on the same inputs: max |ab|
# 2.5e-3 (frame 0), 0.16 (1), 5.3 (2) at T = 1e-10; no float32 implementation can be compared with
# another on them. The causes, each fixed below without touching the architecture (same modules,
# state_dict keys and shapes; only the weight values are ours):
#  1. ColorVidNet: conv -> ReLU -> InstanceNorm with He weights and tiny biases leaves channels that
#     are almost all zero after the ReLU; InstanceNorm divides them by their tiny spread and amplifies
#     their rounding 10-30x (relative error 6e-5 before conv7_3norm, 1.9e-3 after). Data-dependent
#     init instead (as LSUV, Mishkin & Matas 2016): every conv is rescaled and biased on a calibration
#     pass so that its output has, per channel, std 1 and mean +1.5 (ReLU passes ~93% of the values:
#     no near-dead channel; mean 0 would pass half and still grow relative errors ~1.2x per layer,
#     since Var(relu(N(0,1))) = 0.34 against a perturbation gain of 0.5). Its 3x3 kernels are a
#     random channel mix times a binomial low-pass plus 30% noise, so that white rounding noise is
#     damped and smooth image content kept. ColorVidNet alone, same input: conv10_ab's relative
#     error 1.4e-4 -> 5e-6.
#  2. The recurrence (the previous ab fed back through prev_lab) amplified a difference ~50x per
#     frame. Every input channel of conv1_1 is first brought to unit spread on the calibration pass,
#     then prev_lab's a and b get PREV_AB_GAIN of that: a smooth 5-ab change of the previous ab now
#     changes the next ab by 0.52x (rms; 0.87x max), so differences shrink from frame to frame, while
#     zeroing the previous ab still moves the next frame by ~40 ab. The similarity map (max cosine,
#     spread ~0.03, carrying the correlation's rounding of ~2e-6) gets SIMILARITY_GAIN, so that its
#     relative error does not dominate.
#  3. WarpNet: theta and phi are independent 1x1 convs in random_init_, so frame/reference cosines
#     are those of unrelated projections (best match ~0.2). Here phi = theta (one random projection
#     of the shared feature path), so a frame position matches reference positions with similar
#     features (best match ~0.45); convs are rescaled to unit output spread on the calibration pass
#     and PReLU slopes drawn in [0.6, 0.9] (closer to linear).
# VGG19 keeps He-normal weights (no normalisation layer to amplify rounding; its relative error stays
# ~5e-6 through relu5_2). Calibration images are smooth random Lab fields drawn from the same
# generator, not the test clip. Result, seed 1, same clip: float32 vs float64 1.6e-4 to 2.0e-4 ab on
# six free-running frames at T = 1e-10 (1.2e-3 to 2.0e-3 at T = 0.01, where the softmax multiplies
# the correlation's rounding by 1/T). More figures: models/export/README.md, DEVC section.

ACTIVE_SHIFT = 1.5          # per-channel mean / std of every conv output that a ReLU follows
LOWPASS_NOISE = 0.3         # ColorVidNet 3x3 kernels: binomial low-pass + this much random noise
PREV_AB_GAIN = 0.03         # conv1_1 weights of prev_lab's a, b after unit-spread scaling
SIMILARITY_GAIN = 0.1       # conv1_1 weights of the similarity map after unit-spread scaling
OUTPUT_STD = 0.2            # std of conv10_ab's output (before tanh x 128): ab std ~25
PRELU_RANGE = (0.6, 0.9)


def _smooth_noise(g, n, c, cells):
    out = 0
    for k, (ch, cw) in enumerate(cells):
        z = torch.randn(n, c, ch, cw, generator=g)
        out = out + F.interpolate(z, size=(HEIGHT, WIDTH), mode='bicubic', align_corners=False) / (k + 1)
    return out


def calibration_lab(g, n=2):
    """n smooth random centred Lab images [n,3,216,384] (L* - 50 within +-45, ab std ~25)."""
    cells = [(3, 4), (6, 8), (12, 16), (27, 48)]
    L = torch.tanh(_smooth_noise(g, n, 1, cells) * 0.6) * 45
    return torch.cat((L, _smooth_noise(g, n, 2, cells) * 20), 1)


def _normalising_hooks(net, shift, centred=()):
    """Forward hooks that rescale each Conv2d, on the pass that runs through them, so that its
    output has per-channel std 1 and mean `shift` (0 for convs in `centred`; convs without bias
    only get the scale), and hand the corrected output on (one pass calibrates the whole net)."""
    def hook(m, inputs, out):
        mean, std = out.mean((0, 2, 3)), out.std((0, 2, 3))
        m.weight.div_(std.view(-1, 1, 1, 1))
        if m.bias is None:
            return out / std.view(1, -1, 1, 1)
        s = 0.0 if m in centred else shift
        m.bias.sub_(mean).div_(std).add_(s)
        return (out - mean.view(1, -1, 1, 1)) / std.view(1, -1, 1, 1) + s
    return [m.register_forward_hook(hook) for m in net.modules() if isinstance(m, nn.Conv2d)]


def _calibrate(net, shift, run, centred=()):
    hooks = _normalising_hooks(net, shift, centred)
    try:
        with torch.no_grad():
            return run()
    finally:
        for h in hooks:
            h.remove()


def _lowpass_kernels_(net, g, noise):
    k1 = torch.tensor([1.0, 2.0, 1.0])
    base = torch.outer(k1, k1)
    base = base / base.norm()
    for m in net.modules():
        if isinstance(m, nn.Conv2d) and m.kernel_size == (3, 3):
            cout, cin = m.weight.shape[:2]
            w = torch.randn(cout, cin, 1, 1, generator=g) * (base + noise * torch.randn(cout, cin, 3, 3, generator=g) / 3)
            m.weight.copy_(w * (2.0 / w[0].pow(2).sum()) ** 0.5)


def conditioned_init_(nets, generator):
    """Seeded random weights for {'vgg', 'nonlocal', 'color'} (build()) that make a usable float32
    test instrument: see the comment block above for what is done and why. Returns nets."""
    g = generator
    vgg, warpnet, colornet = nets['vgg'], nets['nonlocal'], nets['color']
    with torch.no_grad():
        for net in (vgg, warpnet, colornet):
            random_init_(net, g)
            for m in net.modules():
                if isinstance(m, nn.PReLU):
                    lo, hi = PRELU_RANGE
                    m.weight.copy_(lo + (hi - lo) * torch.rand(m.weight.shape, generator=g))
        _lowpass_kernels_(colornet, g, LOWPASS_NOISE)
        lab = calibration_lab(g, 2)
        frame_l = lab[:, 0:1]
        # VGG19 (He, unchanged): features of two gray frames and of two colour references
        rgb_ref = tensor_lab2rgb(torch.cat((lab[:, 0:1] + L_MEAN, lab[:, 1:3]), dim=1))
        A = [feature_normalize(t) for t in vgg(gray2rgb(frame_l), VGG_LAYERS)]
        B = [feature_normalize(t) for t in vgg(rgb_ref, VGG_LAYERS)]
        # WarpNet: unit spread per conv; phi = theta
        both = [torch.cat((a, b)) for a, b in zip(A, B)]
        _calibrate(warpnet, 0.0, lambda: warpnet.theta(warpnet.features(*both)))
        warpnet.phi.weight.copy_(warpnet.theta.weight)
        warpnet.phi.bias.copy_(warpnet.theta.bias)
        theta = warpnet.project(warpnet.features(*A), 'theta')
        phi = warpnet.project(warpnet.features(*B), 'phi')
        ref_ab = F.avg_pool2d(lab[:, 1:3], 4)
        warped = [warpnet.warp(theta[i:i + 1], phi[i:i + 1], ref_ab[i:i + 1], TEST_TEMPERATURE, FEAT_H, FEAT_W)
                  for i in range(2)]
        prev_ab = _smooth_noise(g, 2, 2, [(3, 4), (6, 8), (12, 16)]) * 20
        x = torch.cat((frame_l, torch.cat([w for w, _ in warped]), torch.cat([s for _, s in warped]),
                       frame_l, prev_ab), dim=1)
        # ColorVidNet: inputs to unit spread (similarity and previous ab scaled down), then every conv
        scale = 1 / x.std((0, 2, 3))
        scale[3] *= SIMILARITY_GAIN
        scale[5:7] *= PREV_AB_GAIN
        colornet.conv1_1[0].weight.mul_(scale.view(1, -1, 1, 1))
        _calibrate(colornet, ACTIVE_SHIFT, lambda: colornet(x), centred=(colornet.conv10_2, colornet.conv10_ab))
        colornet.conv10_ab.weight.mul_(OUTPUT_STD)
        colornet.conv10_ab.bias.mul_(OUTPUT_STD)
    return nets
