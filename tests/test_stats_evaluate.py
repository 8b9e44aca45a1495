from pathlib import Path

import pandas as pd

from csec_survey.core.codebook import population_mask
from csec_survey.stats.items import evaluate

ROOT = Path(__file__).resolve().parents[1]


def test_populations_follow_skip_logic(instrument, responses):
    assert population_mask(instrument, "all", responses).sum() == 144
    assert population_mask(instrument, "cac", responses).sum() == 133
    assert population_mask(instrument, "csec", responses).sum() == 45


def test_share_excludes_item_nonresponse_but_counts_not_sure(instrument, responses):
    result = evaluate(instrument, instrument.published["victim.sex_not_sure"], responses)
    sexes = responses.loc[responses["csec_ever"] == 1, "victim_sex"]
    assert result.numerator == int((sexes == 4).sum())
    assert result.denominator == int(sexes.notna().sum())


def test_population_denominator_counts_those_not_asked(instrument, responses):
    result = evaluate(instrument, instrument.published["unit.cac"], responses)
    assert result.denominator == 144
    assert result.numerator == int(responses["unit.cac"].fillna(False).sum())


def test_numeric_range(instrument, responses):
    result = evaluate(instrument, instrument.published["cac.years_over20"], responses)
    years = responses["cac_years"]
    assert result.numerator == int((years >= 21).sum())
    assert result.denominator == int(years.notna().sum())


def test_count_and_respondents(instrument, responses):
    assert evaluate(instrument, instrument.published["resp.taskforce"], responses).numerator == 38
    total = evaluate(instrument, instrument.published["resp.total"], responses)
    assert (total.numerator, total.denominator) == (144, None)


def test_statistics_move_with_the_data(instrument, responses):
    edited = responses.copy()
    first_male = edited.index[edited["sex"] == 1][0]
    edited.loc[first_male, "sex"] = 2
    before = evaluate(instrument, instrument.published["demo.male"], responses)
    after = evaluate(instrument, instrument.published["demo.male"], edited)
    assert after.numerator == before.numerator - 1
    edited.loc[first_male, "sex"] = pd.NA
    assert evaluate(instrument, instrument.published["demo.male"], edited).denominator == \
        before.denominator - 1
