#!/usr/bin/python3
"""What PyTorch itself prints for each erratum's wrong and right forms.

Run with Debian's python3-torch (1.13) and scipy:

    /usr/bin/python3 mathref/testdata/gen_errata.py > mathref/testdata/errata_torch.json

For every erratum in mathref (errata*.go) this runs the same small example
through PyTorch, including the wrong code where PyTorch can run it, and
records the tensors it returned or the exception it raised. errata_test.go
checks each Go demonstration against these records, so the numbers the
lessons show are PyTorch's, not only mathref's. Non-finite numbers are
written as "NaN", "+Inf", "-Inf".
"""
import json
import math
import sys

import numpy as np
import scipy.signal
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(7)
DT = torch.float64
OUT = {}


def num(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    return v


def T(t):
    t = torch.as_tensor(t).detach().to(DT)
    return {"shape": list(t.shape), "data": [num(v) for v in t.reshape(-1).tolist()]}


def error_of(f):
    try:
        f()
    except Exception as e:  # record exactly what PyTorch raised
        return "%s: %s" % (type(e).__name__, e)
    return ""


def record(eid, **kv):
    OUT[eid] = {k: (v if isinstance(v, (str, int, float, list, bool, dict)) else T(v)) for k, v in kv.items()}


def conv():
    x = torch.arange(9, dtype=DT).reshape(1, 1, 3, 3)
    w = torch.tensor([[0.0, 1], [2, 3]], dtype=DT).reshape(1, 1, 2, 2)
    right = F.conv2d(x, w)[0, 0]
    literal = (x[0, 0, :2, :2] * w[0, 0]).sum()  # the printed formula: x(u, v) only
    record("conv-no-output-position", wrong=literal.expand(2, 2), right=right)
    flipped = scipy.signal.convolve2d(x[0, 0].numpy(), w[0, 0].numpy(), mode="valid")
    record("conv-is-cross-correlation", wrong=flipped, right=right)
    x2 = torch.cat([torch.arange(9, dtype=DT).reshape(1, 1, 3, 3), torch.ones(1, 1, 3, 3, dtype=DT)], 1)
    w2 = torch.ones(1, 2, 2, 2, dtype=DT)
    record("conv-channel-sum", wrong=F.conv2d(x2[:, :1], w2[:, :1])[0, 0], right=F.conv2d(x2, w2)[0, 0])
    wb = torch.cat([w, w])
    record("conv-bias-per-channel", wrong=F.conv2d(x, wb)[0],
           right=F.conv2d(x, wb, torch.tensor([1.0, -1.0], dtype=DT))[0])
    x4 = torch.arange(16, dtype=DT).reshape(1, 1, 4, 4)
    w3 = torch.ones(1, 1, 3, 3, dtype=DT)
    record("conv-no-padding-stride", wrong=F.conv2d(x4, w3)[0, 0], right_row0=F.conv2d(x4, w3, padding=1)[0, 0, 0],
           right_shape=list(F.conv2d(x4, w3, padding=1).shape))
    sizes = [F.conv2d(torch.zeros(1, 1, 5, 5), torch.zeros(1, 1, 3, 3)).shape[2],
             F.conv2d(torch.zeros(1, 1, 32, 32), torch.zeros(1, 1, 3, 3), stride=2, padding=1).shape[2]]
    record("conv-output-size", right=sizes)


def rnn():
    with torch.no_grad():
        r = nn.RNN(2, 2).double()
        r.weight_ih_l0.copy_(torch.tensor([[0.5, -0.5], [0.25, 1]]))
        r.weight_hh_l0.copy_(torch.tensor([[1.0, 0], [0.5, -1]]))
        r.bias_ih_l0.copy_(torch.tensor([0.1, 0]))
        r.bias_hh_l0.copy_(torch.tensor([0.3, -0.2]))
        xs = torch.tensor([[1.0, 2], [0, 1]], dtype=DT)
        out, hn = r(xs)
        right = hn[0]
        r.bias_hh_l0.zero_()
        _, hn1 = r(xs)
        record("rnn-vague-form", wrong=hn1[0], right=right)
        r.bias_hh_l0.copy_(torch.tensor([0.3, -0.2]))
        V = torch.tensor([[1.0, 0], [0, 1], [1, 1]], dtype=DT)
        record("rnn-output-layer", output_shape=list(out.shape), output0=out[0], logits=F.linear(out, V))

        lstm = nn.LSTM(1, 1).double()
        lstm.weight_ih_l0.copy_(torch.tensor([[1.0], [2], [0.5], [-1]]))
        lstm.weight_hh_l0.copy_(torch.tensor([[0.5], [0.5], [1], [1]]))
        lstm.bias_ih_l0.copy_(torch.tensor([0, 1.0, 0, 0]))
        lstm.bias_hh_l0.copy_(torch.tensor([0, 0, 0, 0.5]))
        x = torch.tensor([[[1.0], [0], [0], [0]]], dtype=DT)  # batch_first: (B=1, T=4, I=1), length 1
        lstm.batch_first = True
        out, _ = lstm(x)
        packed = nn.utils.rnn.pack_padded_sequence(x, torch.tensor([1]), batch_first=True, enforce_sorted=False)
        _, (hn, _) = lstm(packed)
        record("lstm-last-output-padding", wrong=out[0, -1, 0], right=hn[-1, 0, 0])

    big = nn.LSTM(4, 20, 2, batch_first=True)
    x = torch.zeros(3, 5, 4)
    record("lstm-h0-shape",
           wrong=error_of(lambda: big(x, (torch.zeros(3, 2, 20), torch.zeros(3, 2, 20)))),
           right=list(big(x, (torch.zeros(2, 3, 20), torch.zeros(2, 3, 20)))[1][0].shape))
    logits = torch.tensor([[4.0, 1, 0]], dtype=DT)
    y = torch.tensor([0])
    record("softmax-before-cross-entropy", wrong=F.cross_entropy(F.softmax(logits, 1), y),
           wrong_best=F.cross_entropy(torch.tensor([[1.0, 0, 0]], dtype=DT), y), right=F.cross_entropy(logits, y))


def sdpa(q, k, v, mask=None):
    return F._scaled_dot_product_attention(q, k, v, mask, 0.0, True, False)  # torch 1.13: True = takes part


def attention():
    s = torch.tensor([4.0, 1, 0, -2], dtype=DT)
    record("attention-double-softmax", wrong=F.softmax(F.softmax(s, 0), 0), right=F.softmax(s, 0))
    q = torch.tensor([[2.0, 0], [0, 2]], dtype=DT)
    kv = torch.tensor([[1.0, 0], [0, 1], [0, 0]], dtype=DT)
    o, w = sdpa(q, kv, kv)
    record("attention-alpha-index", wrong=w[0] @ kv, right_weights=w, right=o[1])
    q = torch.tensor([[1.0, 0]], dtype=DT)
    k = torch.tensor([[1.0, 0], [0, 1], [0, 0], [0, 0]], dtype=DT)
    v = torch.tensor([[1.0], [2], [0], [0]], dtype=DT)
    o1, w1 = sdpa(q, k, v)
    o2, w2 = sdpa(q, k, v, torch.tensor([[True, True, False, False]]))
    record("attention-missing-mask", wrong=w1, wrong_context=o1[0, 0], right=w2, right_context=o2[0, 0])

    s = torch.tensor([[1.0, 2, 3], [1, 4, 9]], dtype=DT)
    record("softmax-wrong-axis", wrong=F.softmax(s, 0), right=F.softmax(s, -1))
    x = torch.tensor([1000.0, 999], dtype=DT)
    record("softmax-overflow", wrong_exp=torch.exp(torch.tensor(1000.0, dtype=DT)),
           wrong=torch.exp(x) / torch.exp(x).sum(), right=F.softmax(x, 0))
    e = torch.tensor([2.0, 1, 3], dtype=DT)
    F.softmax(e, dim=0)  # result dropped, as in the erratum
    record("softmax-result-discarded", wrong=e, right=F.softmax(e, 0))

    tril = torch.ones(3, 3, dtype=torch.bool).tril()
    _, right = sdpa(torch.zeros(3, 2, dtype=DT), torch.zeros(3, 2, dtype=DT), torch.tensor([[1.0], [2], [3]], dtype=DT), tril)
    mha = nn.MultiheadAttention(2, 1).double().eval()
    with torch.no_grad():
        mha.in_proj_weight.zero_()
        mha.in_proj_bias.zero_()
        _, wrong = mha(torch.zeros(3, 2, dtype=DT), torch.zeros(3, 2, dtype=DT), torch.zeros(3, 2, dtype=DT),
                       attn_mask=tril)
    record("attention-mask-convention", wrong=wrong, right=right)


def cnn():
    class CNN(nn.Module):  # the seed's network, up to the flatten
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
            self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
            self.pool = nn.MaxPool2d(2, 2)
            self.fc1 = nn.Linear(64 * 6 * 6, 128)
            self.fc2 = nn.Linear(128, 10)

        def features(self, x):
            x = self.pool(F.relu(self.conv1(x)))
            return self.pool(F.relu(self.conv2(x)))

        def forward(self, x):
            x = self.features(x).view(-1, 64 * 6 * 6)
            return self.fc2(F.relu(self.fc1(x)))

    net = CNN().eval()
    with torch.no_grad():
        feats = {h: int(net.features(torch.zeros(1, 3, h, h))[0].numel()) for h in (24, 27, 28, 32)}
        ok24 = list(net(torch.zeros(2, 3, 24, 24)).shape)
        err32 = error_of(lambda: net(torch.zeros(4, 3, 32, 32)))
        out9 = list(net(torch.zeros(9, 3, 32, 32)).shape)
        loss9 = error_of(lambda: F.cross_entropy(net(torch.zeros(9, 3, 32, 32)), torch.zeros(9, dtype=torch.long)))
    record("cnn-flatten-size", features={str(h): n for h, n in feats.items()}, right_24=ok24, wrong_32_b4=err32)
    labels = torch.arange(9, dtype=DT).repeat_interleave(4096).reshape(9, 64, 8, 8)
    rows = labels.view(-1, 2304)
    record("cnn-view-mixes-images", wrong_shape=list(rows.shape),
           wrong_rows=[sorted(set(int(v) for v in r.tolist())) for r in rows[:4]],
           wrong_b8=error_of(lambda: torch.zeros(8, 64, 8, 8).view(-1, 2304)),
           wrong_model_out=out9, wrong_loss=loss9,
           right_shape=list(labels.flatten(1).shape))


def attention_module():
    t = torch.tensor([[1.0, 2]], dtype=DT)
    enc = torch.tensor([[[1.0, 0], [0, 1], [1, 1]]], dtype=DT)
    record("attention-bmm-outer-product",
           wrong=error_of(lambda: torch.bmm(t.unsqueeze(2), enc.unsqueeze(1))),
           wrong_outer=torch.bmm(t.unsqueeze(2), enc[:, 0].unsqueeze(1))[0],
           right=torch.bmm(enc, t.unsqueeze(2)).squeeze(2)[0])
    e = torch.tensor([[2.0, 1, 3]], dtype=DT)
    mask = torch.tensor([[False, False, True]])
    wrong = e - e.masked_fill(mask, float("-inf"))
    right = e.masked_fill(mask, float("-inf"))
    record("attention-mask-subtract", wrong=wrong[0], wrong_softmax=F.softmax(wrong, dim=1)[0],
           right=right[0], right_softmax=F.softmax(right, dim=1)[0])
    lengths = torch.tensor([3, 1])
    record("attention-mask-from-lengths", wrong=(lengths.unsqueeze(1) == 0).to(DT),
           right=(torch.arange(3)[None, :] >= lengths[:, None]).to(DT))
    alpha = torch.tensor([[0.25, 0.75]], dtype=DT)
    enc2 = torch.tensor([[[1.0, 2], [3, 4]]], dtype=DT)
    record("attention-context-broadcast", wrong=(alpha * enc2).sum(1),
           wrong_error=error_of(lambda: (torch.rand(1, 3) * torch.rand(1, 3, 2)).sum(1)),
           right=(alpha.unsqueeze(2) * enc2).sum(1))
    model = nn.Linear(2, 2)
    tt = torch.tensor([[1.0, 2]])
    record("attention-call-tensor", wrong=error_of(lambda: model(tt)(tt.unsqueeze(1))),
           right=list(model(tt.unsqueeze(1)).shape))
    x = torch.tensor([[1.0, 0]], dtype=DT)
    W = torch.tensor([[1.0, 2], [3, 4]], dtype=DT)
    record("linear-weight-layout", wrong=x @ W, right=F.linear(x, W))


def main():
    conv()
    rnn()
    attention()
    cnn()
    attention_module()
    json.dump({"generator": "mathref/testdata/gen_errata.py", "torch": torch.__version__,
               "scipy": scipy.__version__, "numpy": np.__version__, "errata": OUT},
              sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
