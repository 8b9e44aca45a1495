"""Tests for csec_survey.ingest.tidy, through csec_survey.ingest.records on the committed export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from csec_survey.core.codebook import Instrument
from csec_survey.core.export_columns import STATUS_CODES
from csec_survey.ingest.qualtrics import QualtricsExport
from csec_survey.ingest.records import EXCLUSION, IngestedExport, ingest_export, read_records
from csec_survey.ingest.tidy import EXPORT_ROW, TidyError, tidy_responses
from csec_survey.synthetic.qualtrics_writer import write_export

ROOT = Path(__file__).parents[1]
EXPORT = ROOT / "data" / "raw" / "synthetic_export.csv"
INSTRUMENT = ROOT / "config" / "instrument.yaml"

PERSONAL = ("IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
            "LocationLatitude", "LocationLongitude", "AgencyName", "AgencyCity")


@pytest.fixture(scope="module")
def ingested(instrument: Instrument) -> IngestedExport:
    return ingest_export(EXPORT, instrument)


@pytest.fixture(scope="module")
def table(ingested: IngestedExport) -> pd.DataFrame:
    return ingested.responses


@pytest.fixture()
def kept() -> pd.DataFrame:
    """The complete responses of the committed export as read, a fresh copy per test."""
    records = read_records(EXPORT).records
    return records[records[EXCLUSION].isna()].drop(columns=[EXCLUSION]).copy()


def item_variables(instrument: Instrument) -> list[str]:
    return [column.variable for column in instrument.export_columns()]


# --- shape and types --------------------------------------------------------

def test_rows_and_exclusions(ingested: IngestedExport) -> None:
    assert len(ingested.responses) == 144
    assert ingested.exclusions == {"preview": 2, "test": 1, "spam": 0, "incomplete": 7,
                                   "duplicate": 1, "kept": 144}
    assert ingested.layout.values == "choice_text"
    assert list(ingested.responses.index) == list(range(144))


def test_every_instrument_variable_is_a_column(table: pd.DataFrame,
                                               instrument: Instrument) -> None:
    variables = item_variables(instrument)
    assert len(set(variables)) == len(variables)
    assert set(variables) <= set(table.columns)
    # Question columns are renamed, not kept under their Qualtrics names.
    assert not {column.name for column in instrument.export_columns()} & set(table.columns)


def test_item_dtypes(table: pd.DataFrame, instrument: Instrument) -> None:
    for item in instrument.items:
        if item.type == "single":
            assert table[item.variable()].dtype == "Int64", item.id
        elif item.type == "numeric":
            assert table[item.variable()].dtype == "Float64", item.id
        elif item.type == "text":
            assert isinstance(table[item.variable()].dtype, pd.StringDtype), item.id
        else:
            for option in item.options:
                assert table[item.variable(option)].dtype == "boolean", (item.id, option.key)
            if item.other_text is not None:
                other = table[str(item.other_text_variable())]
                assert isinstance(other.dtype, pd.StringDtype), item.id


def test_metadata_dtypes(table: pd.DataFrame) -> None:
    for name in ("StartDate", "EndDate", "RecordedDate"):
        assert pd.api.types.is_datetime64_any_dtype(table[name]), name
        assert table[name].notna().all(), name
    assert table["Finished"].dtype == "boolean"
    assert table["Finished"].all()
    assert table["Progress"].dtype == "Int64"
    assert (table["Progress"] == 100).all()
    assert table["Duration (in seconds)"].dtype == "Int64"
    assert table["LocationLatitude"].dtype == "Float64"
    assert isinstance(table["ResponseId"].dtype, pd.StringDtype)
    assert isinstance(table["Status"].dtype, pd.StringDtype)
    assert table[EXPORT_ROW].dtype == "Int64"
    assert table["StartDate"].iloc[0].year == 2012


def test_export_row_points_to_the_record(table: pd.DataFrame,
                                         export: QualtricsExport) -> None:
    rows = table[EXPORT_ROW]
    assert rows.notna().all()
    assert rows.min() >= 1
    assert rows.max() <= len(export.responses)
    assert rows.is_unique
    assert rows.is_monotonic_increasing
    for position, row in enumerate(rows):
        n = int(row)
        assert table["ResponseId"].iloc[position] == export.responses.iloc[n - 1]["ResponseId"]
    # The three previews and tests come first in the export and are dropped.
    assert int(rows.iloc[0]) == 4


# --- counts after exclusions -------------------------------------------------

def test_published_counts(table: pd.DataFrame) -> None:
    assert table["agency_type"].value_counts().to_dict() == {1: 38, 2: 106}
    assert int((table["cac_ever"] == 1).sum()) == 133
    assert int((table["csec_ever"] == 1).sum()) == 45
    # Required items are answered by everyone.
    for required in ("agency_type", "unit_any", "cac_ever", "csec_ever"):
        assert table[required].notna().all(), required


def test_skip_logic_csec_within_cac(table: pd.DataFrame) -> None:
    csec = table["csec_ever"] == 1
    assert (table.loc[csec, "cac_ever"] == 1).all()


def test_trafficking_block_is_na_outside_csec(table: pd.DataFrame,
                                              instrument: Instrument) -> None:
    outside = table["csec_ever"] != 1
    assert outside.sum() == 99
    block = [column.variable for column in instrument.export_columns()
             if instrument.item(column.item).asked_of == "csec"]
    assert len(block) > 10
    for variable in block:
        assert table.loc[outside, variable].isna().all(), variable
    # ... and the block was answered by at least some of those asked.
    assert table.loc[~outside, "csec_years"].notna().any()


def test_multi_options_na_exactly_when_nothing_ticked(table: pd.DataFrame,
                                                      instrument: Instrument,
                                                      export: QualtricsExport) -> None:
    raw = export.responses.iloc[[int(n) - 1 for n in table[EXPORT_ROW]]]
    for item in (i for i in instrument.items if i.type == "multi"):
        choice_columns = [f"{item.column}_{option.choice}" for option in item.options]
        ticked_any = raw[choice_columns].notna().any(axis=1).to_numpy()
        variables = [item.variable(option) for option in item.options]
        na = table[variables].isna()
        # Either all options of a respondent are NA or none are.
        assert (na.all(axis=1) | ~na.any(axis=1)).all(), item.id
        assert (na.all(axis=1).to_numpy() == ~ticked_any).all(), item.id
        for option, column in zip(item.options, choice_columns, strict=True):
            answered = table.loc[ticked_any, item.variable(option)]
            expected = raw.loc[ticked_any, column].notna().to_numpy()
            assert (answered.to_numpy(dtype=bool) == expected).all(), (item.id, option.key)
        assert ticked_any.any(), item.id
        if item.asked_of != "all":
            # Those not asked ticked nothing, so the NA case is exercised too.
            assert (~ticked_any).any(), item.id


def test_single_codes_match_labels(table: pd.DataFrame, instrument: Instrument,
                                   export: QualtricsExport) -> None:
    raw = export.responses.iloc[[int(n) - 1 for n in table[EXPORT_ROW]]]
    for item in (i for i in instrument.items if i.type == "single"):
        labels = {o.code: o.label for o in item.options}
        for code, label in zip(table[item.variable()], raw[item.column], strict=True):
            if pd.isna(code):
                assert label is None, item.id
            else:
                assert labels[int(code)] == label, item.id


# --- numeric-values export -------------------------------------------------

def to_numeric_values(responses: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """What Qualtrics writes with "use numeric values": codes instead of choice text."""
    numeric = responses.copy()
    for item in instrument.items:
        if item.type == "single":
            codes = {o.label: str(o.code) for o in item.options}
            assert set(numeric[item.column].dropna()) <= set(codes), item.id
            numeric[item.column] = numeric[item.column].map(codes, na_action="ignore")
        elif item.type == "multi":
            for option in item.options:
                column = f"{item.column}_{option.choice}"
                numeric[column] = numeric[column].map(lambda _: "1", na_action="ignore")
    status_codes = {text: code for code, text in STATUS_CODES.items()}
    numeric["Status"] = numeric["Status"].map(status_codes)
    numeric["Finished"] = numeric["Finished"].map({"True": "1", "False": "0"})
    assert numeric["Status"].notna().all()
    assert numeric["Finished"].notna().all()
    return numeric


def test_numeric_values_export_gives_the_same_table(
        tmp_path: Path, export: QualtricsExport, instrument: Instrument,
        table: pd.DataFrame) -> None:
    numeric = to_numeric_values(export.responses, instrument)
    path = tmp_path / "numeric_export.csv"
    write_export(path, numeric, export.columns)
    ingested = ingest_export(path, instrument)
    assert ingested.layout.values == "numeric"
    assert ingested.exclusions == {"preview": 2, "test": 1, "spam": 0, "incomplete": 7,
                                   "duplicate": 1, "kept": 144}
    other = ingested.responses
    columns = [EXPORT_ROW, "ResponseId", "Status", "Finished", *item_variables(instrument)]
    pd.testing.assert_frame_equal(other[columns], table[columns])
    assert list(other.columns) == list(table.columns)


def test_numeric_layout_keeps_unlisted_codes(kept: pd.DataFrame, instrument: Instrument,
                                             export: QualtricsExport) -> None:
    numeric = to_numeric_values(kept, instrument)
    numeric.iloc[0, numeric.columns.get_loc("Q1")] = "7"
    tidy = tidy_responses(numeric, instrument, "numeric")
    assert tidy["agency_type"].iloc[0] == 7


def test_numeric_layout_rejects_non_codes(kept: pd.DataFrame, instrument: Instrument,
                                          export: QualtricsExport) -> None:
    numeric = to_numeric_values(kept, instrument)
    row = int(numeric.index[5])
    numeric.loc[row, "Q7"] = "1.5"
    with pytest.raises(TidyError, match=r"'Q7'.*response rows " + str(row + 1)):
        tidy_responses(numeric, instrument, "numeric")


# --- errors ------------------------------------------------------------------

def test_unknown_choice_label_raises_naming_column_and_row(
        kept: pd.DataFrame, instrument: Instrument, export: QualtricsExport) -> None:
    row = int(kept.index[10])
    secret = "jane.roe@private-mail.example"
    kept.loc[row, "Q3"] = secret
    with pytest.raises(TidyError) as raised:
        tidy_responses(kept, instrument, "choice_text")
    message = str(raised.value)
    assert "'Q3'" in message
    assert f"response rows {row + 1}" in message
    assert secret not in message
    for column in PERSONAL:
        for value in kept[column].dropna():
            assert str(value) not in message, column


def test_unknown_choice_label_lists_rows_of_the_export(
        kept: pd.DataFrame, instrument: Instrument, export: QualtricsExport) -> None:
    rows = [int(kept.index[i]) for i in (2, 40, 100)]
    for row in rows:
        kept.loc[row, "Q1"] = "ICAC task force agency (typo)"
    with pytest.raises(TidyError, match=r"3 value\(s\)") as raised:
        tidy_responses(kept, instrument, "choice_text")
    assert f"response rows {', '.join(str(r + 1) for r in rows)}" in str(raised.value)
    assert "typo" not in str(raised.value)


def test_non_numeric_value_in_numeric_item(kept: pd.DataFrame, instrument: Instrument,
                                           export: QualtricsExport) -> None:
    answered = kept.index[kept["Q9"].notna()]
    row = int(answered[3])
    kept.loc[row, "Q9"] = "about twelve"
    with pytest.raises(TidyError) as raised:
        tidy_responses(kept, instrument, "choice_text")
    message = str(raised.value)
    assert "'Q9'" in message
    assert str(row + 1) in message
    assert "twelve" not in message


def test_missing_instrument_columns_are_listed(kept: pd.DataFrame, instrument: Instrument,
                                               export: QualtricsExport) -> None:
    with pytest.raises(TidyError) as raised:
        tidy_responses(kept.drop(columns=["Q9", "Q18_2"]), instrument, "choice_text")
    message = str(raised.value)
    assert "2 question column(s)" in message
    assert "Q9" in message
    assert "Q18_2" in message


def test_bad_metadata_values_raise(kept: pd.DataFrame, instrument: Instrument,
                                   export: QualtricsExport) -> None:
    bad_date = kept.copy()
    bad_date.iloc[0, bad_date.columns.get_loc("StartDate")] = "5 November 2012"
    with pytest.raises(TidyError, match="StartDate"):
        tidy_responses(bad_date, instrument, "choice_text")
    bad_finished = kept.copy()
    bad_finished.iloc[0, bad_finished.columns.get_loc("Finished")] = "yes"
    with pytest.raises(TidyError, match="Finished"):
        tidy_responses(bad_finished, instrument, "choice_text")
