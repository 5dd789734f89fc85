"""exemplar-v1 and exemplar-v2: our own exemplar-based video colorizer, in the layout of Deep
Exemplar-based Video Colorization (Zhang et al., CVPR 2019) but small enough to train on two CPU cores.
The two are this network; v2 is v1 trained on with the previous output moved onto the frame by
optical flow before it is fed back (train_exemplar.py's PreviousWarp; DevcLoop does the same in Java).

What is kept from DEVC: a correspondence subnet that matches features of the frame with features
of the reference and warps the reference's ab with a softmax over reference positions (the
similarity map = the best cosine per position), and a colorization subnet that takes the frame's
L, the warped ab, the similarity and the previous output Lab and returns ab (tanh x 128). Lab is
centred as DEVC does (L* - 50, raw ab); the correlation is on a grid of 1/4 of the network size.

What differs, and why:
- Features: DEVC matches ImageNet-trained VGG19 features (relu2_2..relu5_2) of the frame (gray
  tiled to RGB) and of the reference (RGB). Those weights cannot be obtained here, so `Features`
  is a small CNN trained with the rest, and it sees the luminance only, of both frame and reference:
  the frame has nothing else, and matching on what both images share keeps the two paths one
  network (shared weights).
- The warped ab and the similarity are upsampled bilinearly, not nearest (smoother edges).
- `ColorNet` is a three-level U-Net (24/48/96 channels) that works at half the network size and
  upsamples its ab bilinearly (ab is smooth; the plugin joins it with the frame's full-resolution
  L* anyway), instead of the SIGGRAPH17-sized ColorVidNet at full size: about 1/20 of the
  arithmetic, which is what makes training on two CPU cores possible.

exemplar-v7 on (`ExemplarNet(gated=True)`): a gated copy of the previous output. The U-Net above
could not copy even a perfect previous output (fed the truth as "previous", its error fell only from
1.90 to 1.74 ab on goat: everything it returns is re-synthesised at half size from the coarse warp), so
whatever the flow carries well is lost every frame. `GatedCopy` predicts a per-position weight g in
0..1 from the U-Net's last decoder features and the disagreement between the frame's L* and the moved
previous L* (and between the new and the previous ab), and the frame's ab becomes
ab_net + g x (previous ab - ab_net): where the flow holds, the previous output is copied at the
network's full size (what naive flow propagation does well on slow shots), elsewhere the reference's
colours come through the U-Net. After exemplar-v7's 2,147 steps the gate still copied little (mean g
0.04-0.06), because in training copying never paid: the first target's previous output was a shifted and
blurred truth, worse than the net's own guess. With half the samples fed a clean one (train_exemplar.py
--clean-previous; exemplar-v9, session 8; exemplar-v11, session 9) the gate copies (mean g 0.95 on goat),
which alone drifted (DAVIS +0.08 dB, blackswan -0.46) but pays once the plugin redoes the copy at the frame's
size from the reference's own colours (exemplar-v11: DAVIS +0.67 dB; models/exemplar-v11.md).
The copy is inside the frame graph (its input prev_lab is already the moved previous output); for the
frame-size copy the graph also returns ab_net and g (frame_and_gate; export_exemplar.py --frame-copy).

The network is fully convolutional and the correlation is global, so it trains on small crops and
runs at the contract's 216x384 (feature grid 54x96).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

FEATURE_CHANNELS = 64
STRIDE = 4
TRAIN_TEMPERATURE = 0.01   # DEVC's training value (frame_colorization default)


def conv(cin, cout, stride=1, dilation=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, padding=dilation, dilation=dilation, padding_mode='replicate'),
                         nn.LeakyReLU(0.2, inplace=True))


class Features(nn.Module):
    """L* - 50 [B,1,H,W] -> features [B,C,H/4,W/4], centred per channel over positions and L2-normalised
    per position (DEVC's treatment of theta and phi)."""

    def __init__(self, c=FEATURE_CHANNELS):
        super().__init__()
        self.body = nn.Sequential(
            conv(1, 32, stride=2), conv(32, 32), conv(32, 64, stride=2),
            conv(64, 64), conv(64, 64, dilation=2), conv(64, 64, dilation=4), conv(64, 64, dilation=8),
            nn.Conv2d(64, c, 1))

    def forward(self, l_centred):
        f = self.body(l_centred / 50.0)
        f = f.flatten(2)
        f = f - f.mean(dim=2, keepdim=True)
        return f / (f.norm(dim=1, keepdim=True) + 1e-6)


class ColorNet(nn.Module):
    """[L/50, warped ab/128, similarity, prev L/50, prev ab/128] -> ab (tanh x 128), computed at half
    size and upsampled bilinearly to the input's size."""

    def __init__(self, c=24):
        super().__init__()
        self.e1 = nn.Sequential(conv(7, c), conv(c, c))
        self.e2 = nn.Sequential(conv(c, 2 * c, stride=2), conv(2 * c, 2 * c))
        self.e3 = nn.Sequential(conv(2 * c, 4 * c, stride=2), conv(4 * c, 4 * c), conv(4 * c, 4 * c, dilation=2),
                                conv(4 * c, 4 * c, dilation=4), conv(4 * c, 4 * c))
        self.d2 = nn.Sequential(conv(4 * c + 2 * c, 2 * c), conv(2 * c, 2 * c))
        self.d1 = nn.Sequential(conv(2 * c + c, c), conv(c, c))
        self.out = nn.Conv2d(c, 2, 1)

    def forward(self, x, with_features=False):
        size = x.shape[2:]
        e1 = self.e1(F.avg_pool2d(x, 2))
        e2 = self.e2(e1)
        e3 = self.e3(e2)
        d2 = self.d2(torch.cat((F.interpolate(e3, size=e2.shape[2:], mode='bilinear', align_corners=False), e2), 1))
        d1 = self.d1(torch.cat((F.interpolate(d2, size=e1.shape[2:], mode='bilinear', align_corners=False), e1), 1))
        ab = torch.tanh(self.out(d1)) * 128.0
        up = F.interpolate(ab, size=size, mode='bilinear', align_corners=False)
        return (up, ab, d1) if with_features else up


class GatedCopy(nn.Module):
    """The weight g of the previous output (exemplar-v7 on), at half size from the U-Net's last decoder
    features, |L* - previous L*| and |ab_net - previous ab| (half size), upsampled bilinearly. Starts
    near v6 (last layer zero, bias -3: g = 0.05 everywhere)."""

    def __init__(self, c=24):
        super().__init__()
        self.body = nn.Sequential(conv(c + 3, 16), conv(16, 16))
        self.out = nn.Conv2d(16, 1, 3, padding=1, padding_mode='replicate')
        nn.init.zeros_(self.out.weight)
        nn.init.constant_(self.out.bias, -3.0)

    def forward(self, d1, ab_half, L, prev_lab):
        dl = F.avg_pool2d((L - prev_lab[:, :1]).abs(), 2) / 50.0
        dab = (ab_half - F.avg_pool2d(prev_lab[:, 1:], 2)).abs() / 128.0
        g = torch.sigmoid(self.out(self.body(torch.cat((d1, dl, dab), 1))))
        return F.interpolate(g, size=L.shape[2:], mode='bilinear', align_corners=False)


class ExemplarNet(nn.Module):
    def __init__(self, gated=False):
        super().__init__()
        self.features = Features()
        self.colornet = ColorNet()
        self.gate = GatedCopy() if gated else None

    def reference(self, ref_lab):
        """ref_lab [B,3,H,W] (L* - 50, a, b) -> (ref_features [B,C,N], ref_ab [B,2,H/4,W/4])."""
        return self.features(ref_lab[:, :1]), F.avg_pool2d(ref_lab[:, 1:3], STRIDE)

    def warp(self, L, ref_features, ref_ab, temperature):
        """The frame's correspondence: (warped ab, similarity) at the frame's size."""
        b, h, w = L.shape[0], L.shape[2] // STRIDE, L.shape[3] // STRIDE
        theta = self.features(L)                                        # [B,C,N]
        corr = correlate(theta, ref_features)                           # [B,N',N] cosines
        similarity = corr.max(dim=1, keepdim=True)[0]                   # [B,1,N]
        weights = F.softmax(corr / temperature.reshape(-1, 1, 1), dim=1)
        warped = weighted_sum(ref_ab.flatten(2), weights)               # [B,2,N]
        size = L.shape[2:]
        warped = F.interpolate(warped.reshape(b, 2, h, w), size=size, mode='bilinear', align_corners=False)
        similarity = F.interpolate(similarity.reshape(b, 1, h, w), size=size, mode='bilinear', align_corners=False)
        return warped, similarity

    def frame(self, L, ref_features, ref_ab, prev_lab, temperature):
        """One frame: (ab, similarity, warped ab)."""
        return self.frame_and_gate(L, ref_features, ref_ab, prev_lab, temperature)[:3]

    def frame_and_gate(self, L, ref_features, ref_ab, prev_lab, temperature):
        """One frame: (ab, similarity, warped ab, the colorization net's own ab_net before the copy, the gate's
        weight g [B,1,H,W]; the last two None when ungated). ab = ab_net + g x (previous ab - ab_net)."""
        warped, similarity = self.warp(L, ref_features, ref_ab, temperature)
        x = torch.cat((L / 50.0, warped / 128.0, similarity, prev_lab[:, :1] / 50.0, prev_lab[:, 1:] / 128.0), 1)
        if self.gate is None:
            return self.colornet(x), similarity, warped, None, None
        ab, ab_half, d1 = self.colornet(x, with_features=True)
        g = self.gate(d1, ab_half, L, prev_lab)
        return ab + g * (prev_lab[:, 1:] - ab), similarity, warped, ab, g


def is_gated(state_dict):
    """Whether a checkpoint's weights are those of ExemplarNet(gated=True)."""
    return any(k.startswith('gate.') for k in state_dict)


# The two products of the correlation, as grouped 1-D convolutions when training: this torch build's
# CPU bmm (generic BLAS) is ~5x slower than oneDNN's convolution for them, forward and backward. The
# ONNX export sets MATMUL = True (ONNX Runtime's MatMul is fast and the graph simpler); same products.
MATMUL = False


def correlate(theta, phi):
    """[B,C,N] frame features, [B,C,N'] reference features -> [B,N',N], entry (n', n) = <phi_n', theta_n>."""
    if MATMUL:
        return torch.matmul(phi.transpose(1, 2), theta)
    b, c, n = theta.shape
    out = F.conv1d(theta.reshape(1, b * c, n), phi.transpose(1, 2).reshape(b * phi.shape[2], c, 1), groups=b)
    return out.reshape(b, phi.shape[2], n)


def weighted_sum(values, weights):
    """[B,K,N'] values, [B,N',N] weights -> [B,K,N] = values x weights."""
    if MATMUL:
        return torch.matmul(values, weights)
    b, k, m = values.shape
    out = F.conv1d(weights.reshape(1, b * m, weights.shape[2]), values.reshape(b * k, m, 1), groups=b)
    return out.reshape(b, k, weights.shape[2])


def parameter_count(net):
    return sum(p.numel() for p in net.parameters())
