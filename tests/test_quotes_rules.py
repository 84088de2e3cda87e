"""Speaker boundaries (issue 8, third pass), one rule per test, on sentences written for them."""

from __future__ import annotations

from khabar.records import Article, Mention, blocks_from_texts
from khabar.understand import quotes


def quoted(text: str, names: tuple[tuple[str, str, str], ...] = ()) -> list:
    """Quotes of one paragraph; ``names`` are (surface, type, key) mentions as the entity step gives."""
    item = Article(blocks=blocks_from_texts([("paragraph", text)]))
    for surface, kind, key in names:
        start = item.text.index(surface)
        item.mentions.append(Mention(start, start + len(surface), surface, kind, key))  # type: ignore[arg-type]
    item.mentions.sort(key=lambda m: m.start)
    quotes.annotate(item)
    return item.quotes


def test_an_agency_told_is_the_medium_not_part_of_the_speaker():
    [quote] = quoted("وأوضح المتحدث باسم وزارة الصحة خالد سالم لفرانس برس أن عدد المصابين ارتفع إلى عشرين.")
    assert (quote.speaker_text, quote.medium) == ("المتحدث باسم وزارة الصحة خالد سالم", "فرانس برس")


def test_an_agency_addressed_after_the_speaker_ends_the_speaker():
    [quote] = quoted("ارتفع عدد الضحايا إلى ثلاثين، حسب ما أفادت وزارة الداخلية وكالة الأنباء أمس.")
    assert quote.speaker_text == "وزارة الداخلية"


def test_a_name_tagged_from_inside_a_word_is_not_the_speaker():
    [quote] = quoted(
        "ارتفع عدد الضحايا إلى ثلاثين، حسب ما أفادت وزارة الصحة فرانس برس.",
        (("رانس برس", "PERS", "local:PERS:رانس برس"),),
    )
    assert (quote.speaker_text, quote.speaker) == ("وزارة الصحة", None)


def test_some_people_say_has_no_speaker():
    [quote] = quoted("هناك من يقول إن الفرصة ما زالت قائمة أمام المفاوضين.")
    assert quote.speaker_text is None


def test_a_wish_after_with_is_no_speaker():
    assert [q.speaker_text for q in quoted("والبوادر تشير إلى نجاح كبير، مع أمنياتي أن يوفق الاتحاد.")] in (
        [],
        [None],
    )


def test_a_participle_shares_the_subject_of_the_sentence():
    [quote] = quoted(
        "ورفض المدرب سامي التكهن بموعد عودة المهاجم قائلا: «لن أخاطر بسمعتي مرة أخرى».",
        (("سامي", "PERS", "local:PERS:سامي"),),
    )
    assert (quote.speaker_text, quote.kind) == ("سامي", "direct")


def test_a_participle_prefers_the_person_to_the_club_he_belongs_to():
    [quote] = quoted(
        "ويكشف كابتن فريق النصر السابق فهد علي في حديث قصير ملابساتها قائلاً: «هذا ما حدث في الموسم الماضي».",
        (("النصر", "ORG", "local:ORG:النصر"), ("فهد علي", "PERS", "local:PERS:فهد علي")),
    )
    assert quote.speaker_text == "فهد علي"


def test_was_and_already_around_a_subject_are_not_the_speaker():
    [quote] = quoted("وكان المتحدث باسم الحكومة راجح بادي قد قال في وقت سابق إن الوزراء سيعودون إلى عدن.")
    assert quote.speaker_text == "المتحدث باسم الحكومة راجح بادي"


def test_after_already_the_words_after_the_verb_are_its_object():
    found = quoted("والدليل أنه كان قد اعتبر مشروع البلاد النووي ذات يوم بأنه مقدس.")
    assert all(q.speaker_text != "مشروع البلاد النووي ذات يوم" for q in found)


def test_the_complementizer_is_cut_from_a_name_tagged_with_it():
    [quote] = quoted(
        "وأشار محمد عقيل بأن الغارات أدت إلى مصرع العشرات.",
        (("محمد عقيل بأن", "PERS", "local:PERS:محمد عقيل بان"),),
    )
    assert (quote.speaker_text, quote.speaker) == ("محمد عقيل", None)


def test_an_office_in_a_place_followed_by_the_name_is_one_speaker():
    [quote] = quoted(
        "وأشار المتحدث باسم المقاومة في أبين محمد عقيل بأن الغارات أدت إلى مصرع العشرات.",
        (("محمد عقيل", "PERS", "local:PERS:محمد عقيل"),),
    )
    assert (quote.speaker_text, quote.text) == ("محمد عقيل", "الغارات أدت إلى مصرع العشرات")


def test_a_statement_in_a_place_is_still_a_medium():
    [quote] = quoted("وقال الوزير في بيان إن الحكومة ستعود إلى العاصمة.")
    assert (quote.speaker_text, quote.medium) == ("الوزير", "بيان")
