import csv
import io
import json

import pandas as pd
import pytest

from csec_survey.core.export_columns import METADATA_COLUMNS, ColumnMeta, metadata_header
from csec_survey.ingest.qualtrics import ExportFormatError, read_export
from csec_survey.synthetic.qualtrics_writer import write_export

BOM = b"\xef\xbb\xbf"
EMAIL = "jane.doe@example.org"

Q1_TEXT = "Have you ever seen this,\nor something like it?"
QUESTIONS = (
    ("Q1", Q1_TEXT, {"ImportId": "QID1"}),
    ("Q6_1", "Which apply? - Phone", {"ImportId": "QID6", "choiceId": "1"}),
    ("Q6_2", "Which apply? - Computer", {"ImportId": "QID6", "choiceId": "2"}),
    ("Q6_4_TEXT", "Which apply? - Other - Text", {"ImportId": "QID6_4_TEXT"}),
    ("Q7", "Anything else?", {"ImportId": "QID7_TEXT"}),
)
ALL_COLUMNS = METADATA_COLUMNS + QUESTIONS
NAMES = [name for name, _, _ in ALL_COLUMNS]
TEXTS = [text for _, text, _ in ALL_COLUMNS]
IMPORT_IDS = [json.dumps(import_id, separators=(",", ":")) for _, _, import_id in ALL_COLUMNS]

CHOICE_TEXT = {"Status": "IP Address", "Finished": "True", "Q1": "Yes"}
NUMERIC = {"Status": "0", "Finished": "1", "Q1": "1"}


def response(n=1, **values):
    """One data row: plausible metadata, blank questions, ``values`` by column name."""
    cells = {
        "StartDate": "2014-03-01 10:00:00",
        "EndDate": "2014-03-01 10:12:00",
        "Status": "IP Address",
        "IPAddress": f"192.0.2.{n}",
        "Progress": "100",
        "Duration (in seconds)": "720",
        "Finished": "True",
        "RecordedDate": "2014-03-01 10:12:01",
        "ResponseId": f"R_{n:015d}",
        "RecipientEmail": EMAIL,
        "DistributionChannel": "anonymous",
        "UserLanguage": "EN",
    }
    cells.update(values)
    return [cells.get(name, "") for name in NAMES]


def export_bytes(*rows, bom=True, newline="\r\n", encoding="utf-8"):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    return (BOM if bom else b"") + buffer.getvalue().encode(encoding)


def standard(*data_rows, **options):
    return export_bytes(NAMES, TEXTS, IMPORT_IDS, *data_rows, **options)


def read_bytes(tmp_path, content):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    return read_export(path)


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
@pytest.mark.parametrize("newline", ["\r\n", "\n"], ids=["crlf", "lf"])
def test_reads_three_header_rows(tmp_path, bom, newline):
    content = standard(response(1), response(2, Q1="No"), bom=bom, newline=newline)
    assert content.startswith(BOM) == bom

    export = read_bytes(tmp_path, content)

    assert export.layout.bom is bom
    assert export.layout.encoding == "utf-8"
    assert export.layout.header_rows == 3
    assert export.layout.line_terminator == newline
    assert list(export.responses.columns) == NAMES
    assert list(export.responses["ResponseId"]) == ["R_000000000000001", "R_000000000000002"]
    assert list(export.responses["Q1"]) == [None, "No"]


def test_metadata_columns_run_from_start_date_to_user_language(tmp_path):
    export = read_bytes(tmp_path, standard(response(1)))
    metadata = [name for name, _, _ in METADATA_COLUMNS]

    assert list(export.responses.columns[: len(metadata)]) == metadata
    assert metadata[0] == "StartDate" and metadata[-1] == "UserLanguage"
    row = export.responses.iloc[0]
    assert row["Duration (in seconds)"] == "720"
    assert row["RecipientEmail"] == EMAIL
    assert row["RecipientLastName"] is None


def test_columns_mapping_gives_question_text_and_import_id(tmp_path):
    export = read_bytes(tmp_path, standard(response(1)))

    assert list(export.columns) == NAMES
    for name, text, import_id in ALL_COLUMNS:
        assert export.columns[name] == ColumnMeta(text=text, import_id=import_id)
    assert export.columns["Q1"].text == Q1_TEXT
    assert export.columns["Q6_2"].import_id == {"ImportId": "QID6", "choiceId": "2"}
    assert export.columns["Q6_4_TEXT"].import_id == {"ImportId": "QID6_4_TEXT"}
    assert export.columns["StartDate"].import_id == {
        "ImportId": "startDate", "timeZone": "America/New_York"}


@pytest.mark.parametrize("newline", ["\r\n", "\n"], ids=["crlf", "lf"])
def test_quoted_newlines_commas_and_blanks_come_back_intact(tmp_path, newline):
    answer = "First line, with a comma\nsecond line"
    content = standard(
        response(1, Q6_1="Phone", Q6_4_TEXT="a tablet", Q7=answer),
        response(2, Q6_2="Computer"),
        newline=newline,
    )
    assert f'"{Q1_TEXT}"'.encode() in content and f'"{answer}"'.encode() in content

    export = read_bytes(tmp_path, content)

    assert export.columns["Q1"].text == Q1_TEXT
    assert len(export.responses) == 2
    first, second = (export.responses.iloc[i] for i in range(2))
    assert first["Q7"] == answer
    assert (first["Q6_1"], first["Q6_2"], first["Q6_4_TEXT"]) == ("Phone", None, "a tablet")
    assert (second["Q6_1"], second["Q6_2"], second["Q6_4_TEXT"]) == (None, "Computer", None)
    assert second["Q7"] is None
    assert export.layout.line_terminator == newline


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([response(1, **CHOICE_TEXT), response(2, Status="Survey Preview", Finished="False")],
         "choice_text"),
        ([response(1, **NUMERIC), response(2, Status="1", Finished="0")], "numeric"),
        ([], "undetermined"),
    ],
    ids=["choice-text", "numeric", "header-only"],
)
def test_value_layout_is_detected(tmp_path, rows, expected):
    export = read_bytes(tmp_path, standard(*rows))

    assert export.layout.values == expected
    assert len(export.responses) == len(rows)
    assert list(export.responses.columns) == NAMES


def test_write_then_read_round_trips(tmp_path):
    columns = {**metadata_header(),
               **{name: ColumnMeta(text, import_id) for name, text, import_id in QUESTIONS}}
    rows = [response(1, Q1="Yes", Q6_1="Phone", Q7="two\nlines, and a comma"),
            response(2, Q1="No", Finished="False", Q6_4_TEXT="other \"quoted\" thing")]
    responses = pd.DataFrame([[cell or None for cell in row] for row in rows],
                             columns=NAMES, dtype=object)
    path = tmp_path / "written.csv"

    write_export(path, responses, columns)
    export = read_export(path)

    pd.testing.assert_frame_equal(export.responses, responses)
    assert export.columns == columns
    assert path.read_bytes().startswith(BOM)
    assert export.layout.bom is True
    assert export.layout.line_terminator == "\r\n"
    assert export.layout.values == "choice_text"

    again = tmp_path / "rewritten.csv"
    write_export(again, export.responses, export.columns)
    assert again.read_bytes() == path.read_bytes()


def _without(column, rows):
    index = NAMES.index(column)
    return [row[:index] + row[index + 1:] for row in rows]


MALFORMED = {
    "empty": (b"", ["empty", "three header rows"]),
    "whitespace-only": (b" \r\n\t\n  \n", ["empty", "three header rows"]),
    "two-header-rows-legacy": (
        export_bytes(NAMES, TEXTS, response(1), response(2), response(3)),
        ["row 3", "ImportId", "two header rows", "three header rows"]),
    "import-id-row-removed": (
        export_bytes(NAMES, TEXTS, response(1)),
        ["row 3", "ImportId", "three header rows"]),
    "import-id-row-removed-header-only": (
        export_bytes(NAMES, TEXTS),
        ["found 2 row(s)", "three", "ImportId"]),
    "question-text-row-removed": (
        export_bytes(NAMES, IMPORT_IDS, response(1)),
        ["row 3", "ImportId", "question-text row"]),
    "windows-1252-quotes": (
        standard(response(1, Q7="\u201cquoted\u201d"), bom=False, encoding="cp1252"),
        ["not valid UTF-8", "Windows-1252"]),
    "windows-1252-accent": (
        standard(response(1), response(2, Q7="caf\u00e9"), bom=False, encoding="cp1252"),
        ["not valid UTF-8", "Windows-1252"]),
    "utf-16-with-bom": (
        standard(response(1), bom=False, encoding="utf-16"),
        ["UTF-16", "expected UTF-8"]),
    "truncated-last-row": (
        standard(response(1), response(2, Q7="fine"),
                 response(3)[: NAMES.index("RecipientEmail") + 1]),
        ["response row 3", f"has {NAMES.index('RecipientEmail') + 1} fields",
         f"header has {len(NAMES)}", "truncated"]),
    "duplicate-column": (
        export_bytes([*NAMES, "Q1"], [*TEXTS, Q1_TEXT], [*IMPORT_IDS, '{"ImportId":"QID1"}'],
                     [*response(1), EMAIL]),
        [f"columns {NAMES.index('Q1') + 1} and {len(NAMES) + 1} of the header row are both "
         "'Q1'", "same export tag", "export again"]),
    "no-response-id": (
        export_bytes(*_without("ResponseId", [NAMES, TEXTS, IMPORT_IDS, response(1)])),
        ["no ResponseId column", "first header row"]),
    "finished-neither-layout": (
        standard(response(1), response(2, Finished=EMAIL)),
        ["Finished", "True/False or 1/0"]),
}


@pytest.mark.parametrize(("content", "phrases"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_export_is_refused(tmp_path, content, phrases):
    with pytest.raises(ExportFormatError) as caught:
        read_bytes(tmp_path, content)

    message = str(caught.value)
    assert "export.csv" in message
    for phrase in phrases:
        assert phrase in message
    assert EMAIL not in message
    assert "example.org" not in message


def test_malformed_fixtures_with_data_carry_the_fake_email():
    headerless = {"empty", "whitespace-only", "import-id-row-removed-header-only"}
    for name, (content, _) in MALFORMED.items():
        if name not in headerless:
            assert EMAIL.encode() in content or EMAIL.encode("utf-16-le") in content, name


def test_line_terminator_ignores_crlf_inside_quoted_cell(tmp_path):
    export = read_bytes(tmp_path, standard(response(1, Q7="pasted\r\nfrom Windows"),
                                           newline="\n"))

    assert export.responses.iloc[0]["Q7"] == "pasted\r\nfrom Windows"
    assert export.layout.line_terminator == "\n"


def test_a_data_row_in_place_of_the_header_is_not_quoted(tmp_path):
    row = ["2014-03-01", "R_1", EMAIL, "True", EMAIL]
    with pytest.raises(ExportFormatError) as caught:
        read_bytes(tmp_path, export_bytes(row, row, row))
    assert EMAIL not in str(caught.value)


def test_trailing_blank_line_is_ignored(tmp_path):
    export = read_bytes(tmp_path, standard(response(1)) + b"\r\n")
    assert len(export.responses) == 1


def test_cut_off_quoted_cell_names_the_line(tmp_path):
    content = standard(response(1)) + b'"2012-11-05 09:00:00,"unfinished'
    with pytest.raises(ExportFormatError, match="starting on line"):
        read_bytes(tmp_path, content)


def test_utf16_without_bom_is_named(tmp_path):
    with pytest.raises(ExportFormatError, match="UTF-16"):
        read_bytes(tmp_path, standard(response(1), bom=False).decode("utf-8").encode("utf-16-le"))
