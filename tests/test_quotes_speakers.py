"""Speaker rules of the fourth pass (issue 8), one per test, on sentences written for them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.records import Article, Mention, blocks_from_texts
from khabar.understand import quotes


def quoted(paragraphs: list[str], names: tuple[tuple[str, str, str], ...] = ()) -> list:
    """Quotes of the paragraphs; ``names`` are (surface, type, key) mentions as the entity step gives."""
    item = Article(blocks=blocks_from_texts([("paragraph", text) for text in paragraphs]))
    for surface, kind, key in names:
        start = item.text.index(surface)
        item.mentions.append(Mention(start, start + len(surface), surface, kind, key))  # type: ignore[arg-type]
    item.mentions.sort(key=lambda m: m.start)
    quotes.annotate(item)
    return item.quotes


def test_an_honorific_pronoun_goes_on_with_the_previous_speaker():
    found = quoted(
        ["وقال الوزير خالد العلي إن العمل مستمر.", "وأشار معاليه إلى أن الوزارة تتابع المشاريع."],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert [q.speaker_text for q in found] == ["خالد العلي", "خالد العلي"]


def test_an_honorific_pronoun_takes_the_person_named_with_its_title():
    found = quoted(
        [
            "ترأس صاحب السمو الملكي الأمير محمد بن نايف اجتماعا أمنيا.",
            "ونقل نائب خادم الحرمين الشريفين التعازي.",
            "وقال سموه إن هذه الحوادث لن تثني عزائمنا.",
        ],
        (
            ("محمد بن نايف", "PERS", "Q1397598"),
            ("خادم الحرمين الشريفين", "PERS", "Q367825"),
        ),
    )
    assert [(q.speaker_text, q.speaker) for q in found] == [("محمد بن نايف", "Q1397598")]


def test_a_verb_tagged_into_a_name_is_cut_from_the_speaker():
    [quote] = quoted(
        ["واستدرك الفهيد قائلاً إن القرار يخدم صغار المزارعين."],
        (("واستدرك الفهيد", "PERS", "local:PERS:واستدرك الفهيد"),),
    )
    assert (quote.speaker_text, quote.speaker) == ("الفهيد", None)


def test_a_newspaper_addressed_is_not_part_of_the_speaker():
    [quote] = quoted(["وأكد المصدر للصحيفة أن الاتفاق يتعلق بقاعدة واحدة فقط."])
    assert quote.speaker_text == "المصدر"


def test_a_name_after_a_stadium_is_no_speaker():
    [quote] = quoted(
        ["وأرجع قرار إقامة المباريات على ملعب الأمير عبدالله الفيصل إلى الفحص، مؤكدا أن الملعب سيكون جاهزا."],
        (("عبدالله الفيصل", "PERS", "local:PERS:عبدالله الفيصل"),),
    )
    assert quote.speaker_text is None


def test_a_plural_verb_does_not_go_on_with_one_person():
    found = quoted(
        ["وقال محسن الغامدي إن المهرجان ناجح.", "وأكدوا أن وجود المهرجانات مهم للمحافظة."],
        (("محسن الغامدي", "PERS", "local:PERS:محسن الغامدي"),),
    )
    assert [q.speaker_text for q in found] == ["محسن الغامدي", None]


def test_a_name_after_a_preposition_is_not_the_next_verbs_subject():
    found = quoted(
        ["ولا يزال المدرب يؤكد اهتمامه بضم راموس، وأكد أنه لم يفقد الأمل."],
        (("راموس", "PERS", "local:PERS:راموس"),),
    )
    assert all(q.speaker_text != "راموس" for q in found)


def test_a_club_after_a_role_qualifies_the_person_named_next():
    found = quoted(
        ["ولا يزال مدرب مانشستر يونايتد، الهولندي لويس فان غال يتابع اللاعب، وأكد أنه لم يفقد الأمل."],
        (
            ("مانشستر يونايتد", "ORG", "Q18656"),
            ("لويس فان غال", "PERS", "Q45796"),
        ),
    )
    assert [q.speaker for q in found] == ["Q45796"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "وقال",
                "وأكدوا",
                "معاليه",
                "سموه",
                "للصحيفة",
                "ملعب",
                "بضم",
                "مدرب",
                "إن",
                "أن",
                "،",
                "«",
                "»",
                ".",
            ]
        )
        | st.text(max_size=6),
        max_size=25,
    )
)
def test_any_words_give_quotes_or_nothing(words):
    text = " ".join(words)
    found = quoted([text])
    assert all(0 <= q.start <= q.end <= len(text) for q in found)
