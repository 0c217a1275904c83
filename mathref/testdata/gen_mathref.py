#!/usr/bin/python3
"""Reference numbers for package mathref, computed by PyTorch in float64.

Run with Debian's python3-torch (1.13) and scipy:

    /usr/bin/python3 mathref/testdata/gen_mathref.py > mathref/testdata/mathref_torch.json

The Go tests (torch_test.go) read the JSON and never need torch. Every case
holds its inputs, its options and PyTorch's outputs; non-finite numbers are
written as the strings "NaN", "+Inf", "-Inf" (JSON has no such literals).
Inputs come from a seeded generator, so rerunning gives the same file.

The sources are independent of mathref's Go code: torch.nn.functional and
torch.nn modules for everything PyTorch has, scipy.signal.convolve2d for the
true (flipped-kernel) convolution, and plain torch tensor algebra for
additive attention and for SDPA's float mask (torch 1.13's private
F._scaled_dot_product_attention accepts only boolean masks).
"""
import json
import math
import sys

import numpy as np
import scipy
import scipy.signal
import torch
import torch.nn.functional as F

torch.manual_seed(20240611)
DT = torch.float64
CASES = []


def num(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    return v


def T(t):
    """A tensor (or array, or nested list) as {"shape": [...], "data": [...]}."""
    t = torch.as_tensor(t).detach().to(DT)
    return {"shape": list(t.shape), "data": [num(v) for v in t.reshape(-1).tolist()]}


def rand(*shape, lo=-1.0, hi=1.0):
    return lo + (hi - lo) * torch.rand(*shape, dtype=DT)


def case(op, name, inputs, opt, want):
    CASES.append({
        "op": op, "name": name,
        "in": {k: (None if v is None else T(v)) for k, v in inputs.items()},
        "opt": opt,
        "want": {k: T(v) for k, v in want.items()},
    })


def conv_cases():
    specs = [
        # name, x shape, (O, KH, KW), stride, padding, dilation, groups, bias
        ("basic", (2, 3, 5, 5), (4, 3, 3), (1, 1), (0, 0), (1, 1), 1, True),
        ("stride2-pad1", (2, 3, 6, 7), (2, 3, 3), (2, 2), (1, 1), (1, 1), 1, True),
        ("dilation2", (1, 2, 7, 7), (3, 3, 3), (1, 1), (0, 0), (2, 2), 1, True),
        ("groups2", (2, 4, 5, 6), (6, 3, 2), (1, 1), (1, 0), (1, 1), 2, True),
        ("depthwise", (1, 3, 5, 5), (3, 3, 3), (1, 1), (1, 1), (1, 1), 3, True),
        ("rect-asym", (1, 2, 7, 9), (2, 2, 4), (2, 3), (1, 2), (2, 1), 1, True),
        ("no-bias", (3, 2, 4, 4), (2, 2, 2), (1, 1), (0, 0), (1, 1), 1, False),
        ("unbatched", (3, 5, 5), (2, 3, 3), (1, 1), (1, 1), (1, 1), 1, True),
        ("all-options", (2, 4, 9, 8), (4, 3, 3), (2, 1), (2, 1), (2, 2), 2, True),
    ]
    for name, xs, (O, KH, KW), s, p, d, g, has_b in specs:
        C = xs[-3]
        x = rand(*xs)
        w = rand(O, C // g, KH, KW)
        b = rand(O) if has_b else None
        y = F.conv2d(x, w, b, stride=s, padding=p, dilation=d, groups=g)
        case("conv2d", name, {"x": x, "w": w, "b": b},
             {"stride": list(s), "padding": list(p), "dilation": list(d), "groups": g}, {"y": y})


def true_conv(x, w, b, s, p, d):
    """True convolution with scipy: per output channel, sum over input
    channels of convolve2d(valid) on the zero-padded input with the dilated
    kernel, subsampled by the stride. Groups = 1."""
    x, w = x.numpy(), w.numpy()
    N, C, H, W = x.shape
    O, _, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p[0], p[0]), (p[1], p[1])))
    wd = np.zeros((O, C, d[0] * (KH - 1) + 1, d[1] * (KW - 1) + 1))
    wd[:, :, ::d[0], ::d[1]] = w
    out = []
    for n in range(N):
        chans = []
        for o in range(O):
            acc = sum(scipy.signal.convolve2d(xp[n, c], wd[o, c], mode="valid") for c in range(C))
            acc = acc[::s[0], ::s[1]]
            chans.append(acc + (b[o].item() if b is not None else 0.0))
        out.append(np.stack(chans))
    return np.stack(out)


def true_conv_cases():
    specs = [
        ("single-channel", (1, 1, 3, 3), 1, (2, 2), (1, 1), (0, 0), (1, 1), False),
        ("multi-channel-bias", (2, 3, 5, 6), 2, (3, 3), (1, 1), (0, 0), (1, 1), True),
        ("stride2-pad1", (1, 2, 6, 6), 2, (3, 2), (2, 2), (1, 1), (1, 1), True),
        ("dilation2", (1, 2, 7, 7), 1, (2, 3), (1, 1), (0, 1), (2, 2), True),
    ]
    for name, xs, O, (KH, KW), s, p, d, has_b in specs:
        x = rand(*xs)
        w = rand(O, xs[1], KH, KW)
        b = rand(O) if has_b else None
        y = true_conv(x, w, b, s, p, d)
        case("conv2d_true", name, {"x": x, "w": w, "b": b},
             {"stride": list(s), "padding": list(p), "dilation": list(d), "groups": 1}, {"y": y})


def output_size_cases():
    rows = []
    for n, k, s, p, d in [(5, 3, 1, 0, 1), (5, 3, 1, 1, 1), (32, 3, 2, 1, 1), (32, 3, 1, 1, 1),
                          (7, 3, 2, 0, 2), (28, 5, 1, 2, 1), (24, 2, 2, 0, 1), (25, 2, 2, 0, 1),
                          (32, 2, 2, 0, 1), (10, 4, 3, 1, 2), (3, 3, 1, 0, 1), (11, 3, 4, 1, 1)]:
        y = F.conv2d(torch.zeros(1, 1, n, 1, dtype=DT), torch.zeros(1, 1, k, 1, dtype=DT),
                     stride=(s, 1), padding=(p, 0), dilation=(d, 1))
        rows.append([n, k, s, p, d, y.shape[2]])
    case("conv_output_size", "grid", {"rows": torch.tensor(rows, dtype=DT)}, {}, {})


def pool_cases():
    specs = [
        ("k2", (2, 3, 6, 7), (2, 2), None, (0, 0)),
        ("k3-s2-p1", (1, 2, 7, 7), (3, 3), (2, 2), (1, 1)),
        ("rect", (2, 1, 5, 8), (3, 2), (1, 2), (1, 0)),
        ("unbatched", (2, 5, 5), (2, 2), (1, 1), (1, 1)),
    ]
    for name, xs, k, s, p in specs:
        x = rand(*xs, lo=-3, hi=3)
        stride = list(s) if s else [0, 0]
        ymax = F.max_pool2d(x, k, s, p)
        case("maxpool2d", name, {"x": x}, {"kernel": list(k), "stride": stride, "padding": list(p)}, {"y": ymax})
        for incl in (True, False):
            yavg = F.avg_pool2d(x, k, s, p, count_include_pad=incl)
            case("avgpool2d", name + ("" if incl else "-exclude-pad"), {"x": x},
                 {"kernel": list(k), "stride": stride, "padding": list(p), "exclude_pad": not incl}, {"y": yavg})


def activation_cases():
    x = torch.tensor([[-1000.0, -20.0, -3.0, -1.0, -0.25, 0.0],
                      [0.25, 1.0, 2.5, 3.0, 20.0, 1000.0]], dtype=DT)
    case("relu", "grid", {"x": x}, {}, {"y": F.relu(x)})
    case("tanh", "grid", {"x": x}, {}, {"y": torch.tanh(x)})
    case("sigmoid", "grid", {"x": x}, {}, {"y": torch.sigmoid(x)})
    x3 = rand(2, 3, 4, lo=-4, hi=4)
    for axis in (0, 1, 2, -1, -2):
        case("softmax", "axis%d" % axis, {"x": x3}, {"axis": axis}, {"y": torch.softmax(x3, axis)})
        case("log_softmax", "axis%d" % axis, {"x": x3}, {"axis": axis}, {"y": torch.log_softmax(x3, axis)})
    big = torch.tensor([[1000.0, 999.0, 0.0], [-1000.0, -1001.0, -999.0]], dtype=DT)
    case("softmax", "large", {"x": big}, {"axis": -1}, {"y": torch.softmax(big, -1)})
    case("log_softmax", "large", {"x": big}, {"axis": -1}, {"y": torch.log_softmax(big, -1)})


def linear_cases():
    W, b = rand(3, 5), rand(3)
    x = rand(4, 5)
    case("linear", "batch", {"x": x, "W": W, "b": b}, {}, {"y": F.linear(x, W, b)})
    x3 = rand(2, 3, 5)
    case("linear", "3d", {"x": x3, "W": W, "b": b}, {}, {"y": F.linear(x3, W, b)})
    case("linear", "no-bias", {"x": x, "W": W, "b": None}, {}, {"y": F.linear(x, W)})
    x1 = rand(5)
    case("linear", "vector", {"x": x1, "W": W, "b": b}, {}, {"y": F.linear(x1, W, b)})


def randomize(module):
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-0.8, 0.8)
    return module


def rec_params(cell, suffix=""):
    return {"w_ih": getattr(cell, "weight_ih" + suffix), "w_hh": getattr(cell, "weight_hh" + suffix),
            "b_ih": getattr(cell, "bias_ih" + suffix, None), "b_hh": getattr(cell, "bias_hh" + suffix, None)}


def recurrent_cases():
    I, H, N, T_ = 4, 5, 3, 6
    with torch.no_grad():
        for nl in ("tanh", "relu"):
            cell = randomize(torch.nn.RNNCell(I, H, nonlinearity=nl).double())
            x, h = rand(N, I), rand(N, H)
            case("rnn_cell", nl, {"x": x, "h": h, **rec_params(cell)}, {"nonlinearity": nl}, {"h": cell(x, h)})
            x1 = rand(I)
            case("rnn_cell", nl + "-unbatched-zero-h", {"x": x1, "h": None, **rec_params(cell)},
                 {"nonlinearity": nl}, {"h": cell(x1)})
            rnn = randomize(torch.nn.RNN(I, H, nonlinearity=nl).double())
            xs, h0 = rand(T_, N, I), rand(1, N, H)
            out, hn = rnn(xs, h0)
            case("rnn", nl, {"xs": xs, "h0": h0[0], **rec_params(rnn, "_l0")}, {"nonlinearity": nl},
                 {"output": out, "hn": hn[0]})
        cell = randomize(torch.nn.RNNCell(I, H, bias=False).double())
        x, h = rand(N, I), rand(N, H)
        case("rnn_cell", "no-bias", {"x": x, "h": h, **rec_params(cell)}, {"nonlinearity": "tanh"}, {"h": cell(x, h)})
        rnn = randomize(torch.nn.RNN(I, H).double())
        xs = rand(T_, I)
        out, hn = rnn(xs)
        case("rnn", "unbatched-zero-h0", {"xs": xs, "h0": None, **rec_params(rnn, "_l0")}, {"nonlinearity": "tanh"},
             {"output": out, "hn": hn[0]})

        cell = randomize(torch.nn.LSTMCell(I, H).double())
        x, h, c = rand(N, I), rand(N, H), rand(N, H)
        h1, c1 = cell(x, (h, c))
        case("lstm_cell", "batch", {"x": x, "h": h, "c": c, **rec_params(cell)}, {}, {"h": h1, "c": c1})
        x1 = rand(I)
        h1, c1 = cell(x1)
        case("lstm_cell", "unbatched-zero-state", {"x": x1, "h": None, "c": None, **rec_params(cell)}, {},
             {"h": h1, "c": c1})
        lstm = randomize(torch.nn.LSTM(I, H).double())
        xs, h0, c0 = rand(T_, N, I), rand(1, N, H), rand(1, N, H)
        out, (hn, cn) = lstm(xs, (h0, c0))
        case("lstm", "batch", {"xs": xs, "h0": h0[0], "c0": c0[0], **rec_params(lstm, "_l0")}, {},
             {"output": out, "hn": hn[0], "cn": cn[0]})
        xs = rand(T_, I)
        out, (hn, cn) = lstm(xs)
        case("lstm", "unbatched-zero-state", {"xs": xs, "h0": None, "c0": None, **rec_params(lstm, "_l0")}, {},
             {"output": out, "hn": hn[0], "cn": cn[0]})

        cell = randomize(torch.nn.GRUCell(I, H).double())
        x, h = rand(N, I), rand(N, H)
        case("gru_cell", "batch", {"x": x, "h": h, **rec_params(cell)}, {}, {"h": cell(x, h)})
        x1 = rand(I)
        case("gru_cell", "unbatched-zero-h", {"x": x1, "h": None, **rec_params(cell)}, {}, {"h": cell(x1)})
        gru = randomize(torch.nn.GRU(I, H).double())
        xs, h0 = rand(T_, N, I), rand(1, N, H)
        out, hn = gru(xs, h0)
        case("gru", "batch", {"xs": xs, "h0": h0[0], **rec_params(gru, "_l0")}, {}, {"output": out, "hn": hn[0]})


def bools(rows):
    return torch.tensor(rows, dtype=torch.bool)


def attention_cases():
    L, S, dk, dv = 3, 5, 4, 2
    q, k, v = rand(L, dk, lo=-2, hi=2), rand(S, dk, lo=-2, hi=2), rand(S, dv)
    sdpa = F._scaled_dot_product_attention  # torch 1.13: bool attn_mask, True = takes part
    attend = bools([[True, True, False, True, False], [False, True, True, True, True], [True] * 5])
    for name, mask, causal in [("plain", None, False), ("attend-mask", attend, False), ("causal", None, True)]:
        o, w = sdpa(q, k, v, mask, 0.0, True, causal)
        opt = {"causal": causal}
        ins = {"q": q, "k": k, "v": v, "attend": mask}
        case("sdpa", name, ins, opt, {"output": o, "weights": w})
    # A fully masked row: PyTorch gives NaN for that row.
    allmasked = bools([[False] * 5, [True] * 5, [True, False, True, False, True]])
    o, w = sdpa(q, k, v, allmasked, 0.0, True, False)
    case("sdpa", "fully-masked-row", {"q": q, "k": k, "v": v, "attend": allmasked}, {"causal": False},
         {"output": o, "weights": w})
    # Float (additive) mask, with plain torch algebra.
    add = torch.tensor([[0.0, -1.5, 0.0, float("-inf"), 2.0]] * L, dtype=DT)
    w = torch.softmax(q @ k.T / math.sqrt(dk) + add, dim=-1)
    case("sdpa", "float-mask", {"q": q, "k": k, "v": v, "add": add}, {"causal": False},
         {"output": w @ v, "weights": w})

    E, heads, L2, S2 = 6, 3, 4, 5
    for name, kpm, am, bias in [
        ("plain", None, None, True),
        ("key-padding", bools([False, False, False, True, True]), None, True),
        ("block-mask", None, bools([[False, True, False, False, False], [False] * 5,
                                    [True, True, False, False, False], [False, False, False, False, True]]), True),
        ("float-mask-no-bias", None, rand(L2, S2, lo=-2, hi=1), False),
    ]:
        mha = randomize(torch.nn.MultiheadAttention(E, heads, bias=bias).double()).eval()
        xq, xk, xv = rand(L2, E), rand(S2, E), rand(S2, E)
        with torch.no_grad():
            out, wavg = mha(xq, xk, xv, key_padding_mask=kpm, attn_mask=am)
            _, wheads = mha(xq, xk, xv, key_padding_mask=kpm, attn_mask=am, average_attn_weights=False)
        ins = {"query": xq, "key": xk, "value": xv,
               "in_proj_weight": mha.in_proj_weight, "in_proj_bias": mha.in_proj_bias if bias else None,
               "out_proj_weight": mha.out_proj.weight, "out_proj_bias": mha.out_proj.bias if bias else None,
               "key_padding": kpm, "block": am if am is not None and am.dtype == torch.bool else None,
               "add": am if am is not None and am.dtype != torch.bool else None}
        case("mha", name, ins, {"heads": heads}, {"output": out, "weights": wavg, "head_weights": wheads})

    Dq, Dk, Dv, A, L3, S3 = 3, 4, 2, 5, 2, 4
    Wq, Wk, va = rand(A, Dq), rand(A, Dk), rand(A)
    q, k, v = rand(L3, Dq), rand(S3, Dk), rand(S3, Dv)
    for name, kpm in [("plain", None), ("key-padding", bools([False, False, True, True]))]:
        e = torch.tanh((q @ Wq.T)[:, None, :] + (k @ Wk.T)[None, :, :]) @ va
        if kpm is not None:
            e = e.masked_fill(kpm[None, :], float("-inf"))
        w = torch.softmax(e, dim=-1)
        case("additive", name, {"q": q, "k": k, "v": v, "Wq": Wq, "Wk": Wk, "va": va, "key_padding": kpm}, {},
             {"output": w @ v, "weights": w})


def loss_cases():
    x = rand(5, 4, lo=-3, hi=3)
    y = torch.tensor([0, 3, 1, 1, 2])
    case("cross_entropy", "batch", {"x": x, "target": y}, {}, {"loss": F.cross_entropy(x, y)})
    x1 = rand(4)
    y1 = torch.tensor(2)
    case("cross_entropy", "unbatched", {"x": x1, "target": y1.reshape(1)}, {}, {"loss": F.cross_entropy(x1, y1)})
    big = torch.tensor([[1000.0, 0.0, -1000.0], [5.0, 1005.0, 1000.0]], dtype=DT)
    yb = torch.tensor([0, 2])
    case("cross_entropy", "large-logits", {"x": big, "target": yb}, {}, {"loss": F.cross_entropy(big, yb)})


def main():
    conv_cases()
    true_conv_cases()
    output_size_cases()
    pool_cases()
    activation_cases()
    linear_cases()
    recurrent_cases()
    attention_cases()
    loss_cases()
    json.dump({"generator": "mathref/testdata/gen_mathref.py", "torch": torch.__version__,
               "numpy": np.__version__, "scipy": scipy.__version__, "dtype": "float64",
               "cases": CASES}, sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
