"""Sample marks follow the rows: a table or layer says "eksempeldata" only while its rows
include sample rows (geo.schema.includes_sample decides everywhere)."""

from __future__ import annotations

import pandas as pd

from components.i18n import translate
from components.kart.layers import LAYERS, label_key
from geo import schema


def test_includes_sample_reads_the_rows_is_sample():
    assert schema.includes_sample(pd.DataFrame({"is_sample": [False, True]}))
    assert not schema.includes_sample(pd.DataFrame({"is_sample": [False, False]}))
    assert not schema.includes_sample(pd.DataFrame({"is_sample": pd.array([None], "boolean")}))
    assert not schema.includes_sample(pd.DataFrame({"name": ["a"]}))  # a table without the mark


def test_the_project_and_grant_layers_say_sample_only_while_rows_are_sample():
    sample, real = pd.DataFrame({"is_sample": [True]}), pd.DataFrame({"is_sample": [False]})
    for key, nb in (("projects", "Prosjekter"), ("grants", "Nabolagspotten, tilskudd")):
        layer = LAYERS[key]
        assert translate(label_key(layer, sample), "nb") == f"{nb} (eksempeldata)"
        assert translate(label_key(layer, real), "nb") == nb
    assert translate(label_key(LAYERS["projects"], real), "en") == "Projects"
    assert label_key(LAYERS["places"], sample) == LAYERS["places"].label  # real data
