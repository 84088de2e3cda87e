"""Speaker rules of the fifth pass, one per test, on sentences written for them: «بين» the preposition,
the hearer after «ل», a participle's subject, names the entity step cut short, unnamed subjects."""

from __future__ import annotations

from tests.test_quotes_speakers import quoted


def _verbs(found: list) -> list[str]:
    return [q.verb for q in found]


def test_between_after_a_noun_is_the_preposition():
    found = quoted(["ودعا البيان إلى نبذ الفرقة بين المسلمين، إنه ولي ذلك والقادر عليه."])
    assert "بيّن" not in _verbs(found)


def test_between_after_ma_is_the_preposition():
    found = quoted(["وتراوحت الأسعار ما بين الأمس واليوم أن تكون مرتفعة جدا."])
    assert "بيّن" not in _verbs(found)


def test_the_second_between_of_a_pair_is_the_preposition():
    found = quoted(["والفرق بين الأول وبين الثاني أن الأول أسرع بكثير."])
    assert "بيّن" not in _verbs(found)


def test_between_opening_a_clause_is_the_verb():
    found = quoted(
        [
            "وبين الوزير خالد العلي أن العمل مستمر في المشروع.",
            "وزار الموقع أمس، بين أن الأعمال تسير وفق الخطة.",
        ],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert [(q.verb, q.speaker_text) for q in found] == [("بيّن", "خالد العلي"), ("بيّن", "خالد العلي")]


def test_between_with_its_shadda_is_the_verb_anywhere():
    [quote] = quoted(["الوزير بيّن أن العمل مستمر في المشروع."])
    assert quote.verb == "بيّن"


def test_a_noun_after_li_is_the_hearer_not_the_speaker():
    found = quoted(["وقالت لوالديها إنها بخير وستعود قريبا."])
    assert [q.speaker_text for q in found] == [None]


def test_the_speaker_after_a_pronoun_hearer():
    [quote] = quoted(["وقال له الوزير إن الملف أغلق نهائيا."])
    assert quote.speaker_text == "الوزير"


def test_the_journalists_told_and_their_adjective_are_no_speaker():
    [quote] = quoted(["وأكد للصحفيين الأجانب أن الملف أغلق نهائيا."])
    assert quote.speaker_text is None


def test_a_pronoun_hearer_ends_the_speaker():
    [quote] = quoted(["وقال الوزير له إن الملف أغلق نهائيا."])
    assert quote.speaker_text == "الوزير"


def test_a_name_that_starts_with_li_is_still_the_speaker():
    [quote] = quoted(["وقال لافروف إن المحادثات كانت مفيدة."], (("لافروف", "PERS", "Q1"),))
    assert quote.speaker_text == "لافروف"


def test_a_participle_after_a_glued_full_stop_takes_the_new_clause():
    [quote] = quoted(
        ["زار سعد الدوسري المدرسة .وفي نهاية الجولة أشاد خالد العلي بالجهود، مؤكداً أن العمل مستمر."],
        (("سعد الدوسري", "PERS", "local:PERS:سعد الدوسري"), ("خالد العلي", "PERS", "local:PERS:خالد العلي")),
    )
    assert quote.speaker_text == "خالد العلي"


def test_a_participle_takes_the_organization_opening_its_clause():
    [quote] = quoted(
        ["وأشادت وزارة الصحة بجهود الطبيب سعد الدوسري، مؤكدة أن المستشفى يعمل بكامل طاقته."],
        (("وزارة الصحة", "ORG", "local:ORG:وزارة الصحة"), ("سعد الدوسري", "PERS", "local:PERS:سعد الدوسري")),
    )
    assert quote.speaker_text == "وزارة الصحة"


def test_a_name_cut_after_its_first_word_runs_on():
    found = quoted(
        [
            "وأكد فهد بارباع أن اللائحة لا تسمح بذلك.",
            "وأفاد جون بلمار قائد الشرطة بأن الرجل نقل إلى المستشفى.",
        ],
        (("فهد", "PERS", "local:PERS:فهد"), ("جون", "PERS", "local:PERS:جون")),
    )
    assert [(q.speaker_text, q.speaker) for q in found] == [("فهد بارباع", None), ("جون بلمار", None)]


def test_a_name_does_not_run_on_into_a_clause():
    [quote] = quoted(
        ["وقال فرنسي حضر الحفل يدعى إيفان وانتقل مؤخرا إلى لبنان: «لقد أحببت الموسيقى كثيرا هنا»."],
        (("إيفان", "PERS", "local:PERS:ايفان"),),
    )
    assert quote.speaker_text == "إيفان"


def test_a_cut_name_before_the_verb_runs_on_to_the_verb():
    [quote] = quoted(
        ["وكان المتحدث باسم الحكومة راجح بادي قد قال إن عدن ستكون مقرا للوزراء."],
        (("راجح", "PERS", "local:PERS:راجح"),),
    )
    assert quote.speaker_text == "راجح بادي"


def test_some_people_have_no_speaker_and_do_not_go_on_with_the_last():
    found = quoted(
        [
            "وقال الوزير خالد العلي إن المشروع سينجز قريبا.",
            "لكن البعض يشكك في جدوى المشروع ويرى أن لا طائل منه.",
        ],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert [q.speaker_text for q in found] == ["خالد العلي", None]


def test_a_bullet_does_not_hide_an_unnamed_subject():
    [quote] = quoted(["• هناك من يرى أن الحب أقوى من كل شيء."])
    assert quote.speaker_text is None


def test_by_saying_is_no_speaker():
    found = quoted(
        ["وقال الوزير خالد العلي إن المشروع سينجز قريبا.", "واستطرد بالقول إن التمويل متوفر بالكامل."],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert [q.speaker_text for q in found] == ["خالد العلي", "خالد العلي"]


def test_after_a_concession_the_participle_takes_the_main_clause():
    [quote] = quoted(
        ["ومع أن سعد الدوسري حذر من التصعيد، إلا أن خالد العلي رد بسرعة، مؤكدا أن الوضع تحت السيطرة."],
        (("سعد الدوسري", "PERS", "local:PERS:سعد الدوسري"), ("خالد العلي", "PERS", "local:PERS:خالد العلي")),
    )
    assert quote.speaker_text == "خالد العلي"


def test_without_opens_no_reported_clause():
    assert quoted(["وقال البيان دون أن يقدم أي تفاصيل عن العملية."]) == []


def test_the_formulas_for_god_are_scripture():
    found = quoted(
        [
            "فقال عز من قائل: «إن الشيطان لكم عدو فاتخذوه عدوا».",
            "يقول رب العزة: «والله يعلم وأنتم لا تعلمون».",
        ]
    )
    assert found == []


def test_kin_named_before_a_name_speak_themselves():
    [quote] = quoted(
        ["وقالت ابنة توتنبرج إن أباها فقد الكمان منذ سنوات."], (("توتنبرج", "PERS", "local:PERS:توتنبرج"),)
    )
    assert (quote.speaker_text, quote.speaker) == ("ابنة توتنبرج", None)


def test_the_journalists_told_end_the_speaker():
    [quote] = quoted(
        ["وقال والد الضحية خالد العلي للصحافيين إن ابنه لم يكن مسلحا."],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert quote.speaker_text == "خالد العلي"


def test_a_question_after_the_verb_is_no_speaker():
    found = quoted(["أما كبار العقول فقالوا وما العيب أن يرأس النادي رجل من خارجه."])
    assert all(q.speaker_text != "وما العيب" for q in found)


def test_a_statement_of_its_own_is_the_medium():
    [quote] = quoted(["وقالت المنظمة في بيان لها إن آلاف النازحين يعيشون في العراء."])
    assert (quote.speaker_text, quote.medium) == ("المنظمة", "بيان")


def test_the_object_pronoun_bihi_is_skipped():
    [quote] = quoted(["وانقطعت الكهرباء عن المدينة، بحسب ما أفاد به مسؤول في الشركة."])
    assert quote.speaker_text == "مسؤول"


def test_a_question_is_no_speaker():
    found = quoted(["هل الزيارة تؤكد أن الخلاف انتهى بين الطرفين؟"])
    assert all(q.speaker_text != "هل الزيارة" for q in found)


def test_a_name_cut_after_a_particle_takes_the_next_word():
    [quote] = quoted(
        ["وأكد الدكتور مجدي آل بركة مستشار الأعمال أن السوق سيتحسن."],
        (("مجدي آل", "PERS", "local:PERS:مجدي ال"),),
    )
    assert quote.speaker_text == "مجدي آل بركة"


def test_after_where_a_masculine_verb_takes_the_person_of_the_clause():
    found = quoted(
        [
            "وقال الوزير خالد العلي إن الحفل بدأ.",
            "كما تحدث صديقه الطالب سعد المطيري حيث قال: «كان رجلا كريما ومحبا للناس جميعا».",
            "وأعلن موقع الصور المملوك لشركة فيسبوك عن الخاصية عبر تويتر حيث قال إنه سيطلقها قريبا.",
        ],
        (
            ("خالد العلي", "PERS", "local:PERS:خالد العلي"),
            ("سعد المطيري", "PERS", "local:PERS:سعد المطيري"),
            ("فيسبوك", "ORG", "Q355"),
        ),
    )
    assert found[1].speaker_text == "سعد المطيري"
    assert found[2].speaker_text != "فيسبوك"  # the photo site speaks, not its owner


def test_an_adverb_with_tanwin_is_skipped_not_the_speaker():
    found = quoted(
        ["وقال الوزير خالد العلي إن العمل مستمر.", "وكان يؤكد دائماً أن الوطن أولا."],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert [q.speaker_text for q in found] == ["خالد العلي", "خالد العلي"]


def test_a_circumstantial_participle_and_its_phrase_are_skipped():
    found = quoted(
        [
            "وصل الرئيس خالد العلي إلى الرياض أمس.",
            "وقال، في تصريح لدى مغادرته الرياض، متوجها إلى مصر، إن الجيش سيواصل مهامه.",
        ],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert [q.speaker_text for q in found] == ["خالد العلي"]


def test_a_name_after_an_institution_noun_names_the_institution():
    [quote] = quoted(["أعلن مركز كارتر أن الرئيس الأسبق خضع لجراحة ناجحة."], (("كارتر", "PERS", "Q23685"),))
    assert (quote.speaker_text, quote.speaker) == ("مركز كارتر", None)


def test_a_name_tagged_after_li_is_an_object_not_the_next_verbs_subject():
    found = quoted(
        [
            "وقال الوزير خالد العلي إن الاتصال مقطوع مع الجماعات الموالية لتنظيم القاعدة، وأضاف أن الوساطة مستمرة."
        ],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"), ("تنظيم القاعدة", "ORG", "Q34490")),
    )
    assert [q.speaker_text for q in found] == ["خالد العلي", "خالد العلي"]


def test_an_unnamed_subject_right_before_the_verb():
    [quote] = quoted(["بل وحتى أن هناك من يرى أن غياب المحترفين يضر بالمنتخب."])
    assert quote.speaker_text is None


def test_people_close_to_a_person_are_not_that_person():
    [quote] = quoted(["ويشير مقربون من بايدن إلى أنه سيدرس الترشح."], (("بايدن", "PERS", "Q6279"),))
    assert (quote.speaker_text, quote.speaker) == ("مقربون من بايدن", None)


def test_a_person_opening_a_sentence_after_an_adverbial_phrase_is_a_new_subject():
    found = quoted(
        [
            "وقال المتحدث خالد العلي إن الوفد وصل.",
            "وفي هذا السياق، دعا سعد الدوسري الأطراف إلى الحوار.",
            "وقال: «ليس هناك أي سبب يدعو إلى التأخير».",
        ],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"), ("سعد الدوسري", "PERS", "local:PERS:سعد الدوسري")),
    )
    assert [q.speaker_text for q in found] == ["خالد العلي", "سعد الدوسري"]


def test_a_statement_cue_takes_its_pronoun():
    found = quoted(
        ["وأوضح رئيس البلدية خالد العلي أن الحدائق جاهزة.", "وبين في تصريحه أمس أنه تم إنشاء أرصفة جديدة."],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert [q.speaker_text for q in found] == ["خالد العلي", "خالد العلي"]


def test_kama_is_no_speaker():
    found = quoted(["ولفت إلى عزوف المسلمين عن الأوقاف، كما أن بعضهم لم يفطن لها."])
    assert all(q.speaker_text != "كما" for q in found)


def test_names_listed_after_wahum_are_objects():
    [quote] = quoted(
        [
            "فرضت الوزارة عقوبات على ثلاثة من قادة الحزب، وهم سعد الدوسري وآخرون، مشيرة إلى أن العقوبات تشمل الأموال."
        ],
        (("سعد الدوسري", "PERS", "local:PERS:سعد الدوسري"),),
    )
    assert quote.speaker_text != "سعد الدوسري"


def test_a_long_quotation_after_the_verb_is_no_speaker():
    found = quoted(
        [
            "وقال الوزير خالد العلي إن الحوار مستمر.",
            'ويضيف "في بيئة لا يمكنك فيها أن تفعل شيئا لا أحد يتقدم إلى الأمام".',
        ],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert [(q.kind, q.speaker_text) for q in found] == [("indirect", "خالد العلي"), ("direct", "خالد العلي")]


def test_a_role_word_tagged_alone_is_not_the_name():
    [quote] = quoted(
        ["ويقول معاون مدير عام الدائرة جمال العلوجي إن الأرشيف نقل إلى مكان آمن."],
        (("معاون", "PERS", "local:PERS:معاون"), ("جمال العلوجي", "PERS", "local:PERS:جمال العلوجي")),
    )
    assert quote.speaker_text == "جمال العلوجي"


def test_clearer_after_a_noun_is_an_adjective():
    found = quoted(["ولعل في تحرير اليمن رسالة أوضح، بأن هناك من سيضرب بيد من حديد."])
    assert "أوضح" not in _verbs(found)


def test_but_he_is_no_speaker():
    found = quoted(
        ["وقال الوزير خالد العلي إنه مستعد للقاء.", "لكنه قال أيضا، إنه يرفض الحديث عن الدعم."],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert [q.speaker_text for q in found] == ["خالد العلي", "خالد العلي"]


def test_a_demonstrative_object_and_by_saying_are_not_the_speaker():
    [quote] = quoted(["وأكد ذلك مصدر ذو صلة بالشركة بقول: إن خفض الأسعار غير وارد."])
    assert quote.speaker_text == "مصدر ذو صلة بالشركة"


def test_in_this_regard_is_no_speaker():
    found = quoted(
        ["وتحدث الوزير خالد العلي عن النفط.", "وقال بهذا الخصوص إن هذه محاولة لسرقة النفط."],
        (("خالد العلي", "PERS", "local:PERS:خالد العلي"),),
    )
    assert [q.speaker_text for q in found] == ["خالد العلي"]


def test_the_president_tagged_alone_gives_way_to_the_name():
    [quote] = quoted(
        ["من جهته، قال الرئيس التركي رجب طيب أردوغان إن ما حدث يدل على التهديد."],
        (("الرئيس", "PERS", "local:PERS:الرئيس"), ("رجب طيب أردوغان", "PERS", "Q39723")),
    )
    assert quote.speaker_text == "رجب طيب أردوغان"
