"""The precision rules of the event coder, one per test, on sentences written for them."""

from __future__ import annotations

from khabar.records import Article, Mention, Published, TemporalExpression, blocks_from_texts
from khabar.understand import events


def coded(text: str, names=(), dates=(), published: str = "2015-08-01") -> list:
    """Events of one paragraph, with the mentions and dates the entity and date steps would give:
    ``names`` as (surface, type, key), ``dates`` as (surface, iso day)."""
    item = Article(blocks=blocks_from_texts([("paragraph", text)]), published=Published(published))
    for surface, kind, key in names:
        start = item.text.index(surface)
        item.mentions.append(Mention(start, start + len(surface), surface, kind, key))
    for surface, day in dates:
        start = item.text.index(surface)
        item.dates.append(TemporalExpression(start, start + len(surface), surface, day, "day"))
    item.mentions.sort(key=lambda m: m.start)
    events.annotate(item)
    return item.events


def test_a_state_body_with_a_nationality_adjective_is_the_state():
    [event] = coded("وقصفت المدفعية الروسية مواقع في مدينة خاركيف.")
    assert (event.type, event.actors) == ("ASSAULT", ["Q159"])


def test_a_nationality_adjective_after_an_attack_names_its_actor():
    [event] = coded("وصدت الدفاعات الجوية هجوماً إيرانياً بطائرات مسيرة.")
    assert (event.type, event.actors) == ("ASSAULT", ["Q794"])


def test_a_capital_acting_stands_for_its_state():
    [event] = coded("ودعت كييف موسكو إلى مفاوضات.", [("كييف", "LOC", "Q1899"), ("موسكو", "LOC", "Q649")])
    assert (event.type, event.mode, event.actors, event.recipients) == ("REQUEST", "meet", ["Q212"], ["Q159"])


def test_a_relative_clause_verb_does_not_take_the_main_subject():
    found = coded(
        "وأدان الوزير خالد العلي الهجوم الذي استهدف مسجداً في القطيف أمس.",
        [("خالد العلي", "PERS", "local:PERS:خالد العلي"), ("القطيف", "LOC", "Q1016835")],
        [("أمس", "2015-07-31")],
    )
    assault = next(e for e in found if e.type == "ASSAULT")
    assert assault.actors == []


def test_a_mention_inside_a_relative_clause_after_the_verb_is_not_its_subject():
    [event] = coded(
        "كما قصفت أمس مدرسة الحي التي يتخذها الحوثيون مقراً لهم.",
        [("الحوثيون", "ORG", "local:ORG:الحوثيون")],
        [("أمس", "2015-07-31")],
    )
    assert (event.type, event.actors) == ("ASSAULT", [])


def test_a_trigger_inside_a_name_is_no_event():
    found = coded("وحضرت لقاء الحسن حفل التخرج أمس.", [("لقاء الحسن", "PERS", "local:PERS:لقاء الحسن")])
    assert found == []


def test_students_are_not_a_demand():
    found = coded(
        "وشارك خمسون طالبا من جامعة الملك سعود.", [("جامعة الملك سعود", "ORG", "local:ORG:جامعة الملك سعود")]
    )
    assert [e.trigger for e in found] == []


def test_a_general_statement_with_no_participant_is_no_event():
    assert coded("والتفجيرات والهجمات تخيف الناس في كل مكان.") == []


def test_municipal_penalties_are_not_sanctions():
    found = coded(
        "وتفرض البلدية عقوبات على المخالفين.", [("البلدية", "ORG", "local:ORG:البلدية")], [], "2015-08-01"
    )
    assert found == []


def test_a_meeting_held_on_the_publication_day_with_a_planned_cue_is_planned():
    [event] = coded(
        "وتعقد الجامعة العربية اليوم اجتماعاً طارئاً.",
        [("الجامعة العربية", "ORG", "Q7172")],
        [("اليوم", "2015-08-01")],
    )
    assert (event.type, event.begin, event.factuality) == ("CONSULT", "2015-08-01", "planned")


def test_a_recipient_is_not_read_across_a_comma():
    [event] = coded(
        "وأجرى المبعوث ستيفان دي ميستورا مشاورات مع الأطراف، وهو المبعوث الخاص إلى سوريا منذ عام.",
        [("ستيفان دي ميستورا", "PERS", "Q16251"), ("سوريا", "LOC", "Q858")],
    )
    assert (event.actors, event.recipients) == (["Q16251"], [])


def test_a_sentence_of_a_hadith_is_not_coded():
    assert coded("وقال النبي صلى الله عليه وسلم لأصحابه ادعوا لإخوانكم.", [("النبي", "PERS", "Q9458")]) == []


def test_a_deal_named_as_a_thing_is_no_agreement():
    found = coded("وقال الوزير إن الاتفاق مع إيران لا يعني شيئاً.", [("إيران", "LOC", "Q794")])
    assert [e.type for e in found] == []


def test_a_deal_signed_is_an_agreement():
    [event] = coded("ووقعت السعودية اتفاقاً مع مصر أمس.", [("السعودية", "LOC", "Q851"), ("مصر", "LOC", "Q79")])
    assert event.type == "AGREE"


def test_a_verbal_noun_after_a_complementizer_is_no_verb():
    found = coded("وأضاف الوزير أن رفض الاتفاق سيضر إيران.", [("إيران", "LOC", "Q794")])
    assert [e.type for e in found] == []


def test_a_place_after_a_visit_is_its_destination():
    [event] = coded("ويستعد الوزير لزيارة إسرائيل العام المقبل.", [("إسرائيل", "LOC", "Q801")])
    assert (event.mode, event.actors, event.recipients) == ("visit", [], ["Q801"])


def test_a_personal_visit_with_no_party_is_no_event():
    assert coded("وسافر إلى فرنسا لزيارة والدته يوم الخميس.", [], [("يوم الخميس", "2015-07-30")]) == []


def test_one_attack_is_coded_once_per_sentence():
    found = coded(
        "وأدان المجلس الهجوم الإرهابي الذي استهدف مسجداً في أبها أمس.",
        [("المجلس", "ORG", "local:ORG:المجلس")],
        [("أمس", "2015-07-31")],
    )
    assert [e.type for e in found].count("ASSAULT") == 1


# --- third pass (issue 8): time from the event's own clause, trigger senses, participants ---


def test_a_date_of_the_main_verb_is_not_the_date_of_an_earlier_attack():
    [event] = coded(
        "ومددت الحكومة حالة الطوارئ في بداية يوليو إثر هجوم داعش على الفندق.",
        [("داعش", "ORG", "Q2429253")],
        [("بداية يوليو", "2015-07-01")],
    )
    assert (event.type, event.actors, event.begin) == ("ASSAULT", ["Q2429253"], None)


def test_casualties_share_the_date_of_the_bombing_that_caused_them():
    [event] = coded(
        "أصيب شرطيان بجروح أمس إثر تفجير عبوة ناسفة قرب مبنى المحافظة.",
        dates=[("أمس", "2015-07-31")],
    )
    assert (event.type, event.mode, event.begin) == ("ASSAULT", "explosives", "2015-07-31")


def test_a_light_verb_carries_its_date_to_the_attack_noun():
    [event] = coded(
        "وشنت القوات الروسية أمس هجوماً على مواقع في خاركيف.",
        dates=[("أمس", "2015-07-31")],
    )
    assert (event.actors, event.begin) == (["Q159"], "2015-07-31")


def test_a_date_after_another_event_noun_belongs_to_that_event():
    found = coded(
        "ورحب المجلس بالبيان الذي صدر عقب قمة الرياض في 14 مايو الماضي.",
        [("المجلس", "ORG", "local:ORG:المجلس")],
        [("14 مايو", "2015-05-14")],
    )
    welcome = next(e for e in found if e.type == "SUPPORT")
    assert welcome.begin is None


def test_a_date_past_the_noun_phrase_belongs_to_a_later_verb():
    [event] = coded(
        "ونشر شهود صوراً بعد قليل من تفجير داعش وانتشرت صورهم على مواقع التواصل الاجتماعي بشكل واسع منذ يومين.",
        [("داعش", "ORG", "Q2429253")],
        [("منذ يومين", "2015-07-30")],
    )
    assert (event.actors, event.begin) == (["Q2429253"], None)


def test_a_report_date_is_not_the_date_of_the_attack_it_reports():
    [event] = coded(
        "وقال المتحدث أمس إن القوات الإسرائيلية اقتحمت المسجد.",
        [("القوات الإسرائيلية", "ORG", "Q801")],
        [("أمس", "2015-07-31")],
    )
    assert (event.type, event.actors, event.begin) == ("ASSAULT", ["Q801"], None)


def test_a_demand_takes_the_date_of_the_statement_that_makes_it():
    [event] = coded(
        "وأعلن الوزير، الجمعة، أن الحكومة تطالب إسرائيل بوقف الاستيطان.",
        [("إسرائيل", "LOC", "Q801")],
        [("الجمعة", "2015-07-31")],
    )
    assert (event.type, event.begin) == ("REQUEST", "2015-07-31")


def test_a_province_is_not_a_boycott():
    assert coded("وقعت الحادثة في مقاطعة هوبي الصينية يوم السبت.", dates=[("يوم السبت", "2015-07-25")]) == []


def test_boycotting_something_definite_is_a_boycott():
    found = coded(
        "ودعت الحركة إلى مقاطعة المنتجات الإسرائيلية ابتداء من الأحد المقبل.",
        dates=[("الأحد المقبل", "2015-08-02")],
    )
    assert [(e.type, e.mode) for e in found if e.type == "PROTEST"] == [("PROTEST", "boycott")]


def test_a_battle_of_ideas_with_no_party_or_place_is_no_assault():
    assert coded("وهي اليوم أكثر معارك تقرير الوجود جدية.", dates=[("اليوم", "2015-08-01")]) == []


def test_a_basketball_game_is_no_meeting():
    found = coded(
        "فاز منتخبنا لكرة السلة على العراق في اللقاء الذي جمعهما أمس.",
        [("العراق", "LOC", "Q796")],
        [("أمس", "2015-07-31")],
    )
    assert found == []


def test_may_before_a_past_verb_means_already():
    [event] = coded(
        "وكان الصحافي قد كتب قبل ساعات من اختطافه أمس تغريدة.",
        dates=[("أمس", "2015-07-31")],
    )
    assert (event.mode, event.factuality) == ("abduct", "happened")


def test_the_deputy_of_a_king_is_not_the_king():
    found = coded(
        "استقبل نائب خادم الحرمين الشريفين أمس أسر الشهداء في أبها.",
        [("خادم الحرمين الشريفين", "PERS", "Q367825")],
        [("أمس", "2015-07-31")],
    )
    assert [e.actors for e in found if "Q367825" in e.actors] == []


def test_a_country_adjective_after_a_channel_is_not_the_state():
    found = coded(
        'أشادت قناة "الإخبارية" السعودية أمس بتحقيق الصحيفة.',
        [("السعودية", "LOC", "Q851")],
        [("أمس", "2015-07-31")],
    )
    assert [e.actors for e in found if "Q851" in e.actors] == []


def test_a_secretary_general_acts_for_his_organization():
    [event] = coded(
        "رحب الأمين العام لجامعة الدول العربية بإقرار البرلمان العراقي للإصلاحات.",
        [("جامعة الدول العربية", "ORG", "Q7172")],
    )
    assert (event.actors, event.recipients) == (["Q7172"], [])


def test_the_object_of_a_previous_verb_is_not_the_subject_of_the_next():
    [event] = coded(
        "قتلوا الإعلامي هادي عبدالمهدي واعتقلوا العشرات من الصحفيين عام 2011.",
        [("هادي عبدالمهدي", "PERS", "local:PERS:هادي عبدالمهدي")],
        [("عام 2011", "2011")],
    )
    assert (event.type, event.actors) == ("COERCE", [])


def test_a_definite_noun_takes_no_genitive_actor():
    found = coded(
        "وأوضح أن الأحياء التي ستستفيد من المساعدات هي المنصورة والشيخ عثمان.",
        [("هي المنصورة", "PERS", "local:PERS:هي المنصورة")],
    )
    assert [e.actors for e in found if e.type == "AID"] in ([], [[]])


def test_the_last_letter_of_a_noun_is_no_preposition():
    [event] = coded(
        "وتكررت الحوادث منذ توغل الحوثيين في تعز.",
        [("الحوثيين", "ORG", "local:ORG:الحوثيون")],
    )
    assert (event.actors, event.recipients) == (["local:ORG:الحوثيون"], [])


def test_protesters_named_by_nationality_are_not_their_state():
    [event] = coded("اندلعت تظاهرات العراقيين عام 2011 احتجاجا على الفساد.", dates=[("عام 2011", "2011")])
    assert (event.type, event.actors) == ("PROTEST", [])


def test_insurance_claims_are_no_demand():
    found = coded("وتكبدت شركات التأمين مطالبات مالية بلغت عشرة مليارات ريال خلال النصف الأول 2015.")
    assert [e for e in found if e.type == "REQUEST"] == []


def test_a_date_of_the_first_item_of_a_list_is_not_the_next_items():
    found = coded(
        "ونفذت الخلية حوادث منها استهداف المصلين بداية العام الحالي، وإطلاق النار على الشرطة في الرياض.",
        [("الشرطة", "ORG", "local:ORG:الشرطه")],
        [("بداية العام الحالي", "2015-01-01")],
    )
    shooting = next(e for e in found if e.mode == "firearms")
    assert (shooting.recipients, shooting.begin) == (["local:ORG:الشرطه"], None)


def test_a_noun_recipient_stays_inside_its_phrase():
    found = coded(
        "وحملة مقاطعة المنتجات الإسرائيلية تضر بنتنياهو منذ أشهر.",
        [("نتنياهو", "PERS", "Q43723")],
        [("منذ أشهر", "2015-05-01")],
    )
    assert [e.recipients for e in found if e.type == "PROTEST"] in ([], [[]])


def test_a_friendly_match_is_no_meeting():
    found = coded(
        "ويخوض الفريق اللقاء الودي الثاني أمام فريق تركي الخميس المقبل.",
        dates=[("الخميس المقبل", "2015-08-06")],
    )
    assert found == []


def test_a_postponed_visit_is_not_a_visit_that_happened():
    [event] = coded(
        "تأجيل زيارة ظريف إلى تركيا",
        [("ظريف", "PERS", "Q3393"), ("تركيا", "LOC", "Q43")],
    )
    assert (event.type, event.factuality) == ("CONSULT", "planned")


def test_attacking_an_idea_is_criticism():
    [event] = coded(
        "وهاجم جوردون فكرة أن هناك اتفاقا دائما بين البلدين.",
        [("جوردون", "PERS", "local:PERS:جوردون")],
    )
    assert (event.type, event.mode, event.actors) == ("ACCUSE", "disapprove", ["local:PERS:جوردون"])


def test_a_plural_verb_takes_the_name_after_it_as_its_object():
    [event] = coded(
        "والليبراليون هاجموا أورين علنا لانحيازه.",
        [("أورين", "PERS", "local:PERS:مايكل اورين")],
    )
    assert (event.type, event.actors, event.recipients) == ("ACCUSE", [], ["local:PERS:مايكل اورين"])


def test_a_visiting_delegation_comes_from_its_university():
    found = coded(
        "وجاء ذلك خلال زيارة وفد من جامعة واشنطن للحملة الوطنية أمس.",
        [("جامعة واشنطن", "ORG", "local:ORG:جامعه واشنطن")],
        [("أمس", "2015-07-31")],
    )
    assert [e.recipients for e in found if e.type == "CONSULT"] in ([], [[]])


def test_a_name_cut_at_a_quote_mark_is_no_party():
    [event] = coded(
        "اتهمت منظمة “هيومن رايتس ووتش” المتمردين بارتكاب جرائم حرب.",
        [("منظمة “", "ORG", "local:ORG:منظمه “"), ("هيومن رايتس ووتش", "ORG", "Q184817")],
    )
    assert (event.type, event.actors) == ("ACCUSE", ["Q184817"])


def test_a_deal_that_endangers_an_ally_is_no_threat():
    found = coded("وقال إن هذا اتفاق يهدد حليفتنا إسرائيل.", [("إسرائيل", "LOC", "Q801")])
    assert [e for e in found if e.type == "THREATEN"] == []


def test_a_name_after_a_school_is_the_schools_name_not_the_shelling_side():
    [event] = coded(
        "كما قصفت مدرسة الحسين التي يتخذها المسلحون قاعدة لهم أمس.",
        [("الحسين", "PERS", "local:PERS:الحسين")],
        [("أمس", "2015-07-31")],
    )
    assert (event.type, event.actors) == ("ASSAULT", [])


def test_a_cast_list_is_no_meeting():
    found = coded(
        "بمشاركة كل من محمد كريم، ولقاء سويدان، وهو من تأليف يوسف معاطي.",
        [("سويدان", "PERS", "local:PERS:سويدان")],
    )
    assert found == []


def test_a_date_after_a_new_clause_is_not_the_clashes():
    found = coded(
        "وشهدت المدينة أهم الاشتباكات خلال الحرب الأهلية، وبعد أحداث 11 سبتمبر أصبحت مركزاً.",
        [("المدينة", "ORG", "local:ORG:المدينه")],
        [("11 سبتمبر", "2015-09-11")],
    )
    assert [(e.begin, e.factuality) for e in found if e.type == "ASSAULT"] in ([], [(None, "happened")])


def test_attacking_a_party_is_criticism():
    [event] = coded(
        "ويستغل المرشحون الاتفاق للهجوم على الحزب الديمقراطي منذ أسبوع.",
        dates=[("منذ أسبوع", "2015-07-25")],
    )
    assert (event.type, event.mode) == ("ACCUSE", "disapprove")


def test_in_a_relative_clause_the_name_after_a_resumptive_pronoun_is_the_subject():
    found = coded(
        "وجاء الاستفتاء الذي دعا إليه تسيبراس ليقول الشعب كلمته.",
        [("تسيبراس", "PERS", "Q7235")],
    )
    assert [(e.actors, e.recipients) for e in found if e.type == "REQUEST"] == [(["Q7235"], [])]


def test_criticism_is_not_dated_by_the_dismissal_that_followed_it():
    found = coded(
        "أقالت الرئيسة اليوم الثلاثاء وزير الصحة بعد الانتقادات التي وجهت له.",
        [("الرئيسة", "PERS", "local:PERS:الرئيسه")],
        [("اليوم الثلاثاء", "2015-08-04")],
    )
    assert [e.begin for e in found if e.type == "ACCUSE"] in ([], [None])


def test_the_place_in_a_hosts_own_title_is_not_his_guest():
    [event] = coded(
        "استقبل الأمير فيصل بن بندر أمير منطقة الرياض في مكتبه أمس سفير باكستان منظور الحق.",
        [("فيصل بن بندر", "PERS", "local:PERS:فيصل بن بندر"), ("الرياض", "LOC", "Q3692")],
    )
    assert (event.mode, event.actors, event.recipients) == ("host", ["local:PERS:فيصل بن بندر"], [])


def test_a_host_receives_the_one_named_after_where_and_when():
    [event] = coded(
        "استقبل رئيس التحرير راشد الراشد بمكتبه ظهر أمس الأستاذ عبدالله آل الشيخ.",
        [
            ("راشد الراشد", "PERS", "local:PERS:راشد الراشد"),
            ("عبدالله آل الشيخ", "PERS", "local:PERS:عبدالله"),
        ],
    )
    assert event.recipients == ["local:PERS:عبدالله"]


def test_a_guest_named_with_his_title_right_after_the_host_is_still_the_guest():
    [event] = coded(
        "استقبل الرئيس الروسي فلاديمير بوتين الرئيس الأذربيجاني إلهام علييف.",
        [("فلاديمير بوتين", "PERS", "Q7747"), ("إلهام علييف", "PERS", "local:PERS:إلهام علييف")],
    )
    assert (event.actors, event.recipients) == (["Q7747"], ["local:PERS:إلهام علييف"])
