"""The fifth pass's precision rules, one per test, on short sentences written for them."""

from __future__ import annotations

from tests.test_events_rules import coded

KING = ("الملك سلمان", "PERS", "local:PERS:سلمان")


# Factuality


def test_a_visit_wished_with_an_subjunctive_an_is_hypothetical():
    found = coded("وقال إن التحالف يرحب بأن يزور محققون اليمن.", [("اليمن", "LOC", "Q805")])
    visit = next(e for e in found if e.type == "CONSULT")
    assert visit.factuality == "hypothetical"


def test_talks_agreed_to_start_are_planned():
    [event] = coded(
        "وقال عريقات اتفقنا أن تبدأ الأردن المشاورات مع الدول العربية.",
        [("عريقات", "PERS", "local:PERS:عريقات"), ("الأردن", "LOC", "Q810")],
    )
    assert (event.type, event.factuality) == ("CONSULT", "planned")


def test_an_an_before_the_object_of_another_verb_keeps_the_event():
    [event] = coded("وتخشى المنظمات أن تفسر السلطات زيارة أوباما ترخيصاً للقمع.", [("أوباما", "PERS", "Q76")])
    assert event.factuality == "happened"


def test_talks_under_way_with_a_present_light_verb_happened():
    [event] = coded(
        "وقال كيري إنه يجري محادثات مباشرة مع طهران.",
        [("كيري", "PERS", "Q22316"), ("طهران", "LOC", "Q3616")],
    )
    assert (event.type, event.factuality) == ("CONSULT", "happened")


def test_a_meeting_tomorrow_morning_is_planned():
    [event] = coded(
        "وتحول اهتمام المستثمرين إلى اجتماع البنك المركزي الذي يعقد صباح غد الخميس.",
        [("البنك المركزي", "ORG", "local:ORG:البنك المركزي")],
    )
    assert (event.type, event.factuality) == ("CONSULT", "planned")


def test_a_negation_of_the_previous_clause_does_not_deny_a_conjoined_trigger():
    found = coded(
        "وأكد الوزيران أن أمن البلدين لا يتجزأ ورفض الوزير خالد العلي التدخل الإيراني.",
        [("خالد العلي", "PERS", "local:PERS:خالد العلي")],
    )
    [event] = [e for e in found if e.type == "REJECT"]
    assert event.factuality == "happened"


def test_persuasion_as_a_purpose_is_hypothetical():
    [event] = coded(
        "وأطلق أوباما حملة لإقناع الكونجرس بالاتفاق.",
        [("أوباما", "PERS", "Q76"), ("الكونجرس", "ORG", "Q11268")],
    )
    assert (event.type, event.factuality) == ("REQUEST", "hypothetical")


def test_a_failed_persuasion_is_denied():
    [event] = coded("وفشلت عمان في إقناع بغداد بالبرنامج.", [("بغداد", "LOC", "Q1530")])
    assert event.factuality == "denied"


def test_a_visit_prevented_is_denied():
    [event] = coded("وحالت التهمة دون قيام الرئيس بزيارة كينيا.", [("كينيا", "LOC", "Q114")])
    assert event.factuality == "denied"


# Actor and recipient


def test_a_name_inside_the_object_is_not_the_subject():
    [event] = coded(
        "وانتقد الأستاذ عماد حمودة تصرفات نوري المالكي.",
        [("عماد حمودة", "PERS", "local:PERS:عماد حمودة"), ("نوري المالكي", "PERS", "Q58221")],
    )
    assert event.actors == ["local:PERS:عماد حمودة"]
    [event] = coded("وقال إنه أشاد بتعهد الخرطوم بالعمل الجاد.", [("الخرطوم", "LOC", "Q1963")])
    assert event.actors == []


def test_a_long_description_without_a_title_hides_an_object():
    found = coded(
        "كما احتجز مسلحو الجماعة الصحافي والأديب محمد المساح أمس.",
        [("محمد المساح", "PERS", "local:PERS:محمد المساح")],
    )
    assert all("local:PERS:محمد المساح" not in e.actors for e in found)


def test_a_colleague_with_a_title_is_still_the_subject():
    [event] = coded(
        "استقبل الزميل رئيس التحرير راشد الراشد أمس الأستاذ عبدالله آل الشيخ.",
        [
            ("راشد الراشد", "PERS", "local:PERS:راشد الراشد"),
            ("عبدالله آل الشيخ", "PERS", "local:PERS:عبدالله"),
        ],
    )
    assert event.actors == ["local:PERS:راشد الراشد"]


def test_the_subject_before_qad_acts():
    [event] = coded(
        "وكان إردوغان قد انتقد رئيس الوزراء الإسرائيلي بنيامين نتنياهو.",
        [("إردوغان", "PERS", "Q39259"), ("بنيامين نتنياهو", "PERS", "Q43723")],
    )
    assert event.actors == ["Q39259"]


def test_a_subject_between_kana_and_the_verb_makes_the_name_after_it_the_object():
    [event] = coded(
        "وكانت المحكمة الدولية اتهمت الرئيس الكيني أوهورو كينياتا بارتكاب جرائم.",
        [("أوهورو كينياتا", "PERS", "Q47488")],
    )
    assert (event.actors, event.recipients) == ([], ["Q47488"])


def test_one_name_and_its_charge_after_yuttaham_is_the_accused():
    [event] = coded(
        "ويتهم بايانجوك بالعمل على تجنيد عناصر للتنظيم.", [("بايانجوك", "PERS", "local:PERS:بايانجوك")]
    )
    assert (event.actors, event.recipients) == ([], ["local:PERS:بايانجوك"])


def test_the_office_holder_named_after_his_office_is_not_the_recipient():
    [event] = coded(
        "ندد الأمين العام لجامعة الدول العربية نبيل العربي بالقصف.",
        [("جامعة الدول العربية", "ORG", "Q7172"), ("نبيل العربي", "PERS", "local:PERS:نبيل العربي")],
    )
    assert (event.actors, event.recipients) == (["Q7172"], [])


def test_the_actors_own_party_is_not_the_recipient():
    [event] = coded(
        "وهاجم زيد أبو زيد الأمين العام لحزب الاتحاد الوطني نوري المالكي.",
        [
            ("زيد أبو زيد", "PERS", "local:PERS:زيد أبو زيد"),
            ("حزب الاتحاد الوطني", "ORG", "local:ORG:حزب الاتحاد الوطني"),
            ("نوري المالكي", "PERS", "Q58221"),
        ],
    )
    assert "local:ORG:حزب الاتحاد الوطني" not in event.recipients


def test_an_envoys_post_is_not_the_recipient():
    found = coded(
        "ودعا المبعوث الدولي إلى اليمن إسماعيل ولد الشيخ إلى تمديد الهدنة.",
        [("اليمن", "LOC", "Q805"), ("إسماعيل ولد الشيخ", "PERS", "Q20707060")],
    )
    assert all("Q805" not in e.recipients for e in found)


def test_what_a_call_asks_for_is_not_its_recipient():
    [event] = coded(
        "ودعا السفير بلاك ويل إلى تركيز الاهتمام على الكونغرس.",
        [("بلاك ويل", "PERS", "local:PERS:بلاك ويل"), ("الكونغرس", "ORG", "Q11268")],
    )
    assert event.recipients == []


def test_a_place_spoken_from_is_not_the_recipient():
    [event] = coded(
        "وانتقد إردوغان من جاكرتا الدول الأوروبية.",
        [("إردوغان", "PERS", "Q39259"), ("جاكرتا", "LOC", "Q3630")],
    )
    assert event.recipients == []


def test_criticism_from_someone_names_its_actor():
    [event] = coded(
        "وقوبل القرار بانتقادات من تريفور ويلموت أسقف الكنيسة.",
        [("تريفور ويلموت", "PERS", "local:PERS:تريفور ويلموت")],
    )
    assert (event.actors, event.recipients) == (["local:PERS:تريفور ويلموت"], [])


def test_an_ambassador_recalled_for_consultations_is_his_own_states():
    [event] = coded(
        "وأوضح البيان أن الوزارة استدعت سفير مملكة البحرين لدى إيران للتشاور.",
        [("مملكة", "LOC", "Q851"), ("البحرين", "LOC", "Q398"), ("إيران", "LOC", "Q794")],
    )
    assert (event.type, event.actors, event.recipients) == ("SANCTION", ["Q398"], ["Q794"])


# Senses


def test_welcoming_guests_is_courtesy_not_support():
    assert (
        coded(
            "ورحب الدكتور محمد السعدي، في كلمته، بالحضور.",
            [("محمد السعدي", "PERS", "local:PERS:محمد السعدي")],
        )
        == []
    )
    assert (
        coded("وفي بداية الاستقبال رحب الملك سلمان برئيس الوزراء اللبناني والوفد المرافق له.", [KING]) == []
    )


def test_welcoming_a_decision_is_support():
    [event] = coded("ورحب الملك سلمان بقرار مجلس الأمن.", [KING])
    assert event.type == "SUPPORT"


def test_agreeing_with_a_view_is_no_agreement():
    assert (
        coded("ويتفق معه كل من علي عباس وفهد المطيري.", [("علي عباس", "PERS", "local:PERS:علي عباس")]) == []
    )
    assert (
        coded("لم أجد شيئاً قد لا أتفق معه في مقالة الوزير خالد العلي.", [("خالد العلي", "PERS", "x")]) == []
    )


def test_agreeing_on_something_is_an_agreement():
    [event] = coded("وقال إن أنقرة اتفقت مع واشنطن على إقامة منطقة آمنة.", [("أنقرة", "LOC", "Q3640")])
    assert event.type == "AGREE"


def test_summoning_a_militia_is_no_sanction():
    assert (
        coded("وقال إن المحافظ استدعى سرايا عاشوراء لحمايته.", [("سرايا عاشوراء", "ORG", "local:ORG:سرايا")])
        == []
    )


def test_summoning_a_diplomat_is_kept():
    [event] = coded("وكانت البحرين استدعت ممثل إيران في المنامة.", [("البحرين", "LOC", "Q398")])
    assert event.type == "SANCTION"


def test_a_country_receiving_tourists_is_no_meeting():
    assert coded("واستقبلت إسبانيا نحو 6.7 مليون سائح في يونيو.", [("إسبانيا", "LOC", "Q29")]) == []


def test_a_military_base_receiving_tanks_is_no_meeting():
    found = coded("وقد استقبلت القاعدة العسكرية أرتالا من الدبابات في لحج.", [("لحج", "LOC", "Q1")])
    assert [e for e in found if e.type == "CONSULT"] == []


def test_a_smartphone_is_no_phone_call():
    assert coded("واستخدم البريطانيون هاتف ذكي ساعتين يومياً.", dates=[("يومياً", "2015-08-01")]) == []


def test_a_trip_is_no_deportation():
    assert (
        coded("وبدأ الأمير سعود الفيصل رحلته مع وزارة الخارجية عام 1975.", [("سعود الفيصل", "PERS", "Q1")])
        == []
    )


def test_an_inspection_campaign_is_no_attack():
    found = coded(
        "ونفذ مكتب العمل جولة تفتيشية أجراها القسم النسوي استهدفت محافظة بيش.", [("بيش", "LOC", "Q1")]
    )
    assert [e for e in found if e.type == "ASSAULT"] == []


def test_money_released_is_no_release_of_prisoners():
    assert (
        coded("وبفضل سبعة مليارات يورو أفرج عنها الاتحاد الأوروبي.", [("الاتحاد الأوروبي", "ORG", "Q458")])
        == []
    )


def test_a_prison_van_is_no_deportation():
    found = coded("وأصيب شرطي في هجوم استهدف سيارة ترحيلات قرب الفيوم أمس.", dates=[("أمس", "2015-07-31")])
    assert all(e.type != "COERCE" for e in found)


def test_a_past_form_after_a_present_verb_is_a_verbal_noun():
    found = coded(
        "وسيمنع رفض الاتفاق الرئيس باراك أوباما من رفع العقوبات.", [("باراك أوباما", "PERS", "Q76")]
    )
    assert all(e.type != "REJECT" for e in found)


def test_players_meeting_in_a_match_is_no_consultation():
    found = coded(
        "والتقى اللاعبان قبل عام في نهائي الدورة النمساوية.",
        dates=[("قبل عام", "2014-08-01")],
    )
    assert found == []


def test_an_attack_by_one_person_is_in_words():
    [event] = coded(
        "وكان محمد حسنين هيكل قد هاجم السعودية ودول الخليج.",
        [("محمد حسنين هيكل", "PERS", "local:PERS:محمد حسنين هيكل"), ("السعودية", "LOC", "Q851")],
    )
    assert (event.type, event.mode) == ("ACCUSE", "disapprove")


def test_an_attack_launched_by_the_press_is_in_words():
    [event] = coded("وشن التلفزيون البحريني والصحافة هجوماً شرساً ضد إيران.", [("إيران", "LOC", "Q794")])
    assert event.type == "ACCUSE"


def test_an_attack_reported_by_a_news_agency_is_still_an_attack():
    [event] = coded(
        "وقال لوكالة الصحافة الفرنسية إن مسلحين هاجموا قرية كوكوا أمس.",
        [("كوكوا", "LOC", "Q1")],
        [("أمس", "2015-07-31")],
    )
    assert event.type == "ASSAULT"


def test_a_negation_carrying_the_conjunction_denies():
    [event] = coded("ولم يتهم بلاتر بارتكاب أي مخالفات.", [("بلاتر", "PERS", "local:PERS:سيب بلاتر")])
    assert (event.recipients, event.factuality) == (["local:PERS:سيب بلاتر"], "denied")


def test_a_crisis_breaking_out_is_no_explosion():
    assert (
        coded("وارتفع الفقر منذ انفجار الأزمة الاقتصادية عام 2008.", dates=[("عام 2008", "2008-01-01")]) == []
    )


def test_an_organizations_executive_office_meeting_is_the_organization_acting():
    [event] = coded(
        "واجتمع المكتب التنفيذي لحركة نداء تونس أمس الأحد.",
        [("حركة نداء تونس", "ORG", "local:ORG:نداء")],
        [("أمس الأحد", "2015-08-02")],
    )
    assert (event.actors, event.recipients) == (["local:ORG:نداء"], [])


def test_a_negated_copula_before_a_noun_does_not_deny_it():
    [event] = coded("ولم تكن اتهامات نوري المالكي وليدة اليوم.", [("نوري المالكي", "PERS", "Q58221")])
    assert event.factuality == "happened"
