"""The catalog is the single place for user-visible text: both languages carry the same keys."""

import ast
import re
from pathlib import Path

import pytest

from components import i18n
from geo import schema

ROOT = Path(__file__).resolve().parents[2]


def test_both_languages_have_the_same_files():
    files = {
        lang: sorted(p.name for p in (ROOT / "components/i18n/locales" / lang).glob("*.toml"))
        for lang in i18n.LANGUAGES
    }
    assert files["nb"] == files["en"] and "common.toml" in files["nb"]


def test_both_languages_have_the_same_keys():
    nb, en = set(i18n.catalog("nb")), set(i18n.catalog("en"))
    assert nb - en == set(), f"missing in en.toml: {sorted(nb - en)}"
    assert en - nb == set(), f"missing in nb.toml: {sorted(en - nb)}"


@pytest.mark.parametrize(
    ("catalog_name", "enum"),
    [
        ("status", schema.ProjectStatus),
        ("goal", schema.Goal),
        ("focus_area", schema.FocusArea),
        ("place_type", schema.PlaceType),
        ("work_level", schema.WorkLevel),
        ("funding", schema.Funding),
        ("direction", schema.Direction),
        ("risk_area", schema.RiskArea),
        ("grant_status", schema.GrantStatus),
    ],
)
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_enum_code_has_a_label(catalog_name, enum, lang):
    for code in schema.values(enum):
        assert i18n.has(f"enum.{catalog_name}.{code}", lang), (catalog_name, code, lang)


def test_placeholders_match_between_languages():
    nb, en = i18n.catalog("nb"), i18n.catalog("en")
    for key, text in nb.items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", en[key])), key


def _app_code() -> list[Path]:
    """Every Python file that can show text: app.py, the views and components at any depth."""
    files = [ROOT / "app.py", *ROOT.glob("views/**/*.py"), *ROOT.glob("components/**/*.py")]
    assert any(p.parent.name != "components" for p in files if "components" in p.parts), (
        "no module below a components/ subpackage was found: the scan would miss moved code"
    )
    return files


def test_every_key_used_in_code_exists():
    used: set[str] = set()
    pattern = re.compile(r"""(?:translate|t)\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
    for path in _app_code():
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the scan found no keys; the pattern is wrong"
    missing = {key for key in used if not i18n.has(key, "nb")}
    assert missing == set()


def test_translate_fills_placeholders_and_falls_back():
    assert i18n.translate("overview.selected", "en", name="Lademoen") == "Selected zone: Lademoen"
    assert i18n.translate("overview.selected", "xx", name="Lademoen") == "Valgt sone: Lademoen"
    assert i18n.translate("no.such.key", "nb") == "no.such.key"
    assert i18n.enum_label("status", "pagar", "nb") == "Pågår"
    assert i18n.enum_label("status", "pagar", "en") == "In progress"


def _code_strings() -> tuple[set[str], list[re.Pattern[str]]]:
    """Every string literal in the app's code, and every f-string as a pattern.

    An f-string's {placeholders} stand for one key segment each: f"enum.{name}.{code}" becomes
    ^enum\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$.
    """
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for path in _app_code():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                parts = [
                    re.escape(value.value) if isinstance(value, ast.Constant) else _SEGMENT
                    for value in node.values
                ]
                patterns.append(re.compile("^" + "".join(parts) + "$"))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
    return literals, patterns


_SEGMENT = r"[A-Za-z0-9_-]+"


def test_every_key_in_the_catalog_is_used():
    """No unused keys: each key appears in code as a string literal ("overview.title"), or
    matches an f-string that builds keys (f"enum.{name}.{code}", f"sources.{key}"), where each
    {placeholder} stands for exactly one key segment, or is <prefix>.<segment> where <prefix>
    is a literal in code and some helper builds f"{prefix}.{code}". Keys that code builds
    another way must be spelled out in code (e.g. a tuple of literal keys)."""
    literals, patterns = _code_strings()
    # A helper that builds f"{prefix}.{code}" makes every literal it is given a key prefix:
    # _coded("kart.denomination", code) uses kart.denomination.<one segment>.
    if any(p.pattern.startswith(f"^{_SEGMENT}\\.") for p in patterns):
        prefixes = {
            literal for literal in literals if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", literal)
        }
    else:
        prefixes = set()
    unused = sorted(
        key
        for key in i18n.catalog("nb")
        if key not in literals
        and not any(pattern.match(key) for pattern in patterns)
        and key.rpartition(".")[0] not in prefixes
    )
    assert unused == [], f"keys no code uses (remove them, or use them): {unused}"
