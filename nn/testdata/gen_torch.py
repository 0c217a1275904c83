#!/usr/bin/python3
"""Reference numbers for package nn, computed with PyTorch in float64.

Run from the repository root with Debian's PyTorch (python3-torch 1.13):

    /usr/bin/python3 nn/testdata/gen_torch.py

It writes, next to this script:

  torch_cases.json          one entry per case: the layer, its options and
                            which tensors belong to it
  torch_cases.safetensors   every tensor of every case, float64, named
                            "<case>/<role>"; roles are
                              in.N      inputs            gradin.N  their gradients
                              out.N     outputs           R.N       the upstream
                              param.P   parameters        grad.P    gradient fed back
                            (P is the PyTorch state-dict name). The loss
                            differentiated is L = sum_N sum(out.N * R.N).
  seed_cnn_f32.safetensors  the seed document's CNN state dict in float32,
                            as safetensors.torch.save_file would write it

The debian archive has no python3-safetensors, so the files are written by
write_safetensors below, following the format specification (8-byte
little-endian header length, JSON header with dtype/shape/data_offsets,
then the raw little-endian bytes). Tests read these files; they never need
torch.
"""

import json
import math
import os
import struct
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))

TENSORS = {}   # name -> tensor (float64)
CASES = []     # JSON entries


def write_safetensors(path, tensors, dtype=torch.float64, metadata=None):
    """Writes tensors (dict name -> tensor) in the safetensors format."""
    code = {torch.float64: "F64", torch.float32: "F32"}[dtype]
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        data = tensors[name].detach().to(dtype).contiguous().numpy().astype(
            "<f8" if code == "F64" else "<f4").tobytes()
        header[name] = {"dtype": code, "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def add_case(name, kind, config, module=None, inputs=(), outputs=(), extra=None):
    """Backpropagates L = sum(out_i * R_i) and records everything."""
    torch.manual_seed(zlib.crc32(("R:" + name).encode()))
    rs = [torch.randn_like(o) for o in outputs]
    loss = sum((o * r).sum() for o, r in zip(outputs, rs))
    loss.backward()
    roles = {}

    def put(role, t):
        key = f"{name}/{role}"
        TENSORS[key] = t.detach().clone().to(torch.float64)
        roles[role] = key

    for i, x in enumerate(inputs):
        put(f"in.{i}", x)
        if x.grad is not None:
            put(f"gradin.{i}", x.grad)
    for i, (o, r) in enumerate(zip(outputs, rs)):
        put(f"out.{i}", o)
        put(f"R.{i}", r)
    if module is not None:
        for pname, p in module.named_parameters():
            put(f"param.{pname}", p)
            put(f"grad.{pname}", p.grad)
    for role, t in (extra or {}).items():
        put(role, t)
    CASES.append({"name": name, "kind": kind, "config": config, "tensors": roles})


def leaf(*shape, low=None):
    if low is not None:
        return torch.randint(low, 3, shape).to(torch.float64).requires_grad_()
    return torch.randn(*shape).requires_grad_()


def seeded(name):
    """Seeds torch from the case name, so each case is reproducible alone."""
    torch.manual_seed(zlib.crc32(name.encode()))


# ---------------------------------------------------------------- convolution
def conv_cases():
    grid = [
        ("basic", dict(cin=3, cout=4, k=[3, 3]), (2, 3, 7, 7)),
        ("stride2_pad1", dict(cin=3, cout=4, k=[3, 3], stride=[2, 2], padding=[1, 1]), (2, 3, 7, 8)),
        ("rect_groups2", dict(cin=4, cout=6, k=[2, 3], stride=[2, 1], padding=[1, 0], dilation=[1, 2], groups=2), (2, 4, 7, 9)),
        ("depthwise", dict(cin=4, cout=4, k=[3, 3], padding=[1, 1], groups=4), (1, 4, 5, 6)),
        ("dilation2_nobias", dict(cin=2, cout=3, k=[3, 3], dilation=[2, 2], bias=False), (2, 2, 8, 7)),
        ("pad_exceeds_half", dict(cin=2, cout=2, k=[3, 3], padding=[3, 2], stride=[3, 2]), (1, 2, 5, 5)),
        ("unbatched", dict(cin=3, cout=2, k=[2, 2]), (3, 5, 4)),
        ("one_by_one", dict(cin=5, cout=3, k=[1, 1]), (2, 5, 3, 3)),
    ]
    for tag, cfg, shape in grid:
        name = f"conv2d/{tag}"
        seeded(name)
        m = nn.Conv2d(cfg["cin"], cfg["cout"], cfg["k"], stride=cfg.get("stride", 1),
                      padding=cfg.get("padding", 0), dilation=cfg.get("dilation", 1),
                      groups=cfg.get("groups", 1), bias=cfg.get("bias", True))
        x = leaf(*shape)
        add_case(name, "conv2d", cfg, m, [x], [m(x)])


def pool_cases():
    grid = [
        ("max", "max", dict(k=[2, 2]), (2, 3, 6, 7), None),
        ("max_s2_p1", "max", dict(k=[3, 3], stride=[2, 2], padding=[1, 1]), (1, 2, 7, 6), None),
        ("max_dil_ceil", "max", dict(k=[3, 3], stride=[2, 2], padding=[1, 1], dilation=[2, 2], ceil=True), (1, 2, 8, 9), None),
        ("max_rect", "max", dict(k=[2, 3], stride=[1, 2]), (2, 1, 5, 7), None),
        ("max_ceil_odd", "max", dict(k=[2, 2], stride=[2, 2], ceil=True), (1, 2, 5, 5), None),
        ("max_ties", "max", dict(k=[2, 2], stride=[1, 1]), (1, 2, 5, 5), 0),
        ("max_unbatched", "max", dict(k=[2, 2]), (3, 4, 4), None),
        ("avg", "avg", dict(k=[2, 2]), (2, 3, 6, 7), None),
        ("avg_s2_p1", "avg", dict(k=[3, 3], stride=[2, 2], padding=[1, 1]), (1, 2, 7, 6), None),
        ("avg_ceil_nopad", "avg", dict(k=[3, 3], stride=[2, 2], padding=[1, 1], ceil=True, count_include_pad=False), (1, 2, 8, 7), None),
        ("avg_ceil_pad", "avg", dict(k=[3, 3], stride=[2, 2], padding=[1, 1], ceil=True), (1, 2, 8, 7), None),
        ("avg_divisor", "avg", dict(k=[3, 2], stride=[2, 2], padding=[1, 1], divisor=5), (2, 1, 6, 5), None),
    ]
    for tag, typ, cfg, shape, low in grid:
        name = f"pool/{tag}"
        seeded(name)
        if typ == "max":
            m = nn.MaxPool2d(cfg["k"], stride=cfg.get("stride"), padding=cfg.get("padding", 0),
                             dilation=cfg.get("dilation", 1), ceil_mode=cfg.get("ceil", False))
        else:
            m = nn.AvgPool2d(cfg["k"], stride=cfg.get("stride"), padding=cfg.get("padding", 0),
                             ceil_mode=cfg.get("ceil", False),
                             count_include_pad=cfg.get("count_include_pad", True),
                             divisor_override=cfg.get("divisor"))
        x = leaf(*shape, low=low)
        cfg = dict(cfg, type=typ)
        add_case(name, "pool", cfg, None, [x], [m(x)])


def activation_cases():
    grid = [
        ("relu", nn.ReLU(), dict(), (3, 5)),
        ("tanh", nn.Tanh(), dict(), (3, 5)),
        ("sigmoid", nn.Sigmoid(), dict(), (2, 3, 4)),
        ("softmax_last", nn.Softmax(dim=-1), dict(dim=-1), (3, 6)),
        ("softmax_dim0", nn.Softmax(dim=0), dict(dim=0), (4, 3)),
        ("softmax_dim1_3d", nn.Softmax(dim=1), dict(dim=1), (2, 5, 3)),
        ("logsoftmax_last", nn.LogSoftmax(dim=-1), dict(dim=-1), (3, 6)),
        ("logsoftmax_dim1_3d", nn.LogSoftmax(dim=1), dict(dim=1), (2, 4, 3)),
    ]
    for tag, m, cfg, shape in grid:
        name = f"act/{tag}"
        seeded(name)
        x = leaf(*shape)
        if tag.startswith("softmax") or tag.startswith("logsoftmax"):
            with torch.no_grad():
                x.mul_(4)  # spread the logits
        add_case(name, "activation", dict(cfg, type=tag.split("_")[0]), None, [x], [m(x)])


def linear_cases():
    for tag, cfg, shape in [("basic", dict(cin=4, cout=3), (5, 4)),
                            ("3d_nobias", dict(cin=4, cout=2, bias=False), (2, 3, 4)),
                            ("single", dict(cin=1, cout=1), (3, 1))]:
        name = f"linear/{tag}"
        seeded(name)
        m = nn.Linear(cfg["cin"], cfg["cout"], bias=cfg.get("bias", True))
        x = leaf(*shape)
        add_case(name, "linear", cfg, m, [x], [m(x)])


# ------------------------------------------------------------------ recurrent
def recurrent_cases():
    grid = [
        ("rnn", "tanh_1layer", dict(), 5, 2, False),
        ("rnn", "relu_2layers", dict(nonlinearity="relu", layers=2), 4, 3, True),
        ("rnn", "batch_first_nobias", dict(batch_first=True, bias=False), 4, 2, True),
        ("rnn", "unbatched", dict(layers=2), 4, None, True),
        ("lstm", "1layer", dict(), 5, 2, False),
        ("lstm", "2layers_h0c0", dict(layers=2), 4, 3, True),
        ("lstm", "3layers_batch_first", dict(layers=3, batch_first=True), 3, 2, True),
        ("lstm", "nobias", dict(bias=False, batch_first=True), 4, 2, False),
        ("lstm", "unbatched", dict(layers=2), 4, None, True),
        ("gru", "1layer", dict(), 5, 2, False),
        ("gru", "2layers_h0", dict(layers=2), 4, 3, True),
        ("gru", "batch_first_nobias", dict(batch_first=True, bias=False), 4, 2, True),
        ("gru", "unbatched", dict(layers=2), 3, None, True),
    ]
    I, H = 3, 4
    for typ, tag, cfg, T, B, with_state in grid:
        name = f"{typ}/{tag}"
        seeded(name)
        layers = cfg.get("layers", 1)
        bf = cfg.get("batch_first", False)
        kw = dict(num_layers=layers, batch_first=bf, bias=cfg.get("bias", True))
        if typ == "rnn":
            m = nn.RNN(I, H, nonlinearity=cfg.get("nonlinearity", "tanh"), **kw)
        elif typ == "lstm":
            m = nn.LSTM(I, H, **kw)
        else:
            m = nn.GRU(I, H, **kw)
        if B is None:
            x, sshape = leaf(T, I), (layers, H)
        else:
            x, sshape = (leaf(B, T, I) if bf else leaf(T, B, I)), (layers, B, H)
        inputs = [x]
        if with_state:
            h0 = leaf(*sshape)
            inputs.append(h0)
            if typ == "lstm":
                c0 = leaf(*sshape)
                inputs.append(c0)
                out, (hn, cn) = m(x, (h0, c0))
            else:
                out, hn = m(x, h0)
        else:
            if typ == "lstm":
                out, (hn, cn) = m(x)
            else:
                out, hn = m(x)
        outputs = [out, hn] + ([cn] if typ == "lstm" else [])
        cfg = dict(cfg, type=typ, input=I, hidden=H, state=with_state)
        add_case(name, "recurrent", cfg, m, inputs, outputs)


def lstm_gates_case():
    """One LSTM step by hand, so the gates i, f, g, o can be compared."""
    name = "lstm/gates"
    seeded(name)
    I, H, B, T = 3, 4, 2, 3
    m = nn.LSTM(I, H)
    x = leaf(T, B, I)
    out, _ = m(x)
    extra = {}
    h = torch.zeros(B, H)
    c = torch.zeros(B, H)
    with torch.no_grad():
        for t in range(T):
            pre = x[t] @ m.weight_ih_l0.T + m.bias_ih_l0 + h @ m.weight_hh_l0.T + m.bias_hh_l0
            i, f, g, o = pre.chunk(4, dim=1)
            i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
            c = f * c + i * g
            h = o * torch.tanh(c)
            for gname, v in zip("ifgoch", (i, f, g, o, c, h)):
                extra[f"step{t}.{gname}"] = v
    add_case(name, "lstm_gates", dict(input=I, hidden=H, T=T), m, [x], [out], extra)


# ------------------------------------------------------------------ attention
def sdpa_ref(q, k, v, attn_mask=None, attn_bias=None, kpm=None, causal=False, scale=None):
    """softmax(QKᵀ·scale + masks)·V written out; bool attn_mask True = attend."""
    E = q.shape[-1]
    L, S = q.shape[-2], k.shape[-2]
    scale = 1 / math.sqrt(E) if scale is None else scale
    s = q @ k.transpose(-2, -1) * scale
    if attn_mask is not None:
        s = s.masked_fill(~attn_mask, float("-inf"))
    if attn_bias is not None:
        s = s + attn_bias
    if causal:
        s = s.masked_fill(~torch.ones(L, S, dtype=torch.bool).tril(), float("-inf"))
    if kpm is not None:
        view = kpm.reshape(kpm.shape[0], *([1] * (q.dim() - 3)), 1, S) if q.dim() > 2 else kpm
        s = s.masked_fill(view, float("-inf"))
    w = torch.softmax(s, dim=-1)
    return w @ v, s, w


def attention_cases():
    g = torch.Generator().manual_seed(7)
    grid = [
        ("plain", (2, 3, 4), (2, 5, 4), (2, 5, 3), {}),
        ("heads_4d", (2, 2, 3, 4), (2, 2, 4, 4), (2, 2, 4, 5), {}),
        ("unbatched", (3, 4), (5, 4), (5, 2), {}),
        ("bool_mask", (2, 4, 3), (2, 5, 3), (2, 5, 3), {"attn_mask": "bool"}),
        ("float_mask", (2, 4, 3), (2, 5, 3), (2, 5, 3), {"attn_bias": True}),
        ("causal_square", (2, 4, 3), (2, 4, 3), (2, 4, 2), {"causal": True}),
        ("causal_more_keys", (1, 3, 3), (1, 5, 3), (1, 5, 2), {"causal": True}),
        ("key_padding", (2, 3, 4), (2, 5, 4), (2, 5, 4), {"kpm": [5, 2]}),
        ("key_padding_4d", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 4), {"kpm": [3, 5]}),
        ("scale", (2, 3, 4), (2, 3, 4), (2, 3, 4), {"scale": 0.3}),
    ]
    for tag, qs, ks, vs, opt in grid:
        name = f"sdpa/{tag}"
        seeded(name)
        q, k, v = leaf(*qs), leaf(*ks), leaf(*vs)
        L, S = qs[-2], ks[-2]
        cfg, extra, kw = {}, {}, {}
        if opt.get("attn_mask") == "bool":
            mask = torch.rand(L, S, generator=g) > 0.3
            mask[:, 0] = True  # every query keeps one key
            kw["attn_mask"] = mask
            extra["mask"] = mask.to(torch.float64)
            cfg["attn_mask"] = True
        if opt.get("attn_bias"):
            bias = torch.randn(L, S, generator=g)
            bias[0, 1] = float("-inf")
            kw["attn_bias"] = bias
            extra["bias"] = bias
            cfg["attn_bias"] = True
        if opt.get("causal"):
            kw["causal"] = True
            cfg["causal"] = True
        if "kpm" in opt:
            lengths = opt["kpm"]
            kpm = torch.arange(S)[None, :] >= torch.tensor(lengths)[:, None]
            kw["kpm"] = kpm
            cfg["lengths"] = lengths
        if "scale" in opt:
            kw["scale"] = opt["scale"]
            cfg["scale"] = opt["scale"]
        out, s, w = sdpa_ref(q, k, v, **kw)
        extra.update({"scores": s, "weights": w})
        add_case(name, "sdpa", cfg, None, [q, k, v], [out], extra)


def mha_cases():
    E, h = 8, 2
    grid = [
        ("self_seq_first", dict(), 4, 4, 2, {}),
        ("batch_first_cross", dict(batch_first=True), 3, 5, 2, {}),
        ("per_head_weights", dict(average=False), 4, 4, 2, {}),
        ("key_padding", dict(batch_first=True), 3, 5, 2, {"kpm": [5, 3]}),
        ("bool_mask_2d", dict(), 4, 4, 2, {"attn_mask": "2d"}),
        ("bool_mask_3d_kpm", dict(batch_first=True), 3, 4, 2, {"attn_mask": "3d", "kpm": [4, 2]}),
        ("float_mask", dict(batch_first=True), 3, 4, 2, {"attn_bias": True}),
        ("unbatched", dict(average=False), 3, 4, None, {}),
        ("nobias_4heads", dict(bias=False, heads=4), 3, 3, 2, {}),
    ]
    for tag, cfg, L, S, B, opt in grid:
        name = f"mha/{tag}"
        seeded(name)
        heads = cfg.get("heads", h)
        bf = cfg.get("batch_first", False)
        m = nn.MultiheadAttention(E, heads, bias=cfg.get("bias", True), batch_first=bf)
        with torch.no_grad():  # non-zero biases so their gradients are tested
            if m.in_proj_bias is not None:
                m.in_proj_bias.normal_()
                m.out_proj.bias.normal_()

        def inp(n):
            if B is None:
                return leaf(n, E)
            return leaf(B, n, E) if bf else leaf(n, B, E)

        q, k, v = inp(L), inp(S), inp(S)
        kw, extra = {}, {}
        if "kpm" in opt:
            kw["key_padding_mask"] = torch.arange(S)[None, :] >= torch.tensor(opt["kpm"])[:, None]
            cfg = dict(cfg, lengths=opt["kpm"])
        if opt.get("attn_mask") == "2d":
            mask = torch.ones(L, S, dtype=torch.bool).triu(1)  # True = blocked
            kw["attn_mask"] = mask
            extra["mask"] = mask.to(torch.float64)
            cfg = dict(cfg, attn_mask=True)
        if opt.get("attn_mask") == "3d":
            mask = torch.rand(B * heads, L, S) > 0.6
            mask[:, :, 0] = False
            kw["attn_mask"] = mask
            extra["mask"] = mask.to(torch.float64)
            cfg = dict(cfg, attn_mask=True)
        if opt.get("attn_bias"):
            bias = torch.randn(L, S)
            kw["attn_mask"] = bias
            extra["bias"] = bias
            cfg = dict(cfg, attn_bias=True)
        out, w = m(q, k, v, need_weights=True, average_attn_weights=cfg.get("average", True), **kw)
        cfg = dict(cfg, embed=E, heads=heads)
        add_case(name, "mha", cfg, m, [q, k, v], [out], dict(extra, weights=w))


class Additive(nn.Module):
    """Bahdanau attention in d2l's form; its names are nn.AdditiveAttention's."""

    def __init__(self, dq, dk, hidden):
        super().__init__()
        self.W_q = nn.Linear(dq, hidden, bias=False)
        self.W_k = nn.Linear(dk, hidden, bias=False)
        self.w_v = nn.Linear(hidden, 1, bias=False)

    def forward(self, q, k, v, kpm=None):
        f = torch.tanh(self.W_q(q).unsqueeze(2) + self.W_k(k).unsqueeze(1))
        s = self.w_v(f).squeeze(-1)
        if kpm is not None:
            s = s.masked_fill(kpm[:, None, :], float("-inf"))
        w = torch.softmax(s, dim=-1)
        return w @ v, s, w


def additive_cases():
    for tag, lengths in [("plain", None), ("key_padding", [4, 2])]:
        name = f"additive/{tag}"
        seeded(name)
        m = Additive(3, 5, 6)
        q, k, v = leaf(2, 3, 3), leaf(2, 4, 5), leaf(2, 4, 2)
        kpm = None
        cfg = dict(dq=3, dk=5, hidden=6)
        if lengths:
            kpm = torch.arange(4)[None, :] >= torch.tensor(lengths)[:, None]
            cfg["lengths"] = lengths
        out, s, w = m(q, k, v, kpm)
        add_case(name, "additive", cfg, m, [q, k, v], [out], {"scores": s, "weights": w})


# ------------------------------------------------------------ losses, optimisers
def loss_cases():
    for red in ["mean", "sum"]:
        name = f"loss/ce_{red}"
        seeded(name)
        x = leaf(5, 4)
        with torch.no_grad():
            x.mul_(3)
        target = torch.tensor([0, 3, 1, 1, 2])
        loss = F.cross_entropy(x, target, reduction=red)
        add_case(name, "ce", dict(reduction=red, target=target.tolist()), None, [x], [loss.reshape(1)])
        name = f"loss/mse_{red}"
        seeded(name)
        p, y = leaf(3, 4), torch.randn(3, 4)
        loss = F.mse_loss(p, y, reduction=red)
        add_case(name, "mse", dict(reduction=red), None, [p], [loss.reshape(1)], {"target": y})


def optim_cases():
    grid = [
        ("sgd_plain", "sgd", dict(lr=0.1)),
        ("sgd_momentum", "sgd", dict(lr=0.1, momentum=0.9)),
        ("sgd_dampening_wd", "sgd", dict(lr=0.05, momentum=0.8, dampening=0.3, weight_decay=0.01)),
        ("sgd_nesterov", "sgd", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.001)),
        ("adam_default", "adam", dict(lr=1e-3)),
        ("adam_wd", "adam", dict(lr=0.01, betas=[0.8, 0.99], eps=1e-6, weight_decay=0.1)),
        ("adam_amsgrad", "adam", dict(lr=0.05, amsgrad=True)),
    ]
    for tag, typ, cfg in grid:
        name = f"optim/{tag}"
        seeded(name)
        p = torch.randn(3, 4, requires_grad=True)
        start = p.detach().clone()
        kw = dict(cfg)
        if "betas" in kw:
            kw["betas"] = tuple(kw["betas"])
        opt = torch.optim.SGD([p], **kw) if typ == "sgd" else torch.optim.Adam([p], **kw)
        extra = {"start": start}
        for step in range(4):
            opt.zero_grad()
            g = torch.randn(3, 4)
            p.grad = g.clone()
            opt.step()
            extra[f"grad{step}"] = g
            extra[f"after{step}"] = p.detach().clone()
        TENSORS.update({f"{name}/{r}": t for r, t in extra.items()})
        CASES.append({"name": name, "kind": "optim", "config": dict(cfg, type=typ, steps=4),
                      "tensors": {r: f"{name}/{r}" for r in extra}})


# ------------------------------------------------------------- the seed models
class SeedCNN(nn.Module):
    """The seed document's CNN (section 4.1), with x.flatten(1) for x.view(-1, 2304)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(64 * 6 * 6, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.flatten(1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class SeedLSTM(nn.Module):
    """The seed document's LSTM classifier (section 4.2), optionally gathering
    each sequence's last real step."""

    def __init__(self, input_size, hidden_size, num_layers, num_classes):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_size, num_classes)

    def forward(self, x, lengths=None):
        out, _ = self.lstm(x)
        if lengths is None:
            return self.fc(out[:, -1, :])
        idx = torch.tensor(lengths) - 1
        return self.fc(out[torch.arange(x.shape[0]), idx])


def seed_cases():
    seeded("seed_cnn")
    m = SeedCNN()
    # Round the weights to float32 first, so that the float32 file and the
    # float64 forward pass below describe the same network.
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(p.float().double())
    write_safetensors(os.path.join(HERE, "seed_cnn_f32.safetensors"),
                      dict(m.state_dict()), torch.float32,
                      {"source": "nn/testdata/gen_torch.py", "model": "seed CNN"})
    x = leaf(2, 3, 24, 24)
    logits = m(x)
    target = torch.tensor([3, 7])
    loss = F.cross_entropy(logits, target)
    loss.backward()
    roles = {}
    for role, t in {"in.0": x, "gradin.0": x.grad, "out.0": logits, "loss": loss.reshape(1)}.items():
        TENSORS[f"seed_cnn/{role}"] = t.detach().clone()
        roles[role] = f"seed_cnn/{role}"
    for pname, p in m.named_parameters():
        g = p.grad.clone()
        if pname == "fc1.weight":  # 128×2304: keep the first 8 rows (the file stays small)
            pname, g = "fc1.weight[:8]", g[:8]
        TENSORS[f"seed_cnn/grad.{pname}"] = g
        roles[f"grad.{pname}"] = f"seed_cnn/grad.{pname}"
    CASES.append({"name": "seed_cnn", "kind": "seed_cnn", "config": {"target": target.tolist(),
                  "weights": "seed_cnn_f32.safetensors"}, "tensors": roles})

    for tag, lengths in [("last_step", None), ("lengths", [5, 2, 4])]:
        name = f"seed_lstm/{tag}"
        seeded(name)
        m = SeedLSTM(3, 4, 2, 3)
        x = leaf(3, 5, 3)
        add_case(name, "seed_lstm", dict(input=3, hidden=4, layers=2, classes=3, lengths=lengths),
                 m, [x], [m(x, lengths)])


def main():
    conv_cases()
    pool_cases()
    activation_cases()
    linear_cases()
    recurrent_cases()
    lstm_gates_case()
    attention_cases()
    mha_cases()
    additive_cases()
    loss_cases()
    optim_cases()
    seed_cases()
    write_safetensors(os.path.join(HERE, "torch_cases.safetensors"), TENSORS,
                      metadata={"generator": "nn/testdata/gen_torch.py",
                                "torch": torch.__version__})
    with open(os.path.join(HERE, "torch_cases.json"), "w") as f:
        json.dump({"torch": torch.__version__, "cases": CASES}, f, indent=1)
        f.write("\n")
    print(f"{len(CASES)} cases, {len(TENSORS)} tensors")


if __name__ == "__main__":
    main()
