"""The JSON-stat 2.0 parser, on SSB's real response for table 05300 and on broken variants."""

import copy
import json
from pathlib import Path

import pytest

from registers.importing import ImportFailed
from registers.jsonstat import parse_dataset, read_dataset

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "ssb" / "05300.json"


@pytest.fixture(scope="module")
def sample():
    return read_dataset(SAMPLE)


@pytest.fixture(scope="module")
def records(sample):
    return list(sample.records())


@pytest.fixture
def document():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_dimensions_of_the_real_sample(sample):
    assert len(sample) == 432
    assert list(sample.dimensions) == ["Avstand1", "Kulturtilbud", "ContentsCode", "Tid"]
    distance = sample.dimensions["Avstand1"]
    assert distance.codes == ("01", "02", "03", "04", "05", "06")
    assert distance.labels["06"] == "50 km eller over"
    assert sample.dimensions["Tid"].codes[-1] == "2021"
    assert sample.label.startswith("05300: Avstand til nærmeste lokale/sted")


def test_one_record_per_cell_in_row_major_order(records):
    assert len(records) == 432
    assert records[0] == {
        "Avstand1": "01",
        "Kulturtilbud": "01",
        "ContentsCode": "Avstand",
        "Tid": "1991",
        "value": 16,
        "status": "",
    }
    # The last dimension (Tid) varies fastest, then Kulturtilbud, then Avstand1.
    assert [record["Tid"] for record in records[:10]] == [
        *["1991", "1994", "1997", "2000", "2004", "2008", "2012", "2016", "2021"],
        "1991",
    ]
    assert records[9]["Kulturtilbud"] == "02"
    assert records[72]["Avstand1"] == "02"


@pytest.mark.parametrize(
    ("position", "distance", "offer", "year", "value", "status"),
    [
        (8, "01", "01", "2021", 12, ""),
        (62, "01", "07", "2021", 15, ""),
        (71, "01", "08", "2021", None, "."),
        (360, "06", "01", "1991", None, ".."),
        (368, "06", "01", "2021", 3, ""),
        (431, "06", "08", "2021", None, "."),
    ],
)
def test_known_values_and_statuses(records, position, distance, offer, year, value, status):
    record = records[position]
    assert (record["Avstand1"], record["Kulturtilbud"], record["Tid"]) == (distance, offer, year)
    assert (record["value"], record["status"]) == (value, status)


def test_every_missing_value_has_a_status(records):
    missing = [record for record in records if record["value"] is None]
    assert len(missing) == 28
    assert {record["status"] for record in missing} == {".", ".."}
    assert all(record["status"] == "" for record in records if record["value"] is not None)


def test_index_as_list_sparse_values_and_status_as_list(document):
    document["id"], document["size"] = ["Tid"], [3]
    document["dimension"] = {"Tid": {"category": {"index": ["2022", "2023", "2024"]}}}
    document["value"] = {"0": 5, "2": 7.5}
    document["status"] = ["", ":", "*"]
    records = list(parse_dataset(document, name="test").records())
    assert records == [
        {"Tid": "2022", "value": 5, "status": ""},
        {"Tid": "2023", "value": None, "status": ":"},
        {"Tid": "2024", "value": 7.5, "status": "*"},
    ]
    assert parse_dataset(document, name="test").dimensions["Tid"].labels["2023"] == "2023"


def test_a_single_category_may_leave_out_its_index(document):
    del document["dimension"]["ContentsCode"]["category"]["index"]
    dataset = parse_dataset(document, name="test")
    assert dataset.dimensions["ContentsCode"].codes == ("Avstand",)


def test_dimension_lookup_names_what_is_missing(sample):
    assert sample.dimension("Utdanning", "Tid").id == "Tid"
    with pytest.raises(ImportFailed, match=r"mangler dimensjonen Yrke eller STYRK \(har Avstand1"):
        sample.dimension("Yrke", "STYRK")


def break_version(document):
    document["version"] = "1.0"


def break_class(document):
    document["class"] = "collection"


def jsonstat_1(document):
    document.clear()
    document["dataset"] = {}


def short_values(document):
    document["value"].pop()


def unknown_dimension(document):
    document["dimension"]["Region"] = {"category": {"index": ["0301"]}}


def undescribed_dimension(document):
    del document["dimension"]["Tid"]


def wrong_size(document):
    document["size"][0] = 7


def index_with_gap(document):
    document["dimension"]["Tid"]["category"]["index"]["2021"] = 9


def text_value(document):
    document["value"][3] = "16"


def status_out_of_range(document):
    document["status"]["432"] = ":"


def missing_category(document):
    del document["dimension"]["Avstand1"]["category"]


@pytest.mark.parametrize(
    ("breaks", "message"),
    [
        (break_version, r"er ikke JSON-stat 2\.0 \(version er '1\.0'"),
        (break_class, r"er ikke et JSON-stat-datasett \(class er 'collection'"),
        (jsonstat_1, r"er JSON-stat 1\.x\. Hent tabellen på nytt med formatet json-stat2"),
        (short_values, r"value har 431 verdier, men size \[6, 8, 1, 9\] gir 432 celler"),
        (unknown_dimension, r"ukjent dimensjon Region i dimension \(står ikke i id\)"),
        (undescribed_dimension, r"dimensjonen Tid står i id, men ikke i dimension"),
        (wrong_size, r"dimensjonen Avstand1 har 6 kategorier, men size sier 7"),
        (index_with_gap, r"category\.index i Tid skal være en liste med ulike koder"),
        (text_value, r"verdien i celle 3 er ikke et tall eller null: '16'"),
        (status_out_of_range, r"status har nøkkelen '432', men datasettet har bare celle 0–431"),
        (missing_category, r"dimensjonen Avstand1 mangler category"),
    ],
)
def test_structural_problems_fail_with_a_message(document, breaks, message):
    broken = copy.deepcopy(document)
    breaks(broken)
    with pytest.raises(ImportFailed, match=message):
        parse_dataset(broken, name="05300.json")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"version": "2.0", ', r"x\.json er ikke gyldig JSON \(linje 1, kolonne 20"),
        ('{"value": [NaN]}', r"x\.json er ikke gyldig JSON \(NaN er ikke et tall i JSON\)"),
        ("[1, 2, 3]", r"x\.json er ikke et JSON-stat-datasett \(ventet et JSON-objekt\)"),
    ],
)
def test_file_problems_fail_with_a_message(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailed, match=message):
        read_dataset(path)


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes('{"label": "Lønn"}'.encode("latin-1"))
    with pytest.raises(ImportFailed, match=r"x\.json er ikke UTF-8"):
        read_dataset(path)
