"""Train the neural NER tagger: ``python -m khabar.understand.ner.neural_train [--shared ../shared]``.

1. word2vec (skip-gram, gensim) on the unlabeled SaudiNewsNet text plus ANERcorp train tokens,
   all normalized; the most frequent forms and every train word make the vocabulary;
2. a convolutional network under a CRF (PyTorch, CPU) on ANERcorp ``train.txt``, reading beside
   each word the tag the sentence CRF gave it (cross-validated on train, ``--crf``): with the last
   tenth held out, the best epoch on that tenth is kept; with ``--full``, all of train for
   ``--epochs``. The weights go to ``data/ner/neural.npz`` (embeddings float16) and are scored with
   the numpy tagger, exactly as the package runs it;
3. the score on ``test.txt`` (never used for any choice; ``--no-test`` skips it).
Seeded (torch, word order, single-threaded word2vec). Needs torch and gensim, for training only.
"""

from __future__ import annotations

import argparse
import random
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

from khabar.understand.ner import clusters, model, neural
from khabar.understand.ner.conll import Sentence, evaluate, read_conll
from khabar.understand.ner.document import chunk
from khabar.understand.ner.features import word_forms
from khabar.understand.ner.gazetteer import named_positions

DATA = Path(__file__).resolve().parents[2] / "data" / "ner"
TAGS = list(neural.TAGS)
CV_TAGS_FILE = "cv-first-pass.txt"  # written by ``train.py`` beside the CRF models it trains
MAX_TRAIN_LENGTH = 100  # long ANERcorp "sentences" are cut: shorter padded batches


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))  # Python's str hash is salted per process


def train_embeddings(shared: Path, train: list[Sentence], dims: int, seed: int, epochs: int):
    from gensim.models import Word2Vec

    texts = clusters.corpus_texts(shared / "corpora" / "saudinewsnet")
    sentences = [clusters.tokenize(text) for text in texts]
    sentences += [[word_forms(token)[0] for token in tokens] for tokens, _ in train]
    model = Word2Vec(
        sentences,
        vector_size=dims,
        window=5,
        min_count=3,
        sg=1,
        negative=5,
        epochs=epochs,
        workers=1,
        seed=seed,
        hashfxn=_hash,
    )
    return model.wv


def build_vocabulary(wv, train: list[Sentence], size: int) -> list[str]:
    train_words = Counter(word_forms(token)[0] for tokens, _ in train for token in tokens)
    words = ["<pad>", "<unk>"]
    seen = set(words)
    for word in [*train_words, *wv.index_to_key]:  # index_to_key is most frequent first
        if word not in seen and len(words) < size:
            words.append(word)
            seen.add(word)
    return words


def split_long(sentences: list[Sentence], said: list[list[str]]) -> tuple[list[Sentence], list[list[str]]]:
    result: list[Sentence] = []
    result_said: list[list[str]] = []
    for (tokens, tags), first in zip(sentences, said, strict=True):
        for i in range(0, len(tokens), MAX_TRAIN_LENGTH):
            result.append((tokens[i : i + MAX_TRAIN_LENGTH], tags[i : i + MAX_TRAIN_LENGTH]))
            result_said.append(first[i : i + MAX_TRAIN_LENGTH])
    return result, result_said


def read_cv_tags(path: Path) -> list[list[str]]:
    return [line.split() for line in path.read_text(encoding="utf-8").split("\n")[:-1]]


def write_cv_tags(tags: list[list[str]], path: Path) -> None:
    path.write_text("".join(" ".join(row) + "\n" for row in tags), encoding="utf-8")


def first_pass_tags(crf: Path, sentences: list[Sentence]) -> list[list[str]]:
    """The sentence CRF's tags, as the package computes them before asking the network."""
    tagger = model.TwoPassTagger(crf / model.MODEL_FILE, None)
    return [tags for block in chunk(sentences) for tags in tagger.tag([t for t, _ in block], first_only=True)]


def build_model(vocab: int, features: int, args):
    import torch
    from torch import nn

    class ConvCrf(nn.Module):
        """Two convolutions over the token inputs (receptive field of 7 tokens) under a CRF: every
        position at once, no recurrence, so numpy runs it in a handful of matrix products."""

        def __init__(self) -> None:
            super().__init__()
            self.embeddings = nn.Embedding(vocab, args.dims, padding_idx=0)
            self.bag = nn.EmbeddingBag(features, args.bag_dims, mode="sum", padding_idx=0)
            self.mg = nn.Embedding(len(neural.MG_TAGS), args.mg_dims)
            self.said = nn.Embedding(len(TAGS), args.said_dims)
            self.drop = nn.Dropout(args.dropout)
            size = args.dims + args.bag_dims + args.mg_dims + args.said_dims
            self.conv1 = nn.Conv1d(size, args.hidden, 5, padding=2)
            self.conv2 = nn.Conv1d(args.hidden, args.hidden2, 3, padding=1)
            self.out = nn.Linear(args.hidden2, len(TAGS))
            self.transitions = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
            self.start = nn.Parameter(torch.zeros(len(TAGS)))
            self.end = nn.Parameter(torch.zeros(len(TAGS)))

        def emissions(self, words, bags, bag_offsets, mgs, saids, lengths):
            n, t = words.shape
            keep = (torch.arange(t)[None, :] < lengths[:, None]).float()
            bag = self.bag(bags, bag_offsets).view(n, t, -1)
            parts = [self.embeddings(words), bag, self.mg(mgs), self.said(saids)]
            x = self.drop(torch.cat(parts, dim=-1)) * keep[:, :, None]
            h = torch.relu(self.conv1(x.transpose(1, 2))) * keep[:, None, :]
            h = torch.relu(self.conv2(self.drop(h))) * keep[:, None, :]
            return self.out(self.drop(h.transpose(1, 2)))

        def loss(self, scores, tags, mask):
            return crf_loss(self, scores, tags, mask)

    def crf_loss(self, scores, tags, mask):
        """Negative log-likelihood of the gold paths under the CRF, summed over the batch."""
        n, t, k = scores.shape
        maskf = mask.float()
        gold = self.start[tags[:, 0]] + scores[:, 0].gather(1, tags[:, :1]).squeeze(1)
        alpha = self.start + scores[:, 0]
        for step in range(1, t):
            m = maskf[:, step]
            emit = scores[:, step].gather(1, tags[:, step : step + 1]).squeeze(1)
            gold = gold + m * (self.transitions[tags[:, step - 1], tags[:, step]] + emit)
            nxt = torch.logsumexp(alpha[:, :, None] + self.transitions[None], dim=1) + scores[:, step]
            alpha = torch.where(mask[:, step, None], nxt, alpha)
        last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        gold = gold + self.end[last]
        return (torch.logsumexp(alpha + self.end, dim=1) - gold).sum()

    return ConvCrf()


def encode(
    sentences: list[Sentence], said: list[list[str]], words: dict[str, int], attributes: dict[str, int]
) -> list[tuple]:
    encoded = []
    for (tokens, tags), first in zip(sentences, said, strict=True):
        ids = []
        bags = []
        keys = [word_forms(token) for token in tokens]
        for token, (norm, base) in zip(tokens, keys, strict=True):
            ids.append(words.get(norm) or words.get(base) or neural.UNK)
            bags.append([attributes[a] for a in neural.bag_attributes(token) if a in attributes] or [0])
        encoded.append(
            (
                ids,
                bags,
                neural.gazetteer_ids(named_positions([[n for n, _ in keys]]), len(tokens)).tolist(),
                neural.said_ids(first),
                [TAGS.index(tag) for tag in tags],
            )
        )
    return encoded


def batch_tensors(batch: list[tuple], word_dropout: float, rng: random.Random):
    import torch

    t = max(len(ids) for ids, *_ in batch)
    n = len(batch)
    words = torch.zeros(n, t, dtype=torch.long)
    mgs = torch.zeros(n, t, dtype=torch.long)
    saids = torch.zeros(n, t, dtype=torch.long)
    tags = torch.zeros(n, t, dtype=torch.long)
    mask = torch.zeros(n, t, dtype=torch.bool)
    flat: list[int] = []
    offsets: list[int] = []
    for i, (ids, bags, mg, said, y) in enumerate(batch):
        if word_dropout:
            ids = [neural.UNK if rng.random() < word_dropout else w for w in ids]
        words[i, : len(ids)] = torch.tensor(ids)
        mgs[i, : len(ids)] = torch.tensor(mg)
        saids[i, : len(ids)] = torch.tensor(said)
        tags[i, : len(ids)] = torch.tensor(y)
        mask[i, : len(ids)] = True
        for j in range(t):
            offsets.append(len(flat))
            flat.extend(bags[j] if j < len(bags) else [0])
    lengths = torch.tensor([len(ids) for ids, *_ in batch])
    return words, torch.tensor(flat), torch.tensor(offsets), mgs, saids, lengths, tags, mask


def export(model, words: list[str], attributes: list[str], path: Path) -> None:
    """The weights as numpy arrays: embedding tables in float16, the rest in float32."""
    np.savez_compressed(
        path,
        words=neural.pack_strings(words),
        attributes=neural.pack_strings(attributes),
        tags=neural.pack_strings(TAGS),
        embeddings=model.embeddings.weight.detach().numpy().astype(np.float16),
        bag=model.bag.weight.detach().numpy().astype(np.float16),
        mg=model.mg.weight.detach().numpy().astype(np.float32),
        said=model.said.weight.detach().numpy().astype(np.float32),
        conv1=model.conv1.weight.detach().numpy().astype(np.float32),
        bias1=model.conv1.bias.detach().numpy().astype(np.float32),
        conv2=model.conv2.weight.detach().numpy().astype(np.float32),
        bias2=model.conv2.bias.detach().numpy().astype(np.float32),
        w_out=model.out.weight.detach().numpy().T.astype(np.float32),
        b_out=model.out.bias.detach().numpy().astype(np.float32),
        transitions=model.transitions.detach().numpy().astype(np.float32),
        start=model.start.detach().numpy().astype(np.float32),
        end=model.end.detach().numpy().astype(np.float32),
    )


def score(path: Path, sentences: list[Sentence], said: list[list[str]]) -> dict:
    tagger = neural.load(path)
    predicted = [
        tags
        for block, block_said in zip(chunk(sentences), chunk(said), strict=True)
        for tags in tagger.tag_document([t for t, _ in block], block_said)
    ]
    return evaluate([tags for _, tags in sentences], predicted)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=DATA / neural.WEIGHTS_FILE)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--dims", type=int, default=100)
    parser.add_argument(
        "--w2v-epochs", type=int, default=5, help="dev F1 with the CRFs: 2 → 0.766, 5 → 0.769"
    )
    parser.add_argument("--vocab", type=int, default=50_000)
    parser.add_argument("--bag-dims", type=int, default=50)
    parser.add_argument("--mg-dims", type=int, default=8)
    parser.add_argument("--said-dims", type=int, default=8)
    parser.add_argument(
        "--crf",
        type=Path,
        required=True,
        help="folder of the two CRF models; its cv-first-pass.txt holds the first-pass tags of train",
    )
    parser.add_argument("--hidden", type=int, default=200)
    parser.add_argument("--hidden2", type=int, default=100, help="second convolution's width")
    parser.add_argument("--dropout", type=float, default=0.5)
    parser.add_argument("--word-dropout", type=float, default=0.25)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--patience", type=int, default=5)
    parser.add_argument(
        "--minutes", type=float, default=None, help="stop starting epochs after this (breaks reproducibility)"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-test", action="store_true")
    parser.add_argument(
        "--full", action="store_true", help="train on all of train.txt for --epochs (chosen before on dev)"
    )
    parser.add_argument("--freeze", action="store_true", help="keep the word2vec embeddings as they are")
    parser.add_argument("--embeddings-cache", type=Path, default=None, help="reuse/save word2vec vectors")
    args = parser.parse_args(argv)

    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    full = read_conll(args.shared / "ner" / "anercorp" / "train.txt")
    cut = len(full) * 9 // 10
    train_said = read_cv_tags(args.crf / CV_TAGS_FILE)
    train, train_said = split_long(full if args.full else full[:cut], train_said)
    dev = full[cut:]
    dev_said = first_pass_tags(args.crf, dev)

    started = time.time()
    if args.embeddings_cache and args.embeddings_cache.is_file():
        from gensim.models import KeyedVectors

        wv = KeyedVectors.load(str(args.embeddings_cache))
    else:
        wv = train_embeddings(args.shared, full, args.dims, args.seed, args.w2v_epochs)
        if args.embeddings_cache:
            wv.save(str(args.embeddings_cache))
    words = build_vocabulary(wv, full, args.vocab)
    counts = Counter(a for tokens, _ in train for token in tokens for a in neural.bag_attributes(token))
    attributes = ["<pad>", *sorted(a for a, c in counts.items() if c >= 2)]
    print(f"embeddings: {len(wv.index_to_key)} forms in {time.time() - started:.0f}s; ", end="")
    print(f"vocabulary {len(words)}, attributes {len(attributes)}", flush=True)

    model = build_model(len(words), len(attributes), args)
    with torch.no_grad():
        table = model.embeddings.weight
        table.normal_(0, 0.1)
        for i, word in enumerate(words):
            if i >= 2 and word in wv.key_to_index:
                vector = torch.from_numpy(wv[word].copy())
                table[i] = vector / (vector.norm() + 1e-6)
        table[0] = 0
        # Scale pretrained rows to the random rows' norm so neither side dominates at the start.
        table[2:] *= 0.1 * args.dims**0.5 / table[2:].norm(dim=1, keepdim=True).mean()
    # Frozen, a name unseen in ANERcorp keeps the neighbourhood word2vec gave it on SaudiNewsNet.
    model.embeddings.weight.requires_grad_(not args.freeze)
    index = {word: i for i, word in enumerate(words)}
    attribute_index = {a: i for i, a in enumerate(attributes)}
    data = encode(train, train_said, index, attribute_index)
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    best, best_epoch, wait = -1.0, 0, 0
    trial = args.out.with_suffix(".trial.npz")
    train_started = time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
        batches = [order[i : i + args.batch] for i in range(0, len(order), args.batch)]
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            words_t, flat, offsets, mgs, saids, lengths, tags, mask = batch_tensors(
                [data[i] for i in batch], args.word_dropout, rng
            )
            optimizer.zero_grad()
            loss = model.loss(model.emissions(words_t, flat, offsets, mgs, saids, lengths), tags, mask)
            (loss / len(batch)).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            total += float(loss.detach())
        model.eval()
        export(model, words, attributes, trial)
        # With --full the dev tenth is part of train: its score is no guide, the last epoch is kept.
        f1 = epoch if args.full else score(trial, dev, dev_said)["overall"].f1
        elapsed = (time.time() - train_started) / 60
        print(f"epoch {epoch}: loss {total / len(data):.3f} dev F1 {f1:.4f} ({elapsed:.1f} min)", flush=True)
        if f1 > best:
            best, best_epoch, wait = f1, epoch, 0
            trial.replace(args.out)
        else:
            wait += 1
        if wait >= args.patience or args.minutes and elapsed * (epoch + 1) / epoch > args.minutes:
            break
    trial.unlink(missing_ok=True)
    print(f"kept epoch {best_epoch} (dev F1 {best:.4f}) → {args.out}")
    if not args.no_test:
        test = read_conll(args.shared / "ner" / "anercorp" / "test.txt")
        for kind, s in score(args.out, test, first_pass_tags(args.crf, test)).items():
            print(f"  {kind:8} P {s.precision:.4f} R {s.recall:.4f} F1 {s.f1:.4f} n={s.support}")


if __name__ == "__main__":
    main()
