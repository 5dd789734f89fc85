#!/usr/bin/python3
"""Train our exemplar model (exemplar_net.py) on two CPU cores, resumably.

Training pairs (reference, two consecutive target frames), as the issue asks and as DEVC trains
(each sample is two frames: the first with a "previous" input, the second with the first's
prediction fed back):
 - video: a reference frame and two consecutive later (or earlier: time reversed) frames of the
   same clip, 0..60 frames apart (--max-gap; 90 from session 3 on, the length of the DAVIS clips), from
   the TRAIN_CLIPS of ../shared/data/video/extra and (--mp4, session 3 on) the five real camera files
   of ../shared/data/video/mp4. The same crop
   window for reference and targets (as when the user colours one frame of the shot), in 25 % of
   the samples a jittered window for the reference (another framing);
 - photos: ../shared/data/train (short side >= 128 px): the reference is another crop of the same
   photo (scale 0.7..1.4, shift, flip, small rotation); the second target is the first moved by a
   few pixels (motion).
The DAVIS dev clips and EVAL_CLIPS of extra are never trained on: they are the evaluation set
(the DAVIS clips also serve as the validation printed while training, which is used to pick the
checkpoint to export, nothing else).

The previous output is fed back moved onto the frame by optical flow (PreviousWarp; exemplar-v2 on:
exemplar-v1 was trained with it fed back unaligned, as DEVC).

Loss per target frame: L1 on ab (prediction vs truth) + 0.5 x L1 of the warped reference ab vs the
truth (drives the correspondence directly; DEVC instead has contextual and perceptual losses on
VGG features we do not have). Gaussian noise (sigma 1) on the input L, as DEVC adds (sigma 2).

  /usr/bin/python3 models/training/train_exemplar.py --data ../shared/data --out build/exemplar-v12 --name exemplar-v12 \
      --init models/training/checkpoints/exemplar-v11.pt --mp4 --max-gap 90 --unroll 4 --recolour 0.5 --lr 1.2e-4 \
      --decay --minutes 75 --val-frames 0 --snapshots --zero-previous 0.25 --clean-previous 0.5

(exemplar-v11, session 9: this from exemplar-v7.pt, steps 7919-9697; the last two options make the gate copy,
session 8's exemplar-v9; models/exemplar-v11.md. Session 10 ran the exemplar-v12 command above for 100 min,
steps 9698-11679: DAVIS 30.504 against v11's 30.541, a plateau; not kept)

Checkpoints atomically (weights + Adam state + step) every --save-minutes into OUT/NAME.pt
and resumes from it; --init PATH starts from a committed checkpoint when OUT has none. A gated
checkpoint (exemplar-v7 on) resumes gated; --gated adds the gate to an older one (its weights and
Adam state kept, the gate's own parameter group at --gate-lr-scale times the rate).
"""
import argparse, glob, math, os, sys, time

import cv2
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from colorlib import rgb_to_lab, lab_to_rgb  # noqa: E402
from exemplar_net import ExemplarNet, TRAIN_TEMPERATURE, is_gated, parameter_count  # noqa: E402
import train  # noqa: E402  (its photo reader)

TRAIN_CLIPS = ['aot-3iEIq5HBY1s', 'dvp-bedroom', 'otb-crossing', 'sam2-bedroom', 'vid4-city', 'vid4-foliage']
# the real camera files of ../shared/data/video/mp4 (none is in the evaluation set), from session 3 on
# (--mp4): their first MP4_FRAMES frames, decoded by OpenCV's FFmpeg backend
TRAIN_MP4 = ['apple', 'bottle-detection', 'car-detection', 'cat', 'teddy']
MP4_FRAMES = 240
EVAL_CLIPS = ['vid4-calendar', 'vid4-walk', 'tennis', 'aot-YCTBBdbKSSg']
DAVIS = ['blackswan', 'car-roundabout', 'dance-twirl', 'goat', 'kite-surf']
CROP = (96, 176)           # training crop (H, W), about 16:9 like the contract's 216x384
VIDEO_SHORT_SIDE = 240     # video frames are kept at this short side (the network sees 216 rows)


def to_lab(rgb_u8):
    t = torch.from_numpy(np.ascontiguousarray(rgb_u8)).permute(2, 0, 1)[None].double() / 255.0
    lab = rgb_to_lab(t)[0].float()
    lab[0] -= 50.0
    return lab.half()


def load_clip(folder):
    frames = []
    for f in sorted(glob.glob(os.path.join(folder, '*.jpg')) + glob.glob(os.path.join(folder, '*.png'))):
        im = Image.open(f).convert('RGB')
        s = VIDEO_SHORT_SIDE / min(im.size)
        if s < 1:
            im = im.resize((round(im.size[0] * s), round(im.size[1] * s)), Image.BOX)
        frames.append(to_lab(np.asarray(im)))
    return torch.stack(frames)


def load_mp4(path, frames=MP4_FRAMES):
    cap = cv2.VideoCapture(path)
    out = []
    while len(out) < frames:
        ok, bgr = cap.read()
        if not ok:
            break
        h, w = bgr.shape[:2]
        s = VIDEO_SHORT_SIDE / min(h, w)
        if s < 1:
            bgr = cv2.resize(bgr, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
        out.append(to_lab(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)))
    cap.release()
    if len(out) < 2:
        raise SystemExit(f'{path}: could not decode it with OpenCV (FFmpeg backend missing?)')
    return torch.stack(out)


def load_photos(data_dir, min_side=128):
    """The training photos (train.py's reader) with a short side of at least min_side, as Lab."""
    return [to_lab(p) for p in train.load_photos(data_dir) if min(p.shape[:2]) >= min_side]


def affine(src_h, src_w, cx, cy, cw, flip, angle):
    """theta for affine_grid: output [-1,1]^2 -> a crop of width cw (pixels, height from CROP's aspect)
    centred at (cx, cy) in the source, optionally flipped and rotated."""
    ch = cw * CROP[0] / CROP[1]
    c, s = math.cos(angle), math.sin(angle)
    sx = (cw / src_w) * (-1 if flip else 1)
    sy = ch / src_h
    tx, ty = 2 * cx / src_w - 1, 2 * cy / src_h - 1
    return torch.tensor([[c * sx, -s * sy * src_h / src_w, tx], [s * sx * src_w / src_h, c * sy, ty]], dtype=torch.float32)


def sample(img, theta):
    grid = F.affine_grid(theta[None], (1, 3) + CROP, align_corners=False)
    return F.grid_sample(img[None].float(), grid, mode='bilinear', padding_mode='border', align_corners=False)[0]


def random_window(rng, h, w, scale_lo=0.6, scale_hi=1.0):
    """A crop window (cx, cy, cw) inside an h x w image, covering scale_lo..scale_hi of the largest fitting crop."""
    full = min(w, h * CROP[1] / CROP[0])
    cw = full * rng.uniform(scale_lo, scale_hi)
    ch = cw * CROP[0] / CROP[1]
    return rng.uniform(cw / 2, w - cw / 2), rng.uniform(ch / 2, h - ch / 2), cw


MAX_GAP = 60              # reference-to-target distance in frames (--max-gap)
UNROLL = 2                # consecutive target frames per sample, each fed the previous prediction (--unroll)
RECOLOUR = 0.0            # share of samples with rotated a*b* (--recolour)


def video_sample(rng, clips):
    """(reference, frame before the first target, UNROLL consecutive targets), all crops of one clip."""
    clip = clips[rng.integers(len(clips))]
    n, _, h, w = clip.shape
    i = int(rng.integers(n))
    d = int(rng.integers(0, MAX_GAP + 1)) * (1 if rng.random() < 0.5 else -1)
    step = 1 if d >= 0 else -1
    # the first target j and the frames j - step .. j + (UNROLL - 1) * step must lie in the clip
    lo, hi = (1, n - UNROLL) if step > 0 else (UNROLL - 1, n - 2)
    j = int(np.clip(i + d, lo, hi))
    cx, cy, cw = random_window(rng, h, w, 0.35, 0.75)   # objects at about the size the network sees at 216x384
    flip = rng.random() < 0.5
    t = affine(h, w, cx, cy, cw, flip, 0.0)
    if rng.random() < 0.25:
        rx, ry, rw = random_window(rng, h, w, 0.35, 0.9)
        tr = affine(h, w, rx, ry, rw, flip, rng.uniform(-0.05, 0.05))
    else:
        tr = t
    frames = [clip[j + k * step] for k in range(-1, UNROLL)]
    return (sample(clip[i], tr),) + tuple(sample(f, t) for f in frames)


def photo_sample(rng, photos):
    """(reference = another crop of the photo, then UNROLL + 1 crops along a slow simulated camera motion)."""
    img = photos[rng.integers(len(photos))]
    _, h, w = img.shape
    cx, cy, cw = random_window(rng, h, w, 0.5, 0.9)
    flip = rng.random() < 0.5
    dx, dy = rng.normal(0, 3, 2)
    zoom = rng.uniform(0.985, 1.015)
    turn = rng.uniform(-0.01, 0.01)
    rx, ry, rw = random_window(rng, h, w, 0.5, 1.0)
    tr = affine(h, w, rx, ry, rw, rng.random() < 0.5, rng.uniform(-0.15, 0.15))
    crops = [sample(img, affine(h, w, cx + k * dx, cy + k * dy, cw * zoom ** k, flip, k * turn))
             for k in range(-1, UNROLL)]
    return (sample(img, tr),) + tuple(crops)


def recolour(rng, items):
    """Augmentation (--recolour P): with probability P the whole sample (reference and targets alike)
    gets its a*b* rotated about the gray axis by a random angle and scaled by 0.7..1.3. The colours of a
    shot then come only from its reference, so the net cannot learn the training clips' palettes by
    heart (exemplar-v4 overfitted the 11 clips) and has to copy what the reference shows."""
    if rng.random() >= RECOLOUR:
        return items
    angle, gain = rng.uniform(-math.pi, math.pi), rng.uniform(0.7, 1.3)
    c, s = math.cos(angle) * gain, math.sin(angle) * gain
    out = []
    for x in items:
        x = x.clone()
        a, b = x[1].clone(), x[2].clone()
        x[1], x[2] = c * a - s * b, s * a + c * b
        out.append(x)
    return tuple(out)


def batch(rng, clips, photos, size):
    items = [recolour(rng, video_sample(rng, clips) if rng.random() < 0.5 else photo_sample(rng, photos))
             for _ in range(size)]
    return [torch.stack(x) for x in zip(*items)]   # ref, before, target 1..UNROLL: [B,3,H,W]


def flow_bytes(L):
    """The 8-bit image the flow is computed on: L* (centred) scaled to 0..255, as DevcLoop does in Java."""
    return np.clip(np.round((L + 50.0) * 2.55), 0, 255).astype(np.uint8)


class PreviousWarp:
    """The previous output moved onto the current frame by optical flow on the two frames' L*: OpenCV's
    DIS (preset medium) from the current frame to the previous one, the previous Lab sampled bilinearly
    at x + flow(x), border replicated (ExemplarFlowWarp in Java). DEVC feeds the previous output back
    unaligned; aligned, the colorization net can copy it where the flow holds (comparing the warped
    previous L* with the frame's own tells it where it does not) and fall back on the reference elsewhere."""

    def __init__(self):
        self.dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM)

    def flows(self, current_L, previous_L):
        """[B,1,H,W] each -> [B,2,H,W] flow (pixels) from current to previous."""
        out = [self.dis.calc(flow_bytes(c[0].numpy()), flow_bytes(p[0].numpy()), None)
               for c, p in zip(current_L.float(), previous_L.float())]
        return torch.from_numpy(np.stack(out)).permute(0, 3, 1, 2).float()

    @staticmethod
    def apply(prev_lab, flow):
        b, _, h, w = prev_lab.shape
        ys, xs = torch.meshgrid(torch.arange(h, dtype=torch.float32), torch.arange(w, dtype=torch.float32), indexing='ij')
        gx = 2 * (xs + flow[:, 0]) / (w - 1) - 1
        gy = 2 * (ys + flow[:, 1]) / (h - 1) - 1
        return F.grid_sample(prev_lab, torch.stack((gx, gy), 3), mode='bilinear', padding_mode='border',
                             align_corners=True)

    def __call__(self, prev_lab, current_L, previous_L):
        return self.apply(prev_lab, self.flows(current_L, previous_L))


def corrupt_previous(rng, lab):
    """A 'previous output' that is not the truth: the previous frame's Lab with a global ab shift and blur."""
    out = lab.clone()
    out[:, 1:] = F.avg_pool2d(out[:, 1:], 5, 1, 2, count_include_pad=False)
    out[:, 1:] += torch.from_numpy(rng.normal(0, 6, (lab.shape[0], 2, 1, 1))).float()
    return out


def clean_previous(lab):
    """A 'previous output' as good as the net's own on a frame it matched well: the previous frame's truth
    with its a*b* smoothed as the half-size net output is (--clean-previous; tried in exemplar-v9)."""
    out = lab.clone()
    out[:, 1:] = F.avg_pool2d(out[:, 1:], 3, 1, 1, count_include_pad=False)
    return out


ZERO_PREVIOUS = 0.5       # share of samples whose first target gets zeros as its previous (--zero-previous)
CLEAN_PREVIOUS = 0.0      # share whose first target gets clean_previous (--clean-previous); the rest corrupt_previous


def first_previous(rng, before):
    """The previous output fed to the first target, per sample: zeros (a first frame after a (re)start, as
    DEVC), clean_previous or corrupt_previous. With only the last two, the gate of exemplar-v7 learnt to
    copy little: a corrupted previous is worse than the net's own guess and the net's own previous output
    is no better, so copying never paid in training, while in a whole clip the previous output carries
    what the net got right on frames it matched well."""
    u = rng.random(before.shape[0])
    clean = torch.from_numpy((u >= ZERO_PREVIOUS) & (u < ZERO_PREVIOUS + CLEAN_PREVIOUS))
    prev = torch.where(clean[:, None, None, None], clean_previous(before), corrupt_previous(rng, before))
    prev[torch.from_numpy(u < ZERO_PREVIOUS)] = 0.0
    return prev


def train_step(net, opt, rng, data, warp, noise=1.0):
    ref, before, targets = data[0], data[1], data[2:]
    b = ref.shape[0]
    T = torch.full((b,), TRAIN_TEMPERATURE)
    feats, ref_ab = net.reference(ref)
    prev = warp(first_previous(rng, before), targets[0][:, :1], before[:, :1])
    loss = 0.0
    parts = []
    for k, target in enumerate(targets):
        if k > 0:
            prev = warp(prev, target[:, :1], targets[k - 1][:, :1])   # the last prediction, moved onto this frame
        L = target[:, :1] + torch.randn_like(target[:, :1]) * noise
        ab, _, warped = net.frame(L, feats, ref_ab, prev, T)
        l_ab = (ab - target[:, 1:]).abs().mean()
        l_warp = (warped - target[:, 1:]).abs().mean()
        loss = loss + l_ab + 0.5 * l_warp
        parts += [l_ab.item(), l_warp.item()]
        prev = torch.cat((target[:, :1], ab.detach()), 1)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
    opt.step()
    return loss.item(), parts


@torch.no_grad()
def run_clip(net, folder, warp, frames, size=(216, 384)):
    """The evaluation protocol at network size on one clip: reference = its first frame, the loop from there
    on, the PSNR of 8-bit RGB on frames 2..frames, and the gate's mean weight g per frame (gated nets; else
    an empty list)."""
    files = sorted(glob.glob(os.path.join(folder, '*.jpg')))[:frames]
    labs = torch.stack([to_lab(np.asarray(Image.open(f).convert('RGB').resize((size[1], size[0]), Image.BOX))).float()
                        for f in files])
    feats, ref_ab = net.reference(labs[:1])
    prev = torch.zeros(1, 3, *size)
    T = torch.tensor([TRAIN_TEMPERATURE])
    psnrs, gates = [], []
    for k in range(len(labs)):
        L = labs[k:k + 1, :1]
        if k > 0:
            prev = warp(prev, L, labs[k - 1:k, :1])
        ab, _, _, _, g = net.frame_and_gate(L, feats, ref_ab, prev, T)
        prev = torch.cat((L, ab), 1)
        if k == 0:
            continue
        pred = lab_to_rgb(torch.cat((L + 50, ab), 1).double())
        truth = lab_to_rgb(torch.cat((L + 50, labs[k:k + 1, 1:]), 1).double())
        mse = ((torch.round(pred * 255) - torch.round(truth * 255)) ** 2).mean().item()
        psnrs.append(10 * math.log10(255 ** 2 / max(mse, 1e-10)))
        if g is not None:
            gates.append(g.mean().item())
    return psnrs, gates


def validate(net, davis_dir, warp, frames=30):
    """run_clip's mean PSNR per DAVIS clip (the validation printed while training)."""
    net.eval()
    out = {clip: float(np.mean(run_clip(net, os.path.join(davis_dir, clip), warp, frames)[0])) for clip in DAVIS}
    net.train()
    return out


def save(path, net, opt, step, seconds, log):
    tmp = path + '.tmp'
    torch.save({'net': net.state_dict(), 'opt': opt.state_dict(), 'step': step, 'seconds': seconds, 'log': log}, tmp)
    os.replace(tmp, path)


def net_and_optimiser(state, add_gate, lr, gate_lr_scale, seed):
    """The network and its Adam, from a checkpoint's state (or fresh when None). A gated checkpoint
    (exemplar-v7 on) comes back gated; add_gate puts the gate on an older one, whose weights and Adam
    state are kept while the gate starts from GatedCopy's initialisation. The gate's parameters are a
    second group at gate_lr_scale times the rate; 'base_lr' of each group is what --decay scales."""
    had_gate = state is not None and is_gated(state['net'])
    gated = add_gate or had_gate
    torch.manual_seed(seed)
    net = ExemplarNet(gated=gated)
    opt = torch.optim.Adam([p for n, p in net.named_parameters() if not n.startswith('gate.')], lr=lr, betas=(0.5, 0.999))
    if state is not None:
        missing = net.load_state_dict(state['net'], strict=had_gate or not gated).missing_keys
        assert all(k.startswith('gate.') for k in missing), missing
        if missing:
            print(f'gate added: {len(missing)} new tensors, lr x{gate_lr_scale}', flush=True)
        if not had_gate:
            opt.load_state_dict(state['opt'])     # saved with one parameter group
    if gated:
        opt.add_param_group({'params': list(net.gate.parameters())})
    if had_gate:
        opt.load_state_dict(state['opt'])         # saved with both groups
    for g, scale in zip(opt.param_groups, (1.0, gate_lr_scale)):
        g['lr'] = g['base_lr'] = lr * scale
    return net, opt


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default='../shared/data')
    ap.add_argument('--out', default='build/exemplar')
    ap.add_argument('--init', help='checkpoint to start from when OUT has none')
    ap.add_argument('--name', default='exemplar-v7', help='checkpoint name in OUT (NAME.pt)')
    ap.add_argument('--minutes', type=float, default=60)
    ap.add_argument('--save-minutes', type=float, default=10)
    ap.add_argument('--validate-minutes', type=float, default=30)
    ap.add_argument('--batch', type=int, default=8)
    ap.add_argument('--lr', type=float, default=2e-4)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--steps', type=int, default=0, help='stop after this many steps in total (0: by time only)')
    ap.add_argument('--mp4', action='store_true', help='also train on the camera files in DATA/video/mp4')
    ap.add_argument('--max-gap', type=int, default=60, help='largest reference-to-target distance in frames')
    ap.add_argument('--unroll', type=int, default=2,
                    help='consecutive target frames per sample, each fed the previous prediction (4 from session 5 on)')
    ap.add_argument('--recolour', type=float, default=0.0,
                    help='share of samples whose a*b* are rotated about the gray axis, reference and targets alike')
    ap.add_argument('--val-frames', type=int, default=30,
                    help='frames per DAVIS clip in the printed validation (0: none; then evaluate through the plugin)')
    ap.add_argument('--snapshots', action='store_true',
                    help='also keep the weights at each checkpoint as OUT/NAME-stepN.pt (to compare on whole clips later)')
    ap.add_argument('--decay', action='store_true',
                    help='cosine learning rate over this run, from --lr down to --lr / 20 at --minutes')
    ap.add_argument('--zero-previous', type=float, default=0.5,
                    help='share of samples whose first target is fed zeros as the previous output (a restart)')
    ap.add_argument('--clean-previous', type=float, default=0.0,
                    help='share whose first target is fed the previous frame\'s truth (a*b* smoothed) as the '
                         'previous output; the rest get it shifted and blurred (exemplar-v9: 0.5, zeros 0.25)')
    ap.add_argument('--gated', action='store_true',
                    help='add the gated copy of the previous output (exemplar-v7 on) when the start checkpoint has none')
    ap.add_argument('--gate-lr-scale', type=float, default=10.0,
                    help='learning rate of the gate\'s weights as a multiple of --lr (the gate starts from scratch)')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    ckpt = os.path.join(a.out, a.name + '.pt')
    start = ckpt if os.path.exists(ckpt) else a.init
    state = torch.load(start) if start else None
    net, opt = net_and_optimiser(state, a.gated, a.lr, a.gate_lr_scale, a.seed)
    step, seconds, log = 0, 0.0, []
    if state is not None:
        step, seconds, log = state['step'], state['seconds'], state.get('log', [])
        print(f'resumed from {start}: step {step}, {seconds / 3600:.2f} h trained', flush=True)
    print(f'{a.name}: {parameter_count(net)} parameters', flush=True)
    t0 = time.time()
    global MAX_GAP, UNROLL, RECOLOUR, ZERO_PREVIOUS, CLEAN_PREVIOUS
    MAX_GAP, UNROLL, RECOLOUR = a.max_gap, a.unroll, a.recolour
    ZERO_PREVIOUS, CLEAN_PREVIOUS = a.zero_previous, a.clean_previous
    if ZERO_PREVIOUS + CLEAN_PREVIOUS > 1:
        raise SystemExit('--zero-previous and --clean-previous are shares of the samples: their sum must be at most 1.')
    print(f'max gap {MAX_GAP}, unroll {UNROLL}, recolour {RECOLOUR}, previous: zeros {ZERO_PREVIOUS} '
          f'clean {CLEAN_PREVIOUS}, batch {a.batch}, lr {a.lr}'
          f'{" cosine decay" if a.decay else ""}', flush=True)
    clips = [load_clip(os.path.join(a.data, 'video', 'extra', c)) for c in TRAIN_CLIPS]
    if a.mp4:
        clips += [load_mp4(os.path.join(a.data, 'video', 'mp4', c + '.mp4')) for c in TRAIN_MP4]
    photos = load_photos(a.data)
    print(f'data: {sum(len(c) for c in clips)} frames of {len(clips)} clips, {len(photos)} photos '
          f'({time.time() - t0:.0f} s)', flush=True)
    rng = np.random.default_rng(a.seed + step)
    warp = PreviousWarp()
    begin = time.time()
    last_save = last_val = time.time()
    run, run_parts = [], []
    while time.time() - begin < a.minutes * 60 and (a.steps == 0 or step < a.steps):
        if a.decay:   # by elapsed time, since a session is given in minutes
            done = min(1.0, (time.time() - begin) / (a.minutes * 60))
            for g in opt.param_groups:
                g['lr'] = g['base_lr'] * (1 / 20 + (1 - 1 / 20) * 0.5 * (1 + math.cos(math.pi * done)))
        loss, parts = train_step(net, opt, rng, batch(rng, clips, photos, a.batch), warp)
        if not math.isfinite(loss):
            raise SystemExit(f'step {step}: loss {loss}; not saving. Resume from the last checkpoint with a lower --lr.')
        step += 1
        run.append(loss)
        run_parts.append(parts)
        if step % 50 == 0:
            p = np.mean(run_parts, 0)
            print(f'step {step} loss {np.mean(run):.3f} (ab {p[0]:.2f}/{p[2]:.2f} warp {p[1]:.2f}/{p[3]:.2f}) '
                  f'{(time.time() - begin) / 60:.1f} min', flush=True)
            log.append((step, float(np.mean(run))))
            run, run_parts = [], []
        if a.val_frames and time.time() - last_val > a.validate_minutes * 60:
            v = validate(net, os.path.join(a.data, 'video', 'davis'), warp, frames=a.val_frames)
            print(f'step {step} validation PSNR (DAVIS, {a.val_frames} frames, 216x384): mean {np.mean(list(v.values())):.2f} '
                  + ' '.join(f'{k} {x:.2f}' for k, x in v.items()), flush=True)
            log.append((step, 'val', v))
            last_val = time.time()
        if time.time() - last_save > a.save_minutes * 60:
            save(ckpt, net, opt, step, seconds + time.time() - begin, log)
            if a.snapshots:
                snap = os.path.join(a.out, f'{a.name}-step{step}.pt')
                torch.save({'net': net.state_dict(), 'step': step}, snap + '.tmp')
                os.replace(snap + '.tmp', snap)
            last_save = time.time()
    save(ckpt, net, opt, step, seconds + time.time() - begin, log)
    if a.val_frames == 0:
        return
    v = validate(net, os.path.join(a.data, 'video', 'davis'), warp, frames=a.val_frames)
    print(f'end: step {step}, validation PSNR mean {np.mean(list(v.values())):.2f} '
          + ' '.join(f'{k} {x:.2f}' for k, x in v.items()), flush=True)


if __name__ == '__main__':
    main()
