"""Loading an official PyTorch checkpoint into one of our architecture copies, shared by the exporters."""
import torch


def load_checkpoint(net, path, hint=''):
    """Loads the state_dict in `path` (bare, or under 'state_dict'; a DataParallel 'module.' prefix is
    stripped) into `net` with strict=True; exits with a sentence naming the file when it does not fit.
    `hint` is appended to that sentence (e.g. the expected layout). Returns `net`."""
    obj = torch.load(path, map_location='cpu')
    if isinstance(obj, dict) and isinstance(obj.get('state_dict'), dict):
        obj = obj['state_dict']
    if not isinstance(obj, dict):
        raise SystemExit(f'{path}: not a state_dict (got {type(obj).__name__})')
    sd = {(k[len('module.'):] if k.startswith('module.') else k): v for k, v in obj.items()}
    try:
        net.load_state_dict(sd, strict=True)
    except RuntimeError as e:
        raise SystemExit(f'{path} does not match the {type(net).__name__} layout{hint}:\n{e}')
    return net
