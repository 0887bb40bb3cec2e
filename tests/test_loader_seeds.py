"""The five sample pages, field by field, against what a careful reader takes
out of them (tests/seeds_truth.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from luutru.loader import load_article
from luutru.loader.documents import find_documents
from luutru.model import Locality
from luutru.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
TRUTH = yaml.safe_load((ROOT / "tests" / "seeds_truth.yaml").read_text(encoding="utf-8"))
REGISTRY = Registry.from_yaml(
    (ROOT / "content" / "documents.yaml").read_text(encoding="utf-8"), "content/documents.yaml"
)

_cache: dict[str, object] = {}


def article(truth):
    name = truth["file"]
    if name not in _cache:
        data = (ROOT / "seeds" / name).read_bytes()
        _cache[name] = load_article(data, f"seeds/{name}", registry=REGISTRY)
    return _cache[name]


seeds = pytest.mark.parametrize("truth", TRUTH, ids=[t["file"][:3] for t in TRUTH])


@seeds
def test_title(truth):
    assert article(truth).title == truth["title"]


@seeds
def test_published(truth):
    expected = truth["published"]
    got = article(truth).published
    if "T" in expected:
        assert isinstance(got, dt.datetime)
        assert got == dt.datetime.fromisoformat(expected)
        assert got.utcoffset() == dt.timedelta(hours=7)
    else:  # a date only: a bare date, never midnight
        assert type(got) is dt.date
        assert got == dt.date.fromisoformat(expected)


@seeds
@pytest.mark.parametrize("field", ["author", "author_unit", "source", "section", "views"])
def test_header_and_byline_fields(truth, field):
    assert getattr(article(truth), field) == truth.get(field)


@seeds
def test_captions(truth):
    assert list(article(truth).captions) == truth.get("captions", [])


@seeds
def test_body_ends_where_the_article_ends(truth):
    assert article(truth).paragraphs[-1].endswith(truth["body_ends_with"])


@seeds
def test_no_furniture_in_the_body(truth):
    texts = [b.text for b in article(truth).body] + [article(truth).title]
    for phrase in truth.get("furniture_examples", []):
        assert not any(phrase in t for t in texts), phrase


@seeds
def test_no_source_tag_left_in_the_lead(truth):
    a = article(truth)
    if a.source:
        assert not a.paragraphs[0].startswith(a.source)


@seeds
def test_origin_names_the_file_and_its_hash(truth):
    import hashlib

    a = article(truth)
    data = (ROOT / "seeds" / truth["file"]).read_bytes()
    assert a.origin.file == f"seeds/{truth['file']}"
    assert a.origin.sha256 == hashlib.sha256(data).hexdigest()


@seeds
def test_documents_given_the_locality(truth):
    """The document finder alone, told the locality a reader sees (so a
    locality finder's mistake does not hide one of the document finder)."""
    a = article(truth)
    where = truth["locality"]
    locality = Locality(where["name"], where["level"], where["province"])
    found = find_documents([a.title, *(b.text for b in a.body)], locality=locality, registry=REGISTRY)
    assert sorted(found) == sorted(truth["directives"])
    assert len(found) == len(set(found))


@seeds
def test_documents(truth):
    found = article(truth).documents
    assert sorted(found) == sorted(truth["directives"])
    assert len(found) == len(set(found))


@seeds
def test_locality(truth):
    got = article(truth).locality
    where = truth["locality"]
    assert got is not None
    assert (got.name, got.level, got.province) == (where["name"], where["level"], where["province"])


@seeds
def test_places_mentioned(truth):
    assert set(truth.get("places_mentioned", [])) <= set(article(truth).places)
