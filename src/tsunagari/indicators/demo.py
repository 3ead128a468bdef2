"""Sample measures for the fictional demo town, so `make demo` shows a working dashboard:
a population table by district, age band and sex, a closed resident survey with
synthetic answers, and made-up district boundaries for the map. Everything is made up
(a fixed seed), marked as sample, and loaded only into the fictional municipality;
loading twice changes nothing."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from tsunagari.audit.services import Actor
from tsunagari.directory.demo.town import (
    DEMO_CODE,
    DEMO_LATITUDE,
    DEMO_LONGITUDE,
    DISTRICTS,
    KM_PER_DEGREE,
)
from tsunagari.directory.models import Municipality
from tsunagari.surveys import services as surveys
from tsunagari.surveys.models import Survey

from .districts import Shape, district_shapes_replace
from .population import Cell, population_replace

SEED = 20251101
AS_OF = dt.date(2025, 10, 1)
SURVEY_TITLE = "くらしとつながりの調査（サンプル）"
# Ten-year bands as the survey asks them (instruments.toml: age_band 1..8), with a
# plausible head count per district and sex for a town of about 60,000.
AGE_BANDS = ("16-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-")
BAND_SIZE = (110, 260, 290, 350, 340, 330, 300, 230)
# Share answering 「しばしばある・常にある」 by age band: young adults highest, as in the
# national survey's pattern (made up here; never shown as real).
OFTEN_LONELY = (0.08, 0.08, 0.06, 0.05, 0.05, 0.04, 0.03, 0.04)
RESPONSES = 800


# The town's made-up boundaries: a 4 x 3 grid of rectangles (km from the centre), the
# districts placed north to south, then west to east, by their centres.
GRID_COLUMNS, GRID_ROWS = 4, 3
GRID_EAST = (-4.0, 4.0)
GRID_NORTH = (-3.6, 3.6)


@dataclass(frozen=True)
class DemoMeasures:
    population_cells: int
    responses: int
    district_shapes: int = 0


def demo_district_shapes() -> list[Shape]:
    """One rectangle per demo district, in longitude/latitude."""
    ordered = sorted(DISTRICTS, key=lambda d: -d.north_km)
    width = (GRID_EAST[1] - GRID_EAST[0]) / GRID_COLUMNS
    height = (GRID_NORTH[1] - GRID_NORTH[0]) / GRID_ROWS
    km_per_lon = KM_PER_DEGREE * math.cos(math.radians(DEMO_LATITUDE))

    def at(east: float, north: float) -> list[float]:
        return [
            round(DEMO_LONGITUDE + east / km_per_lon, 6),
            round(DEMO_LATITUDE + north / KM_PER_DEGREE, 6),
        ]

    shapes = []
    for row in range(GRID_ROWS):
        band = ordered[row * GRID_COLUMNS : (row + 1) * GRID_COLUMNS]
        for column, district in enumerate(sorted(band, key=lambda d: d.east_km)):
            west = GRID_EAST[0] + column * width
            north = GRID_NORTH[1] - row * height
            ring = [
                at(west, north),
                at(west, north - height),
                at(west + width, north - height),
                at(west + width, north),
                at(west, north),
            ]
            shapes.append(
                Shape(name=district.name, geometry={"type": "Polygon", "coordinates": [ring]})
            )
    return shapes


def demo_measures_load(*, actor: Actor | None = None) -> DemoMeasures:
    actor = actor or Actor(label="demo")
    rng = random.Random(SEED)
    cells = [
        Cell(
            code=DEMO_CODE,
            district=district.name,
            age_band=band,
            sex=sex,
            count=int(size * rng.uniform(0.8, 1.2)),
            as_of=AS_OF,
        )
        for district in DISTRICTS
        for band, size in zip(AGE_BANDS, BAND_SIZE, strict=True)
        for sex in ("male", "female")
    ]
    written = population_replace(actor=actor, cells=cells)
    shapes = district_shapes_replace(actor=actor, code=DEMO_CODE, shapes=demo_district_shapes())
    if Survey.objects.filter(municipality_id=DEMO_CODE, title=SURVEY_TITLE).exists():
        return DemoMeasures(population_cells=written, responses=0, district_shapes=shapes)
    survey = surveys.survey_create(
        actor=actor,
        municipality=Municipality.objects.get(code=DEMO_CODE),
        title=SURVEY_TITLE,
        period="2025年度",
        languages=("ja", "ja-easy", "en"),
        instrument_codes=("direct", "ucla3_jp", "demographics"),
        own_questions=(),
    )
    survey = surveys.survey_open(actor=actor, survey=survey)
    rows = [_answers(rng) for _ in range(RESPONSES)]
    surveys.responses_import(
        actor=actor,
        survey=survey,
        rows=[surveys.ImportRow(answers=a) for a in rows],
        file_name="demo (synthetic)",
        sha256="",
    )
    surveys.survey_close(actor=actor, survey=survey)
    return DemoMeasures(population_cells=written, responses=len(rows), district_shapes=shapes)


def _answers(rng: random.Random) -> dict[str, object]:
    band = rng.choices(range(len(AGE_BANDS)), weights=BAND_SIZE)[0]
    lonely = rng.random() < OFTEN_LONELY[band]
    direct = 5 if lonely else rng.choices((1, 2, 3, 4), weights=(35, 40, 15, 10))[0]
    # UCLA-3 items (1-4) lean the same way as the direct answer.
    lean = 3 if lonely else 1
    ucla = [min(4, max(1, lean + rng.choice((-1, 0, 0, 1)))) for _ in range(3)]
    return {
        "direct_loneliness": direct,
        "ucla3_jp_1": ucla[0],
        "ucla3_jp_2": ucla[1],
        "ucla3_jp_3": ucla[2],
        "age_band": band + 1,
        "sex": rng.choice((1, 2)),
        "district": rng.choice(DISTRICTS).name,
    }
