"""Quotes: speaker, verb, medium and kind on real sentences of the sample page and SaudiNewsNet style."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.records import Article, Entity, Mention, blocks_from_texts
from khabar.understand import quotes

KREMLIN_STATEMENT = (
    "وذكر «الكرملين»، في بيان، أنه «سيجري التطرق إلى تطوير العلاقات الروسية - الأذربيجانية... "
    "وكذلك إلى مشكلات الساعة الدولية والإقليمية»."
)
VISIT = (
    "يجري الرئيس الروسي فلاديمير بوتين زيارة دولة إلى أذربيجان في 18 و19 أغسطس (آب) الحالي، بهدف تطوير "
    "العلاقات الثنائية وبحث «المشكلات الإقليمية والدولية»، على ما أعلن «الكرملين»."
)
AIDE = (
    "أعلن أحد مساعدي الرئيس الأوكراني فولوديمير زيلينسكي، الجمعة، أن هجوم كييف غير المسبوق على روسيا "
    "يهدف إلى «إقناع» موسكو بالخوض في «عملية تفاوض منصفة» من خلال إلحاق «هزائم تكتيكية كبيرة»."
)
PODOLYAK = (
    "وقال مساعد الرئيس، ميخايلو بودولياك، على منصة «إكس»: «في منطقة كورسك، يمكننا أن نرى بوضوح كيف "
    "تُستخدم الأداة العسكرية بموضوعية لإقناع روسيا بالدخول في عملية تفاوض منصفة»."
)
COP = (
    "وأذربيجان، التي تستضيف مؤتمر المناخ المقبل «كوب 29» في نوفمبر (تشرين الثاني) المقبل، هي من كبار "
    "منتجي الغاز الطبيعي."
)


def article(*paragraphs: str, names: tuple[tuple[str, str, str], ...] = ()) -> Article:
    """An article with hand-made mentions: (surface, type, entity key) found in the text."""
    result = Article(blocks=blocks_from_texts([("paragraph", text) for text in paragraphs]))
    text = result.text
    for surface, kind, key in names:
        position = text.find(surface)
        while position >= 0:
            result.mentions.append(Mention(position, position + len(surface), surface, kind, key))  # type: ignore[arg-type]
            position = text.find(surface, position + 1)
        if not any(entity.key == key for entity in result.entities):
            result.entities.append(Entity(key, kind, surface))  # type: ignore[arg-type]
    result.mentions.sort(key=lambda m: m.start)
    return result


def quotes_of(item: Article) -> list:
    quotes.annotate(item)
    return item.quotes


def test_kremlin_statement_has_speaker_verb_and_medium():
    item = article(KREMLIN_STATEMENT, names=(("الكرملين", "ORG", "Q1415"),))
    [quote] = quotes_of(item)
    assert (quote.speaker, quote.speaker_text, quote.verb, quote.medium) == (
        "Q1415",
        "الكرملين",
        "ذكر",
        "بيان",
    )


def test_kremlin_statement_is_mixed_and_spans_the_quoted_words():
    [quote] = quotes_of(article(KREMLIN_STATEMENT))
    assert quote.kind == "mixed"
    assert quote.text.startswith("«سيجري التطرق") and quote.text.endswith("الدولية والإقليمية»")


def test_source_frame_quotes_the_clause_before_it():
    [quote] = quotes_of(article(VISIT, names=(("الكرملين", "ORG", "Q1415"),)))
    assert (quote.kind, quote.verb, quote.speaker) == ("indirect", "أعلن", "Q1415")
    assert quote.text.startswith("يجري الرئيس الروسي") and quote.text.endswith(
        "«المشكلات الإقليمية والدولية»"
    )


def test_direct_quote_on_x_names_the_aide_through_apposition():
    names = (("الرئيس", "PERS", "unused"), ("ميخايلو بودولياك", "PERS", "Q24911234"))
    [quote] = quotes_of(article(PODOLYAK, names=names[1:]))
    assert (quote.kind, quote.verb, quote.medium) == ("direct", "قال", "إكس")
    assert (quote.speaker, quote.speaker_text) == ("Q24911234", "ميخايلو بودولياك")
    assert quote.text.startswith("في منطقة كورسك") and quote.text.endswith("عملية تفاوض منصفة")


def test_unnamed_aide_is_not_zelensky_but_the_aide_named_later():
    names = (("فولوديمير زيلينسكي", "PERS", "Q3881"), ("ميخايلو بودولياك", "PERS", "Q24911234"))
    first, second = quotes_of(article(AIDE, PODOLYAK, names=names))
    assert (first.kind, first.verb) == ("indirect", "أعلن")
    assert first.speaker_text == "أحد مساعدي الرئيس الأوكراني فولوديمير زيلينسكي"
    assert first.speaker == "Q24911234"
    assert first.text.startswith("هجوم كييف غير المسبوق")


def test_unnamed_speaker_without_a_named_colleague_stays_unlinked():
    [quote] = quotes_of(article(AIDE, names=(("فولوديمير زيلينسكي", "PERS", "Q3881"),)))
    assert quote.speaker is None


def test_guillemets_around_names_are_not_quotes():
    assert quotes_of(article(COP)) == []
    assert quotes_of(article("مثيرة استياء «الكرملين».")) == []


def test_announcing_a_visit_is_not_reported_speech():
    text = "وأعلن «الكرملين» هذه الزيارة في وقت تتصدى فيه روسيا لهجوم عسكري."
    assert quotes_of(article(text)) == []


def test_unhamzated_verb_and_complementizer_of_the_press():
    [quote] = quotes_of(article("قال مسؤولون أفغان ان 14 جنديا أفغانيا قتلوا في حادث اطلاق نار."))
    assert (quote.verb, quote.speaker_text, quote.kind) == ("قال", "مسؤولون أفغان", "indirect")
    assert quote.text == "14 جنديا أفغانيا قتلوا في حادث اطلاق نار"


def test_verb_without_subject_continues_the_previous_speaker():
    item = article(
        "وقال وزير الخارجية عادل الجبير إن المملكة تدعم الحل السياسي في اليمن.",
        "وأضاف أن الحوار هو السبيل الوحيد لإنهاء الأزمة.",
        names=(("عادل الجبير", "PERS", "Q4111245"),),
    )
    first, second = quotes_of(item)
    assert (second.verb, second.speaker, second.speaker_text) == ("أضاف", "Q4111245", "عادل الجبير")


def test_subject_before_the_verb_is_the_speaker():
    [quote] = quotes_of(
        article("الرئيس الأوكراني فولوديمير زيلينسكي قال إن القوات الأوكرانية «تواصل تقدمها» في كورسك.")
    )
    assert quote.speaker_text == "الرئيس الأوكراني فولوديمير زيلينسكي"


def test_statement_to_a_newspaper_is_its_medium():
    text = "وقال الناطق باسم قاعدة العند لـ«الشرق الأوسط» إن تحرير القاعدة جاء بعد عملية طويلة."
    [quote] = quotes_of(article(text))
    assert (quote.speaker_text, quote.medium) == ("الناطق باسم قاعدة العند", "الشرق الأوسط")


def test_verb_preposition_is_not_part_of_the_speaker():
    [quote] = quotes_of(article("وأشار التقرير إلى أن الصادرات تراجعت بنسبة عشرة في المائة."))
    assert (quote.verb, quote.speaker_text) == ("أشار", "التقرير")


def test_place_phrase_after_the_verb_is_not_the_speaker():
    item = article("وقال الوزير إن الحكومة ستواصل الإصلاح.", "وذكر أثناء زيارة للعراق أن الغارات مستمرة.")
    _, second = quotes_of(item)
    assert second.speaker_text == "الوزير"


def test_spans_point_into_the_article_text():
    item = article(VISIT, KREMLIN_STATEMENT, AIDE, PODOLYAK)
    for quote in quotes_of(item):
        assert item.text[quote.start : quote.end] == quote.text
        assert item.text[quote.speaker_start : quote.speaker_end] == quote.speaker_text


def test_empty_article_has_no_quotes():
    assert quotes_of(Article()) == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(list('قال أعلن أن إن «»":،,.؟ و في بيان لـ الكرملين\n'))
            | st.characters()
        ),
        max_size=4,
    )
)
def test_never_crashes_and_spans_stay_inside(paragraphs):
    item = article(*paragraphs)
    for quote in quotes_of(item):
        assert 0 <= quote.start <= quote.end <= len(item.text)
        assert item.text[quote.start : quote.end] == quote.text


def test_outlet_name_in_guillemets_belongs_to_the_speaker():
    [quote] = quotes_of(article("وذكرت صحيفة «ذا تايمز أوف إنديا» أن القرد سرق الحقيبة من امرأة."))
    assert (quote.speaker_text, quote.kind) == ("صحيفة «ذا تايمز أوف إنديا»", "indirect")


def test_topic_of_amma_is_the_speaker():
    text = "أما المهاجم عبد المالك زياية، فاعتبر أن أفضل سيناريو للمباراة هو التسجيل مبكرا."
    [quote] = quotes_of(article(text))
    assert quote.speaker_text == "المهاجم عبد المالك زياية"


def test_participle_in_mid_sentence_shares_the_sentence_subject():
    item = article(
        "وقال الوزير إن الحكومة ستواصل الإصلاح.",
        "من جهته، استنكر النائب منصور الظفيري العمل الإرهابي، مؤكدا أن هذا العمل يتنافى مع القيم.",
        names=(("منصور الظفيري", "PERS", "local:PERS:منصور الظفيري"),),
    )
    _, second = quotes_of(item)
    assert second.speaker_text == "منصور الظفيري"


def test_name_opening_the_phrase_is_the_speaker_not_a_later_namesake():
    text = "من جهته قال رأفت الصباغ المتحدث الرسمي باسم مركز الملك سلمان للإغاثة إن المركز أعاد العالقين."
    names = (("رأفت الصباغ", "PERS", "local:1"), ("الملك سلمان", "PERS", "Q367825"))
    [quote] = quotes_of(article(text, names=names))
    assert quote.speaker_text == "رأفت الصباغ"


def test_scripture_cited_in_a_sermon_is_no_quote():
    from khabar.records import Article, blocks_from_texts
    from khabar.understand import quotes

    item = Article(
        blocks=blocks_from_texts([("paragraph", "وقال تعالى: «ولا تقتلوا أنفسكم إن الله كان بكم رحيما».")])
    )
    quotes.annotate(item)
    assert item.quotes == []


def test_a_negation_is_no_speaker():
    from khabar.records import Article, blocks_from_texts
    from khabar.understand import quotes

    item = Article(
        blocks=blocks_from_texts([("paragraph", "وقال إن المشروع مهم. وصرح لا أحد أن الموعد تأجل.")])
    )
    quotes.annotate(item)
    assert all(q.speaker_text != "لا أحد" for q in item.quotes)


def test_speech_named_between_speaker_and_complement():
    """«في كلمة الافتتاح،» between the speaker and «إن» is the medium, not the end of the frame."""
    import khabar

    text = (
        "عنوان\n\nوقال وزير البيئة والمياه والزراعة السعودي عبد الرحمن الفضلي، في كلمة الافتتاح، "
        "إن «الأمن الغذائي العربي مسؤولية مشتركة»."
    )
    (quote,) = khabar.parse(text).articles[0].quotes
    assert (quote.verb, quote.speaker_text, quote.medium) == ("قال", "عبد الرحمن الفضلي", "كلمة")


def test_markdown_shows_a_mixed_quote_with_its_own_guillemets_only():
    import khabar
    from khabar.render import page_markdown

    text = (
        "عنوان\n\nوقال وزير المياه الأردني إن المشروع «سيوفر المياه لنحو ألفي مزارع» خلال العامين المقبلين."
    )
    page = khabar.parse(text)
    lines = [
        line for line in page_markdown(page).splitlines() if "ألفي مزارع" in line and line.startswith("- ")
    ]
    assert lines == [
        "- وزير المياه الأردني (قال, mixed): المشروع «سيوفر المياه لنحو ألفي مزارع» خلال العامين المقبلين"
    ]
