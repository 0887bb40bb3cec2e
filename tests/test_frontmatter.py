"""The fast front-matter reader never disagrees with PyYAML: it reads the same, or declines."""

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from luutru import content
from luutru.content import front_matter
from luutru.frontmatter import read
from luutru.model import Article, Locality

# Scalars that YAML reads in surprising ways, beside ordinary Vietnamese text.
TRICKY = [
    "yes", "No", "on", "OFF", "y", "null", "~", "true", "1e3", "0x1F", "0o17", "1_000", "12:30", "1:20:30",
    "2021-05-11", "2021-5-1", "2021-05-11T09:41+07:00", "2021-05-11 09:41:00", ".inf", "-.5", "+3", "-7", "0",
    "05", "05-CT/TW", "08-CT/TU Hà Nội", "a: b", "a #b", "a:", "#x", "- x", "-x", "[x]", "{x}", "'q'", "it's",
    "x, y", "Thanh Xuân", "Phường 9", "Nghị quyết Trung ương 4 khóa XII", "=", "<<", "@x", "`x`", "%x", "!x", "&x", "*x",
    "|", ">", "?x", "a\tb", " lead", "trail ", "", "'", "''", "a''b", "Hà Nội (cũ)", "x\\y", '"dq"',
]
SCALAR = st.one_of(st.sampled_from(TRICKY), st.text(alphabet="aăđêôơư HNT0123456789-/:#,'[]{}.", min_size=0, max_size=12))


def flow_item(value: str) -> st.SearchStrategy:
    return st.sampled_from([value, "'" + value.replace("'", "''") + "'"])


@st.composite
def line(draw) -> str:
    key = draw(st.sampled_from(["title", "author", "views", "published", "places", "locality", "x", "views"]))
    kind = draw(st.sampled_from(["plain", "quoted", "list", "map"]))
    if kind == "plain":
        return f"{key}: {draw(SCALAR)}"
    if kind == "quoted":
        value = draw(SCALAR)
        return f"{key}: '{value.replace(chr(39), chr(39) * 2)}'" if draw(st.booleans()) else f"{key}: '{value}'"
    items = draw(st.lists(SCALAR.flatmap(flow_item), max_size=4))
    if kind == "list":
        return f"{key}: [{', '.join(items)}]"
    names = draw(st.lists(st.sampled_from(["name", "level", "province", "yes", "1"]), max_size=3))
    return f"{key}: {{{', '.join(f'{n}: {v}' for n, v in zip(names, items))}}}"


def pyyaml(text):
    try:
        return ("ok", yaml.safe_load(text))
    except yaml.YAMLError:
        return ("error", None)


@given(st.lists(line(), min_size=1, max_size=6))
@settings(max_examples=800, deadline=None)
def test_fast_reader_agrees_with_pyyaml_or_declines(lines):
    text = "\n".join(lines)
    fast = read(text)
    if fast is not None:
        assert pyyaml(text) == ("ok", fast)


TITLE = st.text(alphabet="aăâđêôơưAĂĐHNTQ0123456789 :,.-/()“”'\"#?!%&*[]{}", min_size=1, max_size=40)


@given(TITLE.filter(lambda t: t.strip() == t and t), st.lists(st.sampled_from(TRICKY[:40]), max_size=4), st.one_of(st.none(), st.integers(0, 10**6)))
@settings(max_examples=300, deadline=None)
def test_what_luutru_writes_is_read_alike(title, documents, views):
    article = Article(title=title, views=views, documents=tuple(documents), locality=Locality("Thanh Xuân", "quận", "Hà Nội"))
    head = front_matter(article)
    assert read(head) in (None, yaml.safe_load(head))


def test_the_usual_record_takes_the_fast_path():
    head = (
        "title: 'Thanh Xuân: Học tập'\npublished: 2021-05-11T09:41+07:00\nauthor: Thu Uyên\nsource: null\n"
        "views: 2521\nlocality: {name: Phường 9, level: phường, province: null}\nplaces: []\n"
        "documents: [05-CT/TW, 08-CT/TU Hà Nội, Nghị quyết Trung ương 4 khóa XII]\npublished2: 2021-04-28\n"
    )
    assert read(head) == yaml.safe_load(head)


# --- writing: the fast writer writes PyYAML's bytes, or leaves the value to PyYAML

# Characters PyYAML writes in special ways: indicators, spaces, line breaks,
# escapes, the byte-order mark, non-characters, astral letters.
YAML_CHARS = "aăđHN09 -?:,#[]{}&*!|>'\"%@`.~=<\\\t\n\r\x00\x07\x7f\x85\xa0\u2028\u2029\ufeff\ufffe\U0001f600é"
TEXT = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=YAML_CHARS, max_size=12), st.text(max_size=12))
SCALAR_VALUE = st.one_of(st.none(), st.integers(), st.booleans(), st.floats(), TEXT)
MAP_KEY = st.one_of(
    st.sampled_from(["name", "level", "province", "district", "file", "sha256"]),
    TEXT,
    st.text(alphabet="ab", min_size=95, max_size=140),  # PyYAML writes "? key" from 128 characters on
)
LINE_VALUE = st.one_of(
    SCALAR_VALUE,
    st.lists(SCALAR_VALUE, max_size=4),
    st.dictionaries(MAP_KEY, SCALAR_VALUE, max_size=3),
    st.integers(9985, 10005).map(lambda n: ("ab c" * 2600)[:n]),  # around the fast writer's length limit
)


@given(st.sampled_from(["title", "author", "views", "places", "locality", "origin", "yes", "a: b"]), LINE_VALUE)
@settings(max_examples=2000, deadline=None)
def test_the_fast_writer_writes_exactly_what_pyyaml_writes(key, value):
    assert content._dump(key, value) == content.yaml_line(key, value)
    fast = content.fast_line(key, value)
    if fast is not None:
        assert yaml.safe_load(fast) == {key: value}


def test_a_usual_record_is_written_without_pyyaml(monkeypatch):
    article = Article(
        title="Thanh Xuân: Học tập, làm theo tư tưởng Hồ Chí Minh",
        author="Thu Uyên",
        source="HNP",
        views=2521,
        locality=Locality("Phường 9", "phường", None),
        places=("Nhân Chính", "Thanh Xuân Nam"),
        documents=("05-CT/TW", "08-CT/TU Hà Nội", "Nghị quyết Trung ương 4 khóa XII"),
    )
    expected = front_matter(article)
    monkeypatch.setattr(content.yaml, "safe_dump", None)  # would fail if called
    assert front_matter(article) == expected
    assert "locality: {name: Phường 9, level: phường, province: null}\n" in expected
    assert "title: 'Thanh Xuân: Học tập, làm theo tư tưởng Hồ Chí Minh'\n" in expected


def test_quoted_items_in_lists_and_mappings_are_read_without_pyyaml():
    head = "places: ['yes', 'it''s', Long Biên, '''x''']\nlocality: {name: 'a: b', level: 'it''s', province: Hà Nội}\n"
    assert read(head) == yaml.safe_load(head) == {
        "places": ["yes", "it's", "Long Biên", "'x'"],
        "locality": {"name": "a: b", "level": "it's", "province": "Hà Nội"},
    }
