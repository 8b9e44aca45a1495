from importlib import resources

from csec_survey.deidentify.gazetteers import build_gazetteers, load_gazetteers
from csec_survey.deidentify.nlp import PIPELINE, build_pipeline


def test_committed_word_lists_are_what_the_source_packages_give(tmp_path):
    sizes = build_gazetteers(tmp_path)
    committed = resources.files("csec_survey.deidentify") / "data"
    for name in sizes:
        assert (tmp_path / f"{name}.txt").read_text(encoding="utf-8") == \
            (committed / f"{name}.txt").read_text(encoding="utf-8"), name


def test_ordinary_words_need_context_and_names_do_not():
    gazetteers = load_gazetteers()
    for word in ("Will", "Hope", "Mobile", "Grant", "Price", "Long", "Friday", "Western"):
        assert gazetteers.is_ordinary(word), word
    for word in ("Ramirez", "Lopez", "Nguyen", "Johnson", "Smith"):
        assert not gazetteers.is_ordinary(word), word
        assert word in gazetteers.last_names
    assert "Shreveport" in gazetteers.us_cities
    assert "Ohio" in gazetteers.us_states


def test_the_spacy_pipeline_ships_with_a_lookup_lemmatizer():
    import spacy

    nlp = spacy.load(PIPELINE)
    assert nlp.pipe_names == ["lemmatizer"]
    assert [token.lemma_ for token in nlp("officers called")] == ["officer", "call"]


def test_committed_pipeline_is_what_build_pipeline_saves(tmp_path):
    built = build_pipeline(tmp_path / "spacy_en")
    committed = sorted(path.relative_to(PIPELINE) for path in PIPELINE.rglob("*") if path.is_file())
    assert committed == sorted(path.relative_to(built) for path in built.rglob("*")
                               if path.is_file())
    for name in committed:
        assert (built / name).read_bytes() == (PIPELINE / name).read_bytes(), name
