"""Trains the /ask attention re-ranker (src/core/reranker.ts describes the model) and writes models/reranker.json.

The data comes from SQuAD v1.1 train only (XQuAD stays a held-out test): `npm run train -- --export-reranker
scratch/rerank.json` writes, for every sampled question, the ranker's first claims (their word rows, the
ranker's scores and which hold the answer), on the training articles and on held-out validation articles.
The re-ranker learns a score added to the ranker's, with a softmax over those claims, so it learns what the
ranker misses. Validation hit@1 is printed before and after.

    python3 scripts/train-reranker.py scratch/rerank.json --context [--epochs 6 --hidden 32 --mlp 32 --seed 7 --head 0]

The shipped weights: `--context` over the export of 40,000 questions (`npm run train -- --questions 40000
--export-only ...`, below), about 5 minutes an epoch with another training beside it. `--context` lets
each question word see its neighbours ("what YEAR" asks for a date, "did Tesla DIE" names the subject).
Then three more epochs with `--word-offsets 5000` (an offset learned for each of the 5,000 most frequent
words, added to its projection: "who" asks for a name) over the export of all SQuAD train (`--questions
90000`, 68,924 questions with an answer among the first 8):

    python3 scripts/train-reranker.py scratch/r90.json --context --word-offsets 5000 --init-from models/reranker.json \
      --epochs 3 --threads 2 --seed 8

about 6-8 minutes an epoch; abstention is then learned anew (`npm run train -- --cache ... --ranker-from
models/ranker.json`). The file written holds a few validation claims with the scores PyTorch gives them
(`check`): the bot's tests check that src/core/reranker.ts computes the same; `--check-from FILE` adds them
to an older file (give it the options the file was trained with).

`--head N` adds N hidden units over the ranker's standardised features of each claim and its attention
score (the export holds the features), so the re-ranker can tell, say, a headline that only shares the
subject from a body sentence; `--threads` limits PyTorch's threads (default 1).

`--answerability` trains the same network for another task, models/answerability.json
(src/core/answerability.ts): each claim's logit of answering its question at all, by binary
cross-entropy, over an export that also holds questions asked of other documents (written by a full
`npm run train -- --export-reranker ...` run, not --export-only), whose claims never answer. It prints
the validation AUC and the share of answered questions kept when 1% of wrong-document ones get through,
beside the ranker's best score. The shipped one: `--context --answerability --init-from
models/reranker.json --epochs 3 --threads 2` over the 12,000-question export, about 5 minutes an epoch.

`--in-document-weight W` (with `--answerability`) weighs the claims of the question's own document that do not
hold the answer W instead of 1 (0: the network only tells answers from claims of other documents). Measured,
not shipped (README).

`--gap-weight G` weighs each training question 1 + G x how much of it its answer leaves unsaid (the export's
`g`, written by `npm run train`), and each epoch also prints validation hit@1 on the questions whose answer
states at most half of them. Measured, not shipped (README).

Needs PyTorch (Debian: apt-get install python3-torch) and NumPy; the bot itself does not.
"""

import argparse
import base64
import json
import math
import struct

import numpy as np
import torch

parser = argparse.ArgumentParser()
parser.add_argument('data')
parser.add_argument('--vectors', default='models/word-vectors.bin')
parser.add_argument('--out', default='models/reranker.json')
parser.add_argument('--epochs', type=int, default=6)
parser.add_argument('--hidden', type=int, default=32)
parser.add_argument('--mlp', type=int, default=32)
parser.add_argument('--batch', type=int, default=32)
parser.add_argument('--rate', type=float, default=0.003)
parser.add_argument('--seed', type=int, default=7)
parser.add_argument('--head', type=int, default=0, help='hidden units of the head over the ranker features (0: none)')
parser.add_argument('--threads', type=int, default=1)
parser.add_argument('--gap-weight', type=float, default=0.0,
                    help='a question weighs 1 + G x how much of it its answer leaves unsaid (the export\'s g)')
parser.add_argument('--context', action='store_true', help='question words see their neighbours (for importance and the MLP)')
parser.add_argument('--check-from', help='train nothing: write this re-ranker file again with its check scores added')
parser.add_argument('--attention-from', help='keep the attention weights of this re-ranker file and train the head only')
parser.add_argument('--in-document-weight', type=float, default=1.0,
                    help='with --answerability: weight of the claims of the right document that do not hold the answer')
parser.add_argument('--answerability', action='store_true',
                    help='learn whether a claim answers at all, from the export\'s questions asked of other documents too')
parser.add_argument('--word-offsets', type=int, default=0,
                    help='learn an offset to the projection of each of the N most frequent words (0: none)')
parser.add_argument('--offset-decay', type=float, default=1e-4, help='L2 weight on the learned word offsets')
parser.add_argument('--init-from', help='start from the weights of this re-ranker file (all of them trained)')
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
np.random.seed(args.seed)


def read_vectors(path):
    """Unit word vectors from the compact file (src/core/word-vectors.ts gives the layout)."""
    data = open(path, 'rb').read()
    assert data[:4] == b'BBWV'
    size, dims, vocab_bytes = struct.unpack_from('<III', data, 8)
    norms_at = 24 + vocab_bytes
    inverse_norms = np.frombuffer(data, dtype='<f4', count=size, offset=norms_at)
    values = np.frombuffer(data, dtype=np.int8, count=size * dims, offset=norms_at + 4 * size)
    return torch.tensor(values.reshape(size, dims).astype(np.float32) * inverse_norms[:, None])


UNIT = read_vectors(args.vectors)
SIZE, DIMS = UNIT.shape
data = json.load(open(args.data))
TOP = data['top']
QUESTION_WORDS = data['questionWords']
CLAIM_WORDS = data['claimWords']
FEATURES = len(data['train'][0]['f'][0]) if args.head and 'f' in data['train'][0] else 0
if args.head and not FEATURES:
    raise SystemExit('--head needs an export with the ranker features (npm run train -- --export-reranker)')


def tensors(samples):
    """Padded word rows, masks, ranker scores and labels of the first TOP claims of each question."""
    count = len(samples)
    q = np.zeros((count, QUESTION_WORDS), dtype=np.int64)
    c = np.zeros((count, TOP, CLAIM_WORDS), dtype=np.int64)
    qm = np.zeros((count, QUESTION_WORDS), dtype=bool)
    cm = np.zeros((count, TOP, CLAIM_WORDS), dtype=bool)
    present = np.zeros((count, TOP), dtype=bool)
    scores = np.zeros((count, TOP), dtype=np.float32)
    labels = np.zeros((count, TOP), dtype=np.float32)
    features = np.zeros((count, TOP, FEATURES), dtype=np.float32)
    for i, sample in enumerate(samples):
        words = sample['q'][:QUESTION_WORDS]
        q[i, : len(words)] = words
        qm[i, : len(words)] = True
        for k, claim in enumerate(sample['c'][:TOP]):
            claim = claim[:CLAIM_WORDS]
            c[i, k, : len(claim)] = claim
            cm[i, k, : len(claim)] = True
            present[i, k] = True
            scores[i, k] = sample['s'][k]
            labels[i, k] = sample['y'][k]
            if FEATURES:
                features[i, k] = sample['f'][k]
    return [torch.tensor(a) for a in (q, c, qm, cm, present, scores, labels, features)]


class Reranker(torch.nn.Module):
    def __init__(self, hidden, mlp):
        super().__init__()
        self.projection = torch.nn.Linear(DIMS, hidden)
        self.alpha = torch.nn.Parameter(torch.tensor(1.0))
        self.beta = torch.nn.Parameter(torch.tensor(4.0))
        self.mlp = torch.nn.Linear(2 * hidden + 2, mlp)
        self.output = torch.nn.Linear(mlp, 1)
        self.importance = torch.nn.Linear(hidden, 1, bias=False)
        self.gamma = torch.nn.Parameter(torch.tensor(1.0))
        torch.nn.init.zeros_(self.output.weight)
        if args.word_offsets:
            # What the word vectors miss about a frequent word's part in a question or an answer
            # ("who" asks for a name, "born" sits by a date): learned, added before the tanh.
            self.word_offsets = torch.nn.Embedding(args.word_offsets, hidden)
            torch.nn.init.zeros_(self.word_offsets.weight)
        if args.context:
            # A question word's neighbours ("what YEAR", "did Tesla DIE") tell whether it names the
            # kind of answer or its subject: they shift the word's importance and its MLP input.
            self.context_left = torch.nn.Linear(hidden, hidden)
            self.context_right = torch.nn.Linear(hidden, hidden, bias=False)
            self.context_importance = torch.nn.Linear(hidden, 1, bias=False)
            self.context_mlp = torch.nn.Linear(hidden, mlp, bias=False)
            torch.nn.init.zeros_(self.context_importance.weight)
            torch.nn.init.zeros_(self.context_mlp.weight)
        if args.head:
            # The head sees the claim as the ranker does (its standardised features) beside the
            # attention score, so it can weigh the one by the other (a headline that shares the subject).
            self.head = torch.nn.Linear(FEATURES + 1, args.head)
            self.head_output = torch.nn.Linear(args.head, 1)
            torch.nn.init.zeros_(self.head_output.weight)

    def forward(self, q, c, qm, cm, f):
        return self.with_head(self.attention(q, c, qm, cm), f)

    def with_head(self, score, f):
        if not args.head:
            return score
        head_input = torch.cat([f, score[..., None]], dim=-1)
        return score + self.head_output(torch.relu(self.head(head_input))).squeeze(-1)

    def offsets(self, ids):
        if not args.word_offsets:
            return 0
        known = (ids < args.word_offsets)[..., None]
        return self.word_offsets(ids.clamp(max=args.word_offsets - 1)) * known

    def attention(self, q, c, qm, cm):
        qv = UNIT[q]  # B M D
        sv = UNIT[c]  # B K N D
        qp = torch.tanh(self.projection(qv) + self.offsets(q))  # B M H
        sp = torch.tanh(self.projection(sv) + self.offsets(c))  # B K N H
        dot = torch.einsum('bmh,bknh->bkmn', qp, sp)
        cos = torch.einsum('bmd,bknd->bkmn', qv, sv)
        claim_mask = cm[:, :, None, :]
        logits = (self.alpha * dot + self.beta * cos).masked_fill(~claim_mask, -1e9)
        attention = torch.softmax(logits, dim=-1)
        aligned = torch.einsum('bkmn,bknh->bkmh', attention, sp)
        qe = qp[:, None].expand_as(aligned)
        max_cos = cos.masked_fill(~claim_mask, -1).max(dim=-1).values  # B K M
        weight = (torch.log1p(q.float() / 50) / 7)[:, None, :].expand_as(max_cos)
        features = torch.cat([qe * aligned, (qe - aligned).abs(), max_cos[..., None], weight[..., None]], dim=-1)
        hidden = self.mlp(features)
        z = self.importance(qp).squeeze(-1) + self.gamma * torch.log1p(q.float() / 50) / 7
        if args.context:
            masked = qp * qm[..., None]
            left = torch.nn.functional.pad(masked, (0, 0, 1, 0))[:, :-1]  # word i-1 (zeros before the first)
            right = torch.nn.functional.pad(masked, (0, 0, 0, 1))[:, 1:]  # word i+1 (zeros after the last)
            context = torch.tanh(self.context_left(left) + self.context_right(right))  # B M H
            hidden = hidden + self.context_mlp(context)[:, None]
            z = z + self.context_importance(context).squeeze(-1)
        units = self.output(torch.relu(hidden)).squeeze(-1)  # B K M
        z = z.masked_fill(~qm, -1e9)
        word_weights = torch.softmax(z, dim=-1)[:, None, :]
        score = (word_weights * units).sum(-1)
        has_words = cm.any(-1) & qm.any(-1)[:, None]
        return score * has_words


def hit_at_1(model, batches):
    base = after = total = 0
    with torch.no_grad():
        for q, c, qm, cm, present, scores, labels, f in batches:
            final = scores + (model(q, c, qm, cm, f) if model else 0)
            for s, name in ((scores, 'base'), (final, 'after')):
                best = s.masked_fill(~present, -1e9).argmax(-1)
                right = labels.gather(1, best[:, None]).squeeze(1).sum().item()
                if name == 'base':
                    base += right
                else:
                    after += right
            total += len(q)
    return base / total, after / total


def sample_batches(samples, size, shuffle):
    """The samples in batches of `size`, shuffled or in order."""
    order = np.random.permutation(len(samples)) if shuffle else np.arange(len(samples))
    for start in range(0, len(samples), size):
        yield [samples[i] for i in order[start : start + size]]


def batches_of(samples, size, shuffle):
    for batch in sample_batches(samples, size, shuffle):
        yield tensors(batch)


def offsets_of(stored):
    """Word offsets as the bot reads them: each signed byte times its word's scale (float32); files
    written before the bytes hold the numbers themselves (`values`), read to convert them."""
    if 'values' in stored:
        return torch.tensor(stored['values']).reshape(stored['words'], -1)
    signed = np.frombuffer(base64.b64decode(stored['bytes']), dtype=np.int8).reshape(stored['words'], -1)
    scale = torch.tensor(stored['scales'], dtype=torch.float32).unsqueeze(1)
    return torch.from_numpy(signed.astype(np.float32)) * scale


def load_attention(model, path):
    """The attention weights of a re-ranker file, frozen (the head alone is trained)."""
    weights = json.load(open(path))
    assert weights['hidden'] == args.hidden and weights['mlp'] == args.mlp, 'give --hidden and --mlp of that file'
    with torch.no_grad():
        model.projection.weight.copy_(torch.tensor(weights['projection']).reshape(args.hidden, DIMS))
        model.projection.bias.copy_(torch.tensor(weights['projectionBias']))
        model.alpha.fill_(weights['alpha'])
        model.beta.fill_(weights['beta'])
        model.mlp.weight.copy_(torch.tensor(weights['mlpWeights']).reshape(args.mlp, 2 * args.hidden + 2))
        model.mlp.bias.copy_(torch.tensor(weights['mlpBias']))
        model.output.weight.copy_(torch.tensor(weights['outputWeights']).reshape(1, args.mlp))
        model.output.bias.fill_(weights['outputBias'])
        model.importance.weight.copy_(torch.tensor(weights['importance']).reshape(1, args.hidden))
        model.gamma.fill_(weights['gamma'])
        if args.context:
            context = weights['context']
            model.context_left.weight.copy_(torch.tensor(context['left']).reshape(args.hidden, args.hidden))
            model.context_left.bias.copy_(torch.tensor(context['bias']))
            model.context_right.weight.copy_(torch.tensor(context['right']).reshape(args.hidden, args.hidden))
            model.context_importance.weight.copy_(torch.tensor(context['importance']).reshape(1, args.hidden))
            model.context_mlp.weight.copy_(torch.tensor(context['mlp']).reshape(args.mlp, args.hidden))
        if args.word_offsets and 'wordOffsets' in weights:
            model.word_offsets.weight.copy_(offsets_of(weights['wordOffsets']))
    for name, parameter in model.named_parameters():
        if not name.startswith('head'):
            parameter.requires_grad_(False)
    return weights


def listwise_loss(final, labels, weights=None):
    """Minus the log of the probability mass the candidates' softmax puts on the right claims."""
    right = final.masked_fill(labels == 0, -1e9)
    losses = torch.logsumexp(final, dim=-1) - torch.logsumexp(right, dim=-1)
    return losses.mean() if weights is None else (losses * weights).sum() / len(losses)


def train_step(final, labels, extra=None, weights=None):
    """One optimiser step on a batch's listwise loss (plus `extra`); returns the loss summed over its questions."""
    loss = listwise_loss(final, labels, weights)
    if extra is not None:
        loss = loss + extra
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
    return loss.item() * len(labels)


def decay_rate():
    for group in optimiser.param_groups:
        group['lr'] *= 0.6


def fit_head_only():
    """The head alone over fixed attention scores, computed once; returns the best state and its validation hit@1."""
    best_state, best_hit = None, -1.0

    def fixed(batches):
        with torch.no_grad():
            return [(model.attention(q, c, qm, cm), present, scores, labels, f) for q, c, qm, cm, present, scores, labels, f in batches]

    def head_hit(batches):
        right = total = 0
        with torch.no_grad():
            for attention, present, scores, labels, f in batches:
                best = (scores + model.with_head(attention, f)).masked_fill(~present, -1e9).argmax(-1)
                right += labels.gather(1, best[:, None]).sum().item()
                total += len(scores)
        return right / total

    training_fixed = fixed(batches_of(training, 256, False))
    validation_fixed = fixed(validation_batches)
    print('validation hit@1 with the attention alone %.3f' % head_hit(validation_fixed))
    for epoch in range(args.epochs):
        total_loss = 0.0
        for index in np.random.permutation(len(training_fixed)):
            attention, present, scores, labels, f = training_fixed[index]
            for part in torch.randperm(len(scores)).split(args.batch):
                final = (scores[part] + model.with_head(attention[part], f[part])).masked_fill(~present[part], -1e9)
                total_loss += train_step(final, labels[part])
        decay_rate()
        after = head_hit(validation_fixed)
        print(f'epoch {epoch + 1}: loss {total_loss / len(training):.4f}, validation hit@1 {after:.3f}')
        if after > best_hit:
            best_hit = after
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    return best_state, best_hit


def weighted(samples):
    """The samples with their weight `w` (1 unless the export gives one)."""
    return [dict(s, w=s.get('w', 1.0)) for s in samples]


def question_scores(model, samples):
    """Each question's best claim score (the answerability model's, over the first claims)."""
    best = []
    with torch.no_grad():
        for q, c, qm, cm, present, scores, labels, f in batches_of(samples, 256, False):
            best += model.attention(q, c, qm, cm).masked_fill(~present, -1e9).max(-1).values.tolist()
    return best


def area_under_curve(positive, negative):
    """Chance that an answered question outscores one asked of the wrong document."""
    ranked = sorted([(v, 1) for v in positive] + [(v, 0) for v in negative])
    below = wins = 0.0
    for value, label in ranked:
        if label:
            wins += below
        else:
            below += 1
    return wins / (len(positive) * len(negative))


def kept_at(positive, negative, budget=0.01):
    """Share of answered questions still above the score that lets `budget` of the wrong-document ones through."""
    threshold = sorted(negative, reverse=True)[int(len(negative) * budget)]
    return sum(v > threshold for v in positive) / len(positive)


def fit_answerability():
    """Each claim's logit of answering its question (binary cross-entropy, claim by claim): the
    re-ranker only orders the claims of one question, this compares questions. Questions asked of
    documents about something else give claims that never answer; the export's weight `w` counts
    those asked of another 48-document corpus for less (a SQuAD question may fit several articles)."""
    if 'trainNegatives' not in data or not data['trainNegatives']:
        raise SystemExit('--answerability needs an export with negatives (npm run train -- --export-reranker, not --export-only)')
    samples = [dict(s, own=True) for s in weighted(data['train'])] + [dict(s, own=False) for s in weighted(data['trainNegatives'])]
    answered = [s for s in data['validation'] if any(s['y'][:3])]
    wrong_document = [s for s in data['validationNegatives'] if s['w'] == 1]
    print(f'{len(samples)} training questions ({len(data["trainNegatives"])} asked of other documents); '
          f'validation: {len(answered)} answered within the first three, {len(wrong_document)} asked of another document')
    ranker_best = ([max(s['s']) for s in answered], [max(s['s']) for s in wrong_document])
    print('validation AUC of the ranker\'s best score %.3f, answered kept at 1%% wrong-document answers %.3f'
          % (area_under_curve(*ranker_best), kept_at(*ranker_best)))
    best_state, best_auc = None, -1.0
    for epoch in range(args.epochs):
        model.train()
        total_loss = 0.0
        order = np.random.permutation(len(samples))
        for start in range(0, len(samples), args.batch):
            batch = [samples[i] for i in order[start : start + args.batch]]
            q, c, qm, cm, present, scores, labels, f = tensors(batch)
            weights = torch.tensor([s['w'] for s in batch])[:, None] * present
            own = torch.tensor([s['own'] for s in batch])[:, None]
            weights = weights * torch.where(own & (labels == 0), args.in_document_weight, 1.0)
            logits = model.attention(q, c, qm, cm)
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, labels, reduction='none') * weights).sum() / weights.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total_loss += loss.item() * len(batch)
        decay_rate()
        model.eval()
        best = (question_scores(model, answered), question_scores(model, wrong_document))
        auc = area_under_curve(*best)
        print(f'epoch {epoch + 1}: loss {total_loss / len(samples):.4f}, validation AUC {auc:.3f}, '
              f'answered kept at 1% wrong-document answers {kept_at(*best):.3f}')
        if auc > best_auc:
            best_auc = auc
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    return best_state, best_auc


training = [s for s in data['train'] if any(s['y'][:TOP])]
validation = data['validation']
validation_batches = list(batches_of(validation, 256, False))
in_other_words = [s for s in validation if s.get('g', 0) >= 0.5]
print(f'{len(training)} training questions with an answer among the first {TOP}, {len(validation)} validation')
model = Reranker(args.hidden, args.mlp)
best_state, best_hit = None, -1.0
trained_on = None  # a new model says what it was trained on below
if args.init_from:
    load_attention(model, args.init_from)
    for parameter in model.parameters():
        parameter.requires_grad_(True)
if args.answerability:
    if args.head:
        raise SystemExit('--answerability reads the words only: not with --head')
    optimiser = torch.optim.Adam(model.parameters(), lr=args.rate)
    best_state, best_auc = fit_answerability()
    model.load_state_dict(best_state)
    trained_on = (
        f'SQuAD v1.1 train, {len(data["train"])} questions asked of their corpus and {len(data["trainNegatives"])} of '
        f'other documents, first {TOP} claims of the ranker, answerability, seed {args.seed}; validation AUC {best_auc:.3f}'
    )
    best_hit = hit_at_1(model, validation_batches)[1]
    args.epochs = 0
elif args.check_from:
    if args.head:
        raise SystemExit('--check-from reads the attention and context only: not with --head')
    trained_on = load_attention(model, args.check_from)['trainedOn']
    best_state, best_hit = model.state_dict(), hit_at_1(model, validation_batches)[1]
    args.epochs = 0
elif args.attention_from:
    if not args.head:
        raise SystemExit('--attention-from trains the head only: give --head N')
    load_attention(model, args.attention_from)
trainable = [p for p in model.parameters() if p.requires_grad]
optimiser = torch.optim.Adam(trainable, lr=args.rate) if trainable else None
print('validation hit@1 ranker alone %.3f' % hit_at_1(None, validation_batches)[0])
if args.attention_from:
    best_state, best_hit = fit_head_only()
for epoch in range(0 if args.attention_from else args.epochs):
    model.train()
    total_loss = 0.0
    for batch in sample_batches(training, args.batch, True):
        q, c, qm, cm, present, scores, labels, f = tensors(batch)
        final = (scores + model(q, c, qm, cm, f)).masked_fill(~present, -1e9)
        # The offsets are many and each word is seen rarely: kept small unless the data insist.
        extra = args.offset_decay * model.word_offsets.weight.pow(2).sum() if args.word_offsets else None
        weights = torch.tensor([1 + args.gap_weight * s.get('g', 0) for s in batch]) if args.gap_weight else None
        total_loss += train_step(final, labels, extra, weights)
    decay_rate()
    model.eval()
    base, after = hit_at_1(model, validation_batches)
    print(f'epoch {epoch + 1}: loss {total_loss / len(training):.4f}, validation hit@1 {base:.3f} -> {after:.3f}')
    if in_other_words:
        gapped_base, gapped_after = hit_at_1(model, batches_of(in_other_words, 256, False))
        print(f'  {len(in_other_words)} validation questions whose answer states at most half of them: {gapped_base:.3f} -> {gapped_after:.3f}')
    if after > best_hit:
        best_hit = after
        best_state = {k: v.clone() for k, v in model.state_dict().items()}
model.load_state_dict(best_state)


def flat(tensor):
    return [float('%.6g' % v) for v in tensor.detach().reshape(-1).tolist()]


parameters = sum(p.numel() for p in model.parameters())
trained_on = trained_on or (
    f'SQuAD v1.1 train, {len(training)} questions, first {TOP} claims of the ranker, seed {args.seed}, '
    f'{parameters} parameters' + (f', started from {args.init_from}' if args.init_from else '') +
    f'; validation hit@1 {best_hit:.3f}'
)
out = {
    'trainedOn': trained_on,
    'top': TOP,
    'dimensions': DIMS,
    'hidden': args.hidden,
    'mlp': args.mlp,
    'projection': flat(model.projection.weight),
    'projectionBias': flat(model.projection.bias),
    'alpha': float(model.alpha),
    'beta': float(model.beta),
    'mlpWeights': flat(model.mlp.weight),
    'mlpBias': flat(model.mlp.bias),
    'outputWeights': flat(model.output.weight),
    'outputBias': float(model.output.bias),
    'importance': flat(model.importance.weight),
    'gamma': float(model.gamma),
}
if args.context:
    out['context'] = {
        'left': flat(model.context_left.weight),
        'bias': flat(model.context_left.bias),
        'right': flat(model.context_right.weight),
        'importance': flat(model.context_importance.weight),
        'mlp': flat(model.context_mlp.weight),
    }
if args.word_offsets:
    # One signed byte a value with a scale per word keeps the file small and quick to load; the check
    # below scores with the offsets as the bot reads them back.
    weight = model.word_offsets.weight.detach()
    scales = [float('%.6g' % (v / 127)) or 1.0 for v in weight.abs().max(dim=1).values.tolist()]
    scale = torch.tensor(scales, dtype=torch.float32).unsqueeze(1)
    signed = torch.round(weight / scale).clamp(-127, 127).to(torch.int8)
    compact = {
        'words': args.word_offsets,
        'scales': scales,
        'bytes': base64.b64encode(signed.numpy().tobytes()).decode('ascii'),
    }
    with torch.no_grad():
        model.word_offsets.weight.copy_(offsets_of(compact))
    out['wordOffsets'] = compact
# A few validation claims with the attention scores PyTorch gives them: the bot's tests check that
# src/core/reranker.ts computes the same numbers from this file.
check = []
with torch.no_grad():
    for sample in validation[:6]:
        q, c, qm, cm, present, scores, labels, f = tensors([sample])
        attention = model.attention(q, c, qm, cm)
        for k in range(min(2, int(present.sum()))):
            check.append({
                'question': sample['q'][:QUESTION_WORDS],
                'claim': sample['c'][k][:CLAIM_WORDS],
                'attention': float('%.6g' % attention[0, k].item()),
            })
out['check'] = check
if args.head:
    out['head'] = {
        'hidden': args.head,
        'weights': flat(model.head.weight),
        'bias': flat(model.head.bias),
        'outputWeights': flat(model.head_output.weight),
        'outputBias': float(model.head_output.bias),
    }
with open(args.out, 'w') as f:
    json.dump(out, f)
    f.write('\n')
print(f'wrote {args.out} ({parameters} parameters, validation hit@1 {best_hit:.3f})')
