"""The hint model: compact-lab-v1 (net.py's CompactColorNet) taught to take user colour hints.

SIGGRAPH17 contract (Zhang et al. 2017): inputs L* (raw), ab_hint (raw a*b*, 0 where there is no
hint) and hint_mask (1 on hinted pixels, 0 elsewhere); output the same ab-bin logits at 1/4 resolution
as compact-lab-v1, so the plugin decodes it the same way. The hints enter twice: with L* at the stem
(1/2 resolution, so the encoder and its global branch see them) and, pooled to 1/4 (mean hint a*b* of
the hinted pixels in each 4x4 cell, and whether there is one), at the decoder next to the skip
connection, so that a hint lands where it was given.

Made from compact-lab-v1's ONNX graph (its batch norms are already folded into the convolutions, so the
network here has none): the new input channels start at zero, so without hints it IS compact-lab-v1
(checked by from_base_model) and training only has to teach it to use them.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv(cin, cout, stride=1, dilation=1):
    return nn.Conv2d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation)


class CompactHintNet(nn.Module):
    HINT_CHANNELS = 3   # ab / 110, mask
    # The folded batch norms left the stem's L* weights at magnitudes up to ~12, while Adam moves a weight
    # by about the learning rate per step: after 1,200 steps the zero-initialised hint weights of the stem
    # were at most 0.06 and 10 hints changed the PSNR by 0.01 dB (stretch 1). The hints enter the stem
    # multiplied by this gain, which gives their weights the same reach as the L* weights.
    STEM_HINT_GAIN = 100.0

    def __init__(self, num_bins, width=32):
        super().__init__()
        w = width
        self.stem = nn.ModuleList([conv(1 + self.HINT_CHANNELS, w // 2, stride=2), conv(w // 2, w)])
        self.enc2 = nn.ModuleList([conv(w, 2 * w, stride=2), conv(2 * w, 2 * w)])
        self.enc3 = conv(2 * w, 4 * w, stride=2)
        self.middle = nn.ModuleList([conv(4 * w, 4 * w, dilation=d) for d in (1, 2, 2, 4, 1)])
        self.global_ctx = nn.Sequential(nn.Linear(4 * w, 4 * w), nn.ReLU(inplace=True), nn.Linear(4 * w, 4 * w))
        self.dec = nn.ModuleList([conv(6 * w + self.HINT_CHANNELS, 2 * w), conv(2 * w, 2 * w)])
        self.head = nn.Conv2d(2 * w, num_bins, 1)

    def forward(self, L, ab_hint, hint_mask):
        return self.head(self.features(L, ab_hint, hint_mask)[2])

    def features(self, L, ab_hint, hint_mask):
        """(s2 at 1/4, m at 1/8 after the global branch, the decoder's output at 1/4): what the head sees and
        what hint_adapter.CompactHintAdapter takes from its hint branch."""
        hints = torch.cat([ab_hint / 110.0 * hint_mask, hint_mask], 1)
        x = torch.cat([(L - 50.0) / 100.0, hints * self.STEM_HINT_GAIN], 1)
        for c in self.stem:
            x = F.relu(c(x))
        s2 = x
        for c in self.enc2:
            s2 = F.relu(c(s2))
        m = F.relu(self.enc3(s2))
        for c in self.middle:
            m = F.relu(c(m))
        m = m + self.global_ctx(m.mean(dim=(2, 3)))[:, :, None, None]
        up = F.interpolate(m, size=s2.shape[2:], mode='bilinear', align_corners=False)
        d = torch.cat([up, s2, pooled_hints(hints, hint_mask)], 1)
        for c in self.dec:
            d = F.relu(c(d))
        return s2, m, d


def pooled_hints(hints, hint_mask):
    """The hints at 1/4: mean hint a*b* (/110) of the hinted pixels in each 4x4 cell, and whether there is one."""
    cover = F.avg_pool2d(hint_mask, 4)
    return torch.cat([F.avg_pool2d(hints[:, :2], 4) / cover.clamp_min(1e-6), (cover > 0).float()], 1)


def from_base_model(onnx_path):
    """CompactHintNet with the weights of an exported automatic model (compact-lab-v1, compact-lab-v2: a
    CompactColorNet graph, read by net.from_onnx) and zero weights on the hints."""
    from net import from_onnx
    base, bins = from_onnx(onnx_path)
    net = CompactHintNet(len(bins))
    targets = list(net.stem) + list(net.enc2) + [net.enc3] + list(net.middle) + list(net.dec) + [net.head]
    sources = [m for m in base.modules() if isinstance(m, nn.Conv2d)]
    assert len(sources) == len(targets), f'{len(sources)} convolutions in the base model, {len(targets)} in the net'
    with torch.no_grad():
        for src, c in zip(sources, targets):
            c.weight.zero_()
            c.weight[:, :src.weight.shape[1]] = src.weight   # new hint channels are the last input channels: zero
            c.bias.copy_(src.bias)
        for src, lin in zip([base.global_ctx[0], base.global_ctx[2]], [net.global_ctx[0], net.global_ctx[2]]):
            lin.weight.copy_(src.weight)
            lin.bias.copy_(src.bias)
    return net
