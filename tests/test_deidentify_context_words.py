"""Context words: cues among the five words before a match raise its score."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from csec_survey.deidentify.context_words import ContextWords

CUES = ContextWords(["case", "report", "number"])


@pytest.mark.parametrize(("text", "cued"), [
    ("case 12-3345", True),
    ("the reports had it as 12-3345", True),  # a lemma: "reports" is "report"
    ("his number was 12-3345", True),  # as written: the lemma table reads "numb"
    ("Case 12-3345", True),
    ("the case was then sent over to the county as 12-3345", True),  # stop words skipped
    ("the case went to patrol, records, intake, juvenile, probation: 12-3345", False),
    ("she met him around 12-3345", False),
    ("12-3345", False),
])
def test_a_cue_counts_among_the_five_words_before_a_match(text, cued):
    assert CUES.before(text, text.index("12-3345")) is cued


def test_a_cued_result_is_raised_as_presidio_raises_it_and_others_are_left():
    text = "case 12-3345 went through patrol, records, intake, probation by 10/9"
    cued = RecognizerResult("CASE_NUMBER", 5, 12, 0.6)
    far = RecognizerResult("DATE", text.index("10/9"), len(text), 0.2)
    weighed = CUES.weigh(text, [cued, far])
    assert [round(r.score, 2) for r in weighed] == [0.95, 0.2]
    low = RecognizerResult("DATE", 5, 12, 0.01)
    assert CUES.weigh(text, [low])[0].score == pytest.approx(0.4)


def test_a_stop_word_cue_is_refused_not_ignored():
    with pytest.raises(ValueError, match=r"no stop words: \['on'\]"):
        ContextWords(["date", "on"])
