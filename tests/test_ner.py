"""Recognition: the committed CRF, tokens and spans, CoNLL scoring and the ner-eval command."""

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from khabar.cli import ner_eval  # noqa: F401  (registers the command)
from khabar.cli.app import app
from khabar.records import Article, blocks_from_texts
from khabar.understand.entities import annotate, find_entities
from khabar.understand.ner.conll import evaluate, read_conll, spans
from khabar.understand.ner.document import document_features
from khabar.understand.ner.model import load_tagger, tag
from khabar.understand.ner.recognize import _trimmed, clitic_offset, recognize
from khabar.understand.ner.tokens import sentences, tokenize
from tests.conftest import SHARED


def _article(*paragraphs: str) -> Article:
    return Article(blocks=blocks_from_texts([("paragraph", p) for p in paragraphs]))


def test_committed_model_loads():
    assert load_tagger() is not None


def test_tokens_split_punctuation_and_keep_clitics():
    assert [t.text for t in tokenize("أعلن «الكرملين»، لموسكو.")] == [
        "أعلن",
        "«",
        "الكرملين",
        "»",
        "،",
        "لموسكو",
        ".",
    ]


def test_sentences_end_at_full_stops_and_line_breaks():
    text = "زار بوتين باكو. ثم عاد\n\nوقال لافروف"
    assert [[t.text for t in s] for s in sentences(text, tokenize(text))] == [
        ["زار", "بوتين", "باكو", "."],
        ["ثم", "عاد"],
        ["وقال", "لافروف"],
    ]


def test_crf_tags_a_titled_person():
    assert tag("يجري الرئيس الروسي فلاديمير بوتين زيارة".split()) == ["O", "O", "O", "B-PERS", "I-PERS", "O"]


def test_clitic_is_left_out_of_a_place_span():
    text = "تعد أذربيجان شريكاً مقرباً لموسكو"
    found = [text[s.start : s.end] for s in recognize(text)]
    assert "موسكو" in found


def test_clitic_offset_keeps_the_article_and_whole_names():
    assert (clitic_offset("والكرملين"), clitic_offset("بوتين"), clitic_offset("لأذربيجان")) == (1, 0, 1)


def test_kremlin_in_guillemets_is_an_organization():
    article = _article("على ما أعلن «الكرملين».")
    assert [(m.text, m.type) for m in (annotate(article) or article.mentions)] == [("الكرملين", "ORG")]


def test_indefinite_adjective_is_not_a_place():
    article = _article("تواجه روسيا هجوماً أوكرانياً غير مسبوق.")
    assert [m.text for m in (annotate(article) or article.mentions)] == ["روسيا"]


def test_spans_follow_seqeval_conventions():
    assert spans(["B-PERS", "I-PERS", "O", "I-LOC", "B-LOC", "I-ORG"]) == [
        ("PERS", 0, 2),
        ("LOC", 3, 4),
        ("LOC", 4, 5),
        ("ORG", 5, 6),
    ]


def test_evaluate_counts_exact_span_and_type_only():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    predicted = [["B-PERS", "O", "O", "B-LOC"]]
    scores = evaluate(gold, predicted)
    assert (scores["overall"].precision, scores["overall"].recall, scores["LOC"].f1) == (0.5, 0.5, 1.0)


def test_read_conll_splits_sentences_on_blank_lines(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("بوتين B-PERS\nزار O\n\nباكو B-LOC\n", encoding="utf-8")
    assert read_conll(path) == [(["بوتين", "زار"], ["B-PERS", "O"]), (["باكو"], ["B-LOC"])]


def test_ner_eval_prints_per_type_and_overall(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("يجري O\nالرئيس O\nالروسي O\nفلاديمير B-PERS\nبوتين I-PERS\nزيارة O\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ner-eval", str(path)])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1].split() == ["overall", "1.0000", "1.0000", "1.0000", "1"]


def test_ner_eval_on_a_missing_file_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(app, ["ner-eval", str(tmp_path / "none.txt")])
    assert result.exit_code == 2


def test_anercorp_test_score_stays_at_the_goal():
    """Issue 5's bar, printed by ``khabar ner-eval``: at least 0.75 entity F1 (0.7534 when written);
    the committed models are deterministic, so a change that loses it fails here."""
    result = CliRunner().invoke(app, ["ner-eval", str(SHARED / "ner" / "anercorp" / "test.txt")])
    assert result.exit_code == 0
    overall = result.output.splitlines()[-1].split()
    assert overall[0] == "overall" and float(overall[3]) >= 0.75


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("بوتينروسياال «»،.\n أإآةىـًٌ123abc"), max_size=200))
def test_annotate_never_crashes_and_spans_match_text(text):
    article = _article(text)
    annotate(article)
    assert all(article.text[m.start : m.end] == m.text for m in article.mentions)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_recognize_survives_arbitrary_unicode(text):
    assert all(0 <= s.start < s.end <= len(text) for s in recognize(text))


def test_second_pass_sees_how_the_document_read_the_same_word_elsewhere():
    document = [["قال", "بوتين", "إن"], ["وأضاف", "بوتين"]]
    first = [["O", "B-PERS", "O"], ["O", "O"]]
    second = document_features(document, first)
    assert ("d=PERS" in second[1][1], "d=PERS" in second[0][1]) == (True, False)


def test_month_names_inside_dates_are_not_entities():
    """«نيسان» in «أبريل (نيسان) المقبل» is a month, not the carmaker."""
    from khabar.records import Article, Published, blocks_from_texts
    from khabar.understand import understand

    article = Article(
        blocks=blocks_from_texts([("paragraph", "يزور الوفد مصر في أبريل (نيسان) المقبل.")]),
        published=Published("2025-03-03", "test"),
    )
    understand(article, steps=("dates", "entities"))
    assert [d.value for d in article.dates] == ["2025-04"]
    assert [m.text for m in article.mentions] == ["مصر"]


def test_an_agency_after_a_preposition_is_whole_and_linked():
    mentions, _ = find_entities("وقال المتحدث لفرانس برس إن الهجوم فشل.")
    assert [(m.text, m.type, m.entity) for m in mentions] == [("فرانس برس", "ORG", "Q40464")]


def test_a_person_ends_before_the_agency_they_spoke_to():
    mentions, _ = find_entities("وقالت ريم سنجاري لفرانس برس إن المدينة هادئة.")
    assert [m.text for m in mentions] == ["ريم سنجاري", "فرانس برس"]


def test_a_name_span_loses_punctuation_and_function_words_at_its_edges():
    sentence = tokenize('قالت مؤسسة " الخير " بأن')
    assert _trimmed(sentence, "ORG", 1, 3) == (1, 2)  # «مؤسسة "» → «مؤسسة»
    assert _trimmed(sentence, "PERS", 3, 6) == (3, 4)  # «الخير " بأن» → «الخير»


def test_two_names_joined_by_waw_are_two_names():
    from khabar.understand.ner.model import split_coordination

    document = [["شركتي", "تويوتا", "وجنرال", "موتورز", "و", "محادثات", "بوتين", "وميركل"]]
    tags = [["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-PERS", "I-PERS"]]
    assert split_coordination(document, tags, []) == [
        ["O", "B-ORG", "B-ORG", "I-ORG", "O", "O", "B-PERS", "B-PERS"]
    ]


def test_names_that_go_on_with_waw_stay_whole():
    from khabar.understand.ner.model import split_coordination

    document = [
        ["المجلس", "الاقتصادي", "والاجتماعي"],  # an organization going on with a common word
        ["محمد", "ولد", "عبد", "العزيز"],  # the Mauritanian «ولد»
        ["بطولة", "السمان", "والخريف"],  # titles of works are left alone
    ]
    tags = [["B-ORG", "I-ORG", "I-ORG"], ["B-PERS", "I-PERS", "I-PERS", "I-PERS"], ["O", "B-MISC", "I-MISC"]]
    assert split_coordination(document, tags, []) == tags
    # A multi-word gazetteer name running through the «و» word keeps it: «البوسنة والهرسك».
    assert split_coordination(
        [["البوسنة", "والهرسك"]], [["B-LOC", "I-LOC"]], [(0, "B-LOC"), (1, "I-LOC")]
    ) == [["B-LOC", "I-LOC"]]
