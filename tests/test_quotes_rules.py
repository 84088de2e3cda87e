"""Speaker boundaries (issue 8, third pass), one rule per test, on sentences written for them."""

from __future__ import annotations

from tests.test_quotes_speakers import quoted as quoted_paragraphs


def quoted(text: str, names: tuple[tuple[str, str, str], ...] = ()) -> list:
    """Quotes of one paragraph; ``names`` are (surface, type, key) mentions as the entity step gives."""
    return quoted_paragraphs([text], names)


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


def test_a_verb_with_no_subject_does_not_take_a_name_from_the_middle_of_its_sentence():
    [quote] = quoted(
        "وأدانت الهيئة المشتركة بشدة دخول الوزير المتطرف، أوري أرئيل، لباحات المسجد، وقالت: «إن هدفه تغيير الوضع القائم».",
        (("أوري أرئيل", "PERS", "local:PERS:اوري ارئيل"),),
    )
    assert quote.speaker_text is None


def test_a_clause_with_prepositions_before_the_verb_is_no_subject():
    [quote] = quoted("فركت الطاسة من بقايا العجين ووضعتها على فمها وقالت: تخبر عن صديق لأبيك.")
    assert quote.speaker_text is None


def test_a_negated_clause_before_the_verb_is_no_subject():
    [quote] = quoted("ولم يكذب الشاعر عندما قال: «مضناك جفاه مرقده».")
    assert quote.speaker_text is None


def test_an_agency_after_its_outlet_noun_is_the_speaker():
    [quote] = quoted("جمدت تركيا أموال الرئيس السابق، على ما أعلنت وكالة الأناضول للأنباء الجمعة.")
    assert quote.speaker_text == "وكالة الأناضول للأنباء"


def test_a_participle_after_a_quote_goes_on_with_its_speaker():
    found = quoted(
        "زار بحاح الجرحى.وأشارت مصادر إعلامية إلى أن مسؤولين رافقوا الوفد، مشيرة إلى أن بحاح يحمل خطة.",
        (("بحاح", "PERS", "local:PERS:خالد بحاح"),),
    )
    assert [q.speaker_text for q in found] == ["مصادر إعلامية", "مصادر إعلامية"]


def test_a_kunya_stays_with_the_name():
    [quote] = quoted(
        "واستثمرت ام محمد الإجازة بتعليم أبنائها اللغة، موضحة أن على الأسر تنظيم الوقت.",
        (("محمد", "PERS", "local:PERS:محمد"),),
    )
    assert (quote.speaker_text, quote.speaker) == ("ام محمد", None)


def test_drawing_attention_is_part_of_the_verb():
    found = quoted("وقال الوزير إن المشروع اكتمل، لافتا الانتباه إلى أن الافتتاح قريب.")
    assert [(q.speaker_text, q.text) for q in found] == [
        ("الوزير", "المشروع اكتمل"),
        ("الوزير", "الافتتاح قريب"),
    ]


def test_a_sentence_opening_on_another_person_hands_the_speech_to_them():
    found = quoted(
        "وأكد المواطن عبدالله الحسيني أن الشاطئ جميل. من جهته وصف إبراهيم الصاعدي الشاطئ بأنه الأول. وأضاف أن رماله ناعمة.",
        (
            ("عبدالله الحسيني", "PERS", "local:PERS:عبدالله الحسيني"),
            ("إبراهيم الصاعدي", "PERS", "local:PERS:ابراهيم الصاعدي"),
        ),
    )
    assert [q.speaker_text for q in found] == ["عبدالله الحسيني", "إبراهيم الصاعدي"]


def test_not_revealing_a_name_is_no_quote():
    found = quoted("وقال المصدر، الذي طلب عدم كشف اسمه، “تم تأجيل الزيارة إلى موعد لاحق”.")
    assert [q.verb for q in found if q.verb == "كشف"] == []


def test_a_verb_followed_by_another_reporting_verb_leaves_the_quote_to_it():
    found = quoted("وأضاف الوزير أن الأمن مستتب، وأردف يقول «إن من فقدناهم شهداء».")
    assert all(q.speaker_text != "يقول" for q in found)


def test_particles_before_a_subject_are_not_part_of_it():
    [quote] = quoted(
        "وعلى الرغم من أن الاتفاق ينص على الحظر، فإن لافروف قال إنه من الممكن استئناف الصادرات.",
        (("لافروف", "PERS", "Q80137"),),
    )
    assert (quote.speaker_text, quote.speaker) == ("لافروف", "Q80137")


def test_the_person_before_an_apposition_is_the_speaker_not_the_one_he_advises():
    [quote] = quoted(
        "كشف اللواء جعفر محمد سعد، مستشار الرئيس اليمني عبد ربه منصور هادي، أن مديريات الشرطة فتحت.",
        (
            ("جعفر محمد سعد", "PERS", "local:PERS:جعفر محمد سعد"),
            ("عبد ربه منصور هادي", "PERS", "Q1055213"),
        ),
    )
    assert quote.speaker_text == "جعفر محمد سعد"


def test_an_office_in_a_place_set_off_by_a_comma_before_the_name_is_one_speaker():
    [quote] = quoted(
        "وقال العميل الخاص في مكتب التحقيقات الفيدرالي، إد رينولد: «نحقق في كل الأسباب الممكنة».",
        (("إد رينولد", "PERS", "local:PERS:اد رينولد"),),
    )
    assert (quote.kind, quote.speaker_text) == ("direct", "إد رينولد")


def test_a_name_set_off_by_commas_right_before_the_verb_is_the_speaker():
    [quote] = quoted(
        "إلا أن رئيس لجنة الأمن الداخلي في مجلس النواب، مايكل ماكول، قال إن الأهداف هي نفسها.",
        (("مايكل ماكول", "PERS", "Q1372030"),),
    )
    assert (quote.speaker_text, quote.speaker) == ("مايكل ماكول", "Q1372030")


def test_the_deputy_of_a_named_leader_is_not_the_leader():
    [quote] = quoted(
        "اعتبر نائب المستشارة الألمانية أنجيلا ميركل أن من الخطأ استئناف النقاش.",
        (("أنجيلا ميركل", "PERS", "Q567"),),
    )
    assert (quote.speaker_text, quote.speaker) == ("نائب المستشارة الألمانية أنجيلا ميركل", None)


def test_an_official_in_an_administration_before_the_verb_is_the_speaker():
    [quote] = quoted("وكان مسؤول في الإدارة المحلية ذكر الاثنين أن الهجوم لم يسفر عن ضحايا.")
    assert quote.speaker_text == "مسؤول في الإدارة المحلية"


def test_a_topic_opening_on_a_preposition_is_not_the_speaker():
    [quote] = quoted("وعن رسالته للأندية والجماهير قبل انطلاق الموسم قال: الحكم أهم من في المنظومة.")
    assert quote.speaker_text is None
