"""Creator vectors for the shortlist at scale: a small projection in memory, exact on disk.

A million 512-dimension float32 vectors take 2 GB; the shortlist must stay under 600 MB.
The index keeps, in memory, each creator's profile vector projected on its first 128
principal components (float32, 512 MB for a million) and the filter codes, with the rows
sorted by (platform, tier, country) so that a filter selects contiguous slices and nothing is
gathered. A query scores those slices with one BLAS matrix-vector product each, keeps the best
`oversample × k` candidates (40 × 50), and re-ranks them exactly with their full float16 vectors read
from a file (a few hundred reads, not the catalogue). numpy has no fast int8 product (the
int8 → float32 conversion alone cost 0.4 s per 170,000 rows on the development machine),
hence a projection rather than int8 storage. docs/performance.md gives its speed, memory and
recall@50 against exact float32.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = ["CreatorIndex", "Filters", "build_index"]

Floats = npt.NDArray[np.float32]
COMPONENTS = 128
OVERSAMPLE = 40
_SAMPLE = 20_000


@dataclass(frozen=True, slots=True)
class Filters:
    """Codes to keep; an empty list keeps every code."""

    platforms: Sequence[int] = ()
    tiers: Sequence[int] = ()
    countries: Sequence[int] = ()


@dataclass(frozen=True, slots=True)
class _Layout:
    platforms: int
    tiers: int
    countries: int


class CreatorIndex:
    """Projected vectors sorted by filter key, with the exact vectors in a float16 file."""

    def __init__(
        self,
        *,
        ids: npt.NDArray[np.int64],
        projected: Floats,
        mean: Floats,
        components: Floats,
        starts: npt.NDArray[np.int64],
        layout: _Layout,
        exact_path: Path,
        dimensions: int,
    ) -> None:
        self.ids, self.projected = ids, projected
        self.mean, self.components = mean, components
        self.starts, self.layout = starts, layout
        self.exact_path, self.dimensions = exact_path, dimensions

    @property
    def nbytes(self) -> int:
        arrays = (self.ids, self.projected, self.mean, self.components, self.starts)
        return sum(a.nbytes for a in arrays)

    def save(self, folder: Path) -> None:
        """The in-memory arrays as .npy files beside the exact file."""
        for name in ("ids", "projected", "mean", "components", "starts"):
            np.save(folder / f"{name}.npy", getattr(self, name))
        layout = (self.layout.platforms, self.layout.tiers, self.layout.countries)
        np.save(folder / "layout.npy", np.asarray([*layout, self.dimensions]))

    @classmethod
    def load(cls, folder: Path, exact_path: Path) -> CreatorIndex:
        platforms, tiers, countries, dimensions = (int(v) for v in np.load(folder / "layout.npy"))
        return cls(
            ids=np.load(folder / "ids.npy"),
            projected=np.load(folder / "projected.npy"),
            mean=np.load(folder / "mean.npy"),
            components=np.load(folder / "components.npy"),
            starts=np.load(folder / "starts.npy"),
            layout=_Layout(platforms, tiers, countries),
            exact_path=exact_path,
            dimensions=dimensions,
        )

    def _key(self, platform: int, tier: int, country: int) -> int:
        return (platform * self.layout.tiers + tier) * self.layout.countries + country

    def _slices(self, filters: Filters) -> Iterator[tuple[int, int]]:
        """The row ranges the filters keep, adjacent ranges joined (no filter: one range)."""
        platforms = filters.platforms or range(self.layout.platforms)
        tiers = filters.tiers or range(self.layout.tiers)
        countries = filters.countries or range(self.layout.countries)
        keys = sorted({self._key(p, t, c) for p in platforms for t in tiers for c in countries})
        current: tuple[int, int] | None = None
        for key in keys:
            start, stop = int(self.starts[key]), int(self.starts[key + 1])
            if start == stop:
                continue
            if current is not None and current[1] == start:
                current = (current[0], stop)
                continue
            if current is not None:
                yield current
            current = (start, stop)
        if current is not None:
            yield current

    def _exact(self, rows: npt.NDArray[np.int64]) -> Floats:
        """The rows' full vectors from the file, in one gather over a read-only map.

        Only the pages read count as resident, and they are the page cache's, shared.
        """
        exact = np.memmap(
            self.exact_path, dtype="<f2", mode="r", shape=(len(self.ids), self.dimensions)
        )
        return np.asarray(exact[rows], dtype=np.float32)

    def search(
        self, query: Floats, filters: Filters, k: int = 50, oversample: int = OVERSAMPLE
    ) -> tuple[npt.NDArray[np.int64], Floats]:
        """The k best creator ids and their exact cosines, best first."""
        q = ((query - self.mean) @ self.components.T).astype(np.float32)
        offset = float(self.mean @ query)
        wanted = k * oversample
        rows: list[npt.NDArray[np.int64]] = []
        scores: list[Floats] = []
        for start, stop in self._slices(filters):
            part = self.projected[start:stop] @ q
            if len(part) > wanted:
                best = np.argpartition(-part, wanted - 1)[:wanted]
                rows.append(best + start)
                scores.append(part[best])
            else:
                rows.append(np.arange(start, stop))
                scores.append(part)
        if not rows:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        all_rows, all_scores = np.concatenate(rows), np.concatenate(scores) + offset
        if len(all_rows) > wanted:
            keep = np.argpartition(-all_scores, wanted - 1)[:wanted]
            all_rows = all_rows[keep]
        all_rows = np.sort(all_rows)
        exact = self._exact(all_rows) @ query
        order = np.argsort(-exact, kind="stable")[:k]
        return self.ids[all_rows[order]], exact[order].astype(np.float32)


def build_index(
    *,
    ids: npt.NDArray[np.int64],
    vectors: Floats,
    platform: npt.NDArray[np.integer],
    tier: npt.NDArray[np.integer],
    country: npt.NDArray[np.integer],
    exact_path: Path,
    layout: tuple[int, int, int],
    seed: int = 0,
) -> CreatorIndex:
    """An index of `vectors` (rows may be a memory-mapped array); writes the exact file."""
    shape = _Layout(*layout)
    keys = (platform.astype(np.int64) * shape.tiers + tier) * shape.countries + country
    order = np.argsort(keys, kind="stable")
    counts = np.bincount(keys, minlength=shape.platforms * shape.tiers * shape.countries)
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    rng = np.random.default_rng(seed)
    sample = vectors[np.sort(rng.choice(len(vectors), min(_SAMPLE, len(vectors)), replace=False))]
    mean = sample.mean(axis=0).astype(np.float32)
    # The principal axes from the 512 × 512 covariance (eigh), not an SVD of the sample: the
    # same axes, and 47 s became a fraction of a second on a loaded 2-core machine.
    centred = np.asarray(sample - mean, dtype=np.float64)
    values, axes = np.linalg.eigh(centred.T @ centred)
    top = np.argsort(-values)[:COMPONENTS]
    components = np.ascontiguousarray(axes[:, top].T, dtype=np.float32)
    projected = np.empty((len(vectors), len(components)), dtype=np.float32)
    with open(exact_path, "wb") as exact:
        for start in range(0, len(order), 100_000):
            positions = order[start : start + 100_000]
            chunk = np.asarray(vectors[positions], dtype=np.float32)
            projected[start : start + len(chunk)] = (chunk - mean) @ components.T
            exact.write(chunk.astype("<f2").tobytes())
    return CreatorIndex(
        ids=ids[order],
        projected=projected,
        mean=mean,
        components=components,
        starts=starts,
        layout=shape,
        exact_path=exact_path,
        dimensions=vectors.shape[1],
    )
