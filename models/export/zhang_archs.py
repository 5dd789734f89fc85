"""Zhang et al.'s two published colorizers, written so that the authors' released PyTorch checkpoints
(colorization_release_v2-9b330a0b.pth for ECCV16, siggraph17-df00044c.pth for SIGGRAPH17) load into
them with strict=True.

The state_dict layout is what matters: every Sequential below keeps the same submodule indices as the
authors' colorizers/eccv16.py and colorizers/siggraph17.py (ReLUs and Tanh occupy indices too), and the
arithmetic of forward() is the same:
  * L* (raw 0..100) is normalised to (L - 50) / 100, ab hints to ab / 110, ab outputs are x 110;
  * ECCV16: conv8 -> 313 logits at 1/4 -> softmax -> 1x1 conv without bias (its weights are the ab bin
    centres / 110) -> 4x bilinear upsampling (align_corners=False) -> x 110;
  * SIGGRAPH17: input = cat(norm L, ab hint / 110, mask); subsampling by [::2, ::2] slicing; three
    ConvTranspose2d decoder stages with shortcut convs; 1x1 conv + tanh -> x 110. The mask goes into
    the network as given (the authors' forward does not shift it; with no hints it is all zeros).
"""
import torch
import torch.nn as nn

L_CENT = 50.0
L_NORM = 100.0
AB_NORM = 110.0


def _conv3(cin, cout, stride=1, dilation=1):
    return nn.Conv2d(cin, cout, kernel_size=3, stride=stride, padding=dilation, dilation=dilation,
                     bias=True)


def _stage(channels, strides=None, dilation=1, lead_relu=False):
    """[ReLU]? then (conv3x3, ReLU) for each channel step, then BatchNorm: the layout of the authors'
    model1..model9 blocks. `channels` = [cin, c1, c2, ...]; `strides` per conv (default all 1)."""
    n = len(channels) - 1
    strides = strides or [1] * n
    layers = [nn.ReLU(True)] if lead_relu else []
    for i in range(n):
        layers += [_conv3(channels[i], channels[i + 1], strides[i], dilation), nn.ReLU(True)]
    layers.append(nn.BatchNorm2d(channels[-1]))
    return nn.Sequential(*layers)


class ECCV16(nn.Module):
    """Zhang, Isola & Efros, ECCV 2016. forward(L) -> ab [N,2,4h',4w'] (plain expectation, T=1)."""

    NUM_BINS = 313

    def __init__(self):
        super().__init__()
        self.model1 = _stage([1, 64, 64], strides=[1, 2])
        self.model2 = _stage([64, 128, 128], strides=[1, 2])
        self.model3 = _stage([128, 256, 256, 256], strides=[1, 1, 2])
        self.model4 = _stage([256, 512, 512, 512])
        self.model5 = _stage([512, 512, 512, 512], dilation=2)
        self.model6 = _stage([512, 512, 512, 512], dilation=2)
        self.model7 = _stage([512, 512, 512, 512])
        self.model8 = nn.Sequential(
            nn.ConvTranspose2d(512, 256, kernel_size=4, stride=2, padding=1, bias=True),
            nn.ReLU(True),
            _conv3(256, 256), nn.ReLU(True),
            _conv3(256, 256), nn.ReLU(True),
            nn.Conv2d(256, self.NUM_BINS, kernel_size=1, bias=True))
        self.softmax = nn.Softmax(dim=1)
        self.model_out = nn.Conv2d(self.NUM_BINS, 2, kernel_size=1, bias=False)
        self.upsample4 = nn.Upsample(scale_factor=4, mode='bilinear', align_corners=False)

    def logits(self, L):
        """The 313 conv8 logits before softmax, [N,313,h/4,w/4]."""
        x = (L - L_CENT) / L_NORM
        for m in (self.model1, self.model2, self.model3, self.model4, self.model5, self.model6,
                  self.model7, self.model8):
            x = m(x)
        return x

    def forward(self, L):
        reg = self.model_out(self.softmax(self.logits(L)))
        return self.upsample4(reg) * AB_NORM

    def bins(self):
        """Bin centres in ab units, [313,2], in logit-channel order (from the 1x1 output layer)."""
        return self.model_out.weight.detach()[:, :, 0, 0].t() * AB_NORM


class SIGGRAPH17(nn.Module):
    """Zhang, Zhu et al., SIGGRAPH 2017 (user-guided colorization network).
    forward(L, ab_hint=None, hint_mask=None) -> ab [N,2,H,W]; missing hints are zeros, as the
    authors' forward does."""

    NUM_CLASSES = 529

    def __init__(self):
        super().__init__()
        self.model1 = _stage([4, 64, 64])
        self.model2 = _stage([64, 128, 128])
        self.model3 = _stage([128, 256, 256, 256])
        self.model4 = _stage([256, 512, 512, 512])
        self.model5 = _stage([512, 512, 512, 512], dilation=2)
        self.model6 = _stage([512, 512, 512, 512], dilation=2)
        self.model7 = _stage([512, 512, 512, 512])
        self.model8up = nn.Sequential(nn.ConvTranspose2d(512, 256, 4, stride=2, padding=1, bias=True))
        self.model3short8 = nn.Sequential(_conv3(256, 256))
        self.model8 = _stage([256, 256, 256], lead_relu=True)
        self.model9up = nn.Sequential(nn.ConvTranspose2d(256, 128, 4, stride=2, padding=1, bias=True))
        self.model2short9 = nn.Sequential(_conv3(128, 128))
        self.model9 = _stage([128, 128], lead_relu=True)
        self.model10up = nn.Sequential(nn.ConvTranspose2d(128, 128, 4, stride=2, padding=1, bias=True))
        self.model1short10 = nn.Sequential(_conv3(64, 128))
        self.model10 = nn.Sequential(nn.ReLU(True), _conv3(128, 128), nn.LeakyReLU(negative_slope=0.2))
        # Classification head of the paper: part of the checkpoint, not used by the forward pass.
        self.model_class = nn.Sequential(nn.Conv2d(256, self.NUM_CLASSES, kernel_size=1, bias=True))
        self.model_out = nn.Sequential(nn.Conv2d(128, 2, kernel_size=1, bias=True), nn.Tanh())
        # Present (parameter-free) in the authors' module; unused by the regression forward.
        self.upsample4 = nn.Sequential(nn.Upsample(scale_factor=4, mode='bilinear', align_corners=False))
        self.softmax = nn.Sequential(nn.Softmax(dim=1))

    def forward(self, L, ab_hint=None, hint_mask=None):
        if ab_hint is None:
            ab_hint = torch.cat((L * 0, L * 0), dim=1)
        if hint_mask is None:
            hint_mask = L * 0
        x = torch.cat(((L - L_CENT) / L_NORM, ab_hint / AB_NORM, hint_mask), dim=1)
        c1 = self.model1(x)
        c2 = self.model2(c1[:, :, ::2, ::2])
        c3 = self.model3(c2[:, :, ::2, ::2])
        c4 = self.model4(c3[:, :, ::2, ::2])
        c7 = self.model7(self.model6(self.model5(c4)))
        c8 = self.model8(self.model8up(c7) + self.model3short8(c3))
        c9 = self.model9(self.model9up(c8) + self.model2short9(c2))
        c10 = self.model10(self.model10up(c9) + self.model1short10(c1))
        return self.model_out(c10) * AB_NORM


class ECCV16Logits(nn.Module):
    """Export wrapper: L [N,1,256,256] raw L* -> logits [N,313,64,64] (before softmax)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, L):
        return self.net.logits(L)


class SIGGRAPH17Hints(nn.Module):
    """Export wrapper: (L, ab_hint, hint_mask) -> ab, all three inputs explicit."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, L, ab_hint, hint_mask):
        return self.net(L, ab_hint, hint_mask)


ARCHS = {'eccv16': ECCV16, 'siggraph17': SIGGRAPH17}


def random_init_(net, seed):
    """Deterministic random weights with non-trivial statistics (so the export and decode checks
    exercise every operator): He-normal convs, random BatchNorm affine and running statistics.
    For ECCV16 the 1x1 output layer gets values in [-1, 1], i.e. bins spanning +-110 ab."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, m in net.named_modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                fan_in = m.weight[0].numel() if isinstance(m, nn.Conv2d) else \
                    m.weight.shape[0] * m.weight[0, 0].numel() / (m.stride[0] * m.stride[1])
                m.weight.copy_(torch.randn(m.weight.shape, generator=g) * (2.0 / fan_in) ** 0.5)
                if m.bias is not None:
                    m.bias.copy_(torch.randn(m.bias.shape, generator=g) * 0.05)
            elif isinstance(m, nn.BatchNorm2d):
                c = m.num_features
                m.weight.copy_(0.8 + 0.4 * torch.rand(c, generator=g))
                m.bias.copy_(0.1 * torch.randn(c, generator=g))
                m.running_mean.copy_(0.1 * torch.randn(c, generator=g))
                m.running_var.copy_(0.5 + torch.rand(c, generator=g))
        if isinstance(net, ECCV16):
            net.model_out.weight.copy_(2 * torch.rand(net.model_out.weight.shape, generator=g) - 1)
        if isinstance(net, SIGGRAPH17):
            # keep tanh out of saturation so the output has spatial structure
            net.model_out[0].weight.mul_(0.1)
    return net
