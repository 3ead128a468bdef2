"""Survey estimation benchmark (issue #5): our numpy estimator beside R's ``survey``.

    python bench/surveys.py [--rows 1000000] [--strata 50] [--domains 50] [--repeat 3]

Generates a seeded stratified cluster sample (``--rows`` responses in ``--strata``
strata, 40 PSUs per stratum with a finite population correction, weights, a numeric
answer ``y`` and a domain column ``area`` with ``--domains`` values that cuts across
strata) into bench/out/surveys/. Times, from data in memory, the design set-up plus one
mean with its standard error per domain:

* ours: ``Design.build`` + ``mean(..., domain=...)`` per area (best of ``--repeat``);
* R (when ``Rscript`` with the survey package is installed, Debian ``r-cran-survey``):
  ``svydesign`` + ``svyby(~y, ~area, design, svymean)`` from a generated script.

Prints both timings, their ratio and the largest relative difference of the estimates
and standard errors. Nothing is asserted; the figures are for the note.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tsunagari.surveys.estimation import Design, mean  # noqa: E402

OUT = ROOT / "bench" / "out" / "surveys"
PSUS_PER_STRATUM = 40

R_SCRIPT = """\
suppressMessages(library(survey))
d <- read.csv("{data}")
t0 <- proc.time()[["elapsed"]]
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d)
t1 <- proc.time()[["elapsed"]]
by <- svyby(~y, ~area, des, svymean)
t2 <- proc.time()[["elapsed"]]
out <- data.frame(area = by$area, estimate = by$y, se = SE(by))
write.csv(out, "{result}", row.names = FALSE)
cat(sprintf("%.6f %.6f\\n", t1 - t0, t2 - t1))
"""


def generate(rows: int, strata: int, domains: int, seed: int = 20240501) -> dict[str, np.ndarray]:
    """A stratified two-level sample: strata of unequal size, 40 PSUs each, PSU effects."""
    rng = np.random.default_rng(seed)
    stratum = np.sort(rng.integers(1, strata + 1, size=rows))
    psu_in_stratum = rng.integers(1, PSUS_PER_STRATUM + 1, size=rows)
    psu = stratum * 1000 + psu_in_stratum  # globally unique, nested in strata
    population_psus = 100 + 10 * stratum  # PSUs in the population of each stratum
    weight = np.round(
        rng.uniform(20, 200, size=strata + 1)[stratum] * rng.uniform(0.8, 1.2, rows), 6
    )
    area = rng.integers(1, domains + 1, size=rows)
    psu_effect = rng.normal(0, 5, size=(strata + 1) * 1000 + PSUS_PER_STRATUM + 1)[psu]
    y = np.round(50 + 0.3 * stratum + 0.2 * area + psu_effect + rng.normal(0, 15, rows), 4)
    return {
        "stratum": stratum,
        "psu": psu,
        "fpc": population_psus.astype(np.float64),
        "weight": weight,
        "area": area,
        "y": y,
    }


def write_csv(data: dict[str, np.ndarray], path: Path) -> None:
    names = list(data)
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(names)
        writer.writerows(zip(*(data[n].tolist() for n in names), strict=True))


def ours(data: dict[str, np.ndarray], domains: int) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    design = Design.build(
        n=data["y"].shape[0],
        ids=[data["psu"]],
        strata=data["stratum"],
        weights=data["weight"],
        fpc=[data["fpc"]],
    )
    results = []
    for value in range(1, domains + 1):
        estimate = mean(design, data["y"], domain=data["area"] == value)
        results.append((value, estimate.estimate, estimate.se))
    return time.perf_counter() - start, np.array(results)


def run_r(data_path: Path) -> tuple[float, float, np.ndarray] | None:
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    check = subprocess.run([rscript, "-e", "library(survey)"], capture_output=True, check=False)
    if check.returncode != 0:
        return None
    result = OUT / "r_result.csv"
    script = OUT / "bench.R"
    script.write_text(R_SCRIPT.format(data=data_path, result=result))
    done = subprocess.run([rscript, str(script)], capture_output=True, text=True, check=True)
    setup, svyby = (float(v) for v in done.stdout.split())
    with result.open(newline="") as f:
        rows = [(float(r["area"]), float(r["estimate"]), float(r["se"])) for r in csv.DictReader(f)]
    return setup, svyby, np.array(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--strata", type=int, default=50)
    parser.add_argument("--domains", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    data = generate(args.rows, args.strata, args.domains)
    data_path = OUT / f"responses_{args.rows}.csv"
    write_csv(data, data_path)
    print(
        f"data: {args.rows:,} responses, {args.strata} strata, "
        f"{args.strata * PSUS_PER_STRATUM} PSUs, {args.domains} domains -> {data_path}"
    )

    timings = []
    for _ in range(args.repeat):
        seconds, ours_result = ours(data, args.domains)
        timings.append(seconds)
    best = min(timings)
    print(
        f"ours (numpy):  design + {args.domains} domain means with SE: {best:.3f} s "
        f"(best of {args.repeat}: {', '.join(f'{t:.3f}' for t in timings)})"
    )

    r = run_r(data_path)
    if r is None:
        print("R: Rscript with the survey package not found (apt-get install r-cran-survey)")
        return
    setup, svyby, r_result = r
    r_total = setup + svyby
    print(
        f"R survey:      svydesign {setup:.3f} s + svyby(svymean) {svyby:.3f} s = {r_total:.3f} s"
    )
    print(f"speed-up:      {r_total / best:.1f}x")
    order = np.argsort(r_result[:, 0])
    r_sorted = r_result[order]
    assert np.array_equal(r_sorted[:, 0], ours_result[:, 0])
    for column, label in ((1, "estimates"), (2, "standard errors")):
        diff = np.max(
            np.abs(ours_result[:, column] - r_sorted[:, column]) / np.abs(r_sorted[:, column])
        )
        print(f"max relative difference of {label}: {diff:.2e}")


if __name__ == "__main__":
    main()
