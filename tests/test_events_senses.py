"""Fourth-pass precision rules of the event coder (issue 8): trigger senses, participants,
factuality and dates, one per test, on sentences written for them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.records import Article, Mention, Published, TemporalExpression, blocks_from_texts
from khabar.understand import events


def coded(text: str, names=(), dates=(), published: str = "2015-08-01") -> list:
    """Events of one paragraph; ``names`` as (surface, type, key), ``dates`` as (surface, iso day)
    or (surface, iso day, relative)."""
    item = Article(blocks=blocks_from_texts([("paragraph", text)]), published=Published(published))
    for surface, kind, key in names:
        start = item.text.index(surface)
        item.mentions.append(Mention(start, start + len(surface), surface, kind, key))
    for surface, day, *relative in dates:
        start = item.text.index(surface)
        item.dates.append(
            TemporalExpression(
                start,
                start + len(surface),
                surface,
                day,
                "day",
                relative=bool(relative),
                begin=day,
                end_date=day,
            )
        )
    item.mentions.sort(key=lambda m: m.start)
    events.annotate(item)
    return item.events


# Trigger senses


def test_an_airport_receiving_a_plane_is_no_meeting():
    assert coded("واستقبل مطار المدينة أمس طائرة قادمة من القاهرة.", dates=[("أمس", "2015-07-31")]) == []


def test_a_host_with_a_named_guest_is_still_a_meeting():
    [event] = coded(
        "واستقبل الملك سلمان أمس الرئيس الفرنسي فرانسوا هولاند.",
        [("الملك سلمان", "PERS", "Q367825"), ("فرانسوا هولاند", "PERS", "Q2105")],
        [("أمس", "2015-07-31")],
    )
    assert (event.type, event.mode, event.actors) == ("CONSULT", "host", ["Q367825"])


def test_a_meeting_noun_with_nobody_named_is_no_event():
    assert coded("وشهد اللقاء الوظيفي أمس حضور مئات المتقدمين.", dates=[("أمس", "2015-07-31")]) == []


def test_praise_with_nobody_named_is_no_event():
    assert coded("وحضر الجمهور الفعاليات وأشاد بها أمس.", dates=[("أمس", "2015-07-31")]) == []


def test_a_threat_noun_with_nobody_making_it_is_no_event():
    found = coded("ويظهر الحادث التهديد المستمر لأفراد وزارة الدفاع.", [("وزارة الدفاع", "ORG", "Q11209")])
    assert found == []


def test_a_student_is_no_demand():
    found = coded(
        "وأقدم الشاب سالم العتيبي طالب السنة الثالثة في الجامعة على التبرع بجزء من كبده.",
        [("سالم العتيبي", "PERS", "local:PERS:سالم العتيبي")],
    )
    assert found == []


def test_a_demand_keeps_its_complement():
    [event] = coded(
        "وطالب سالم العتيبي الحكومة بالإفراج عن المعتقلين.",
        [("سالم العتيبي", "PERS", "local:PERS:سالم العتيبي")],
    )
    assert (event.type, event.actors) == ("REQUEST", ["local:PERS:سالم العتيبي"])


def test_what_caused_something_is_no_call():
    found = coded(
        "وارتفع عدد الناخبين، الأمر الذي دعا سالم العتيبي إلى تقديم شكوى.",
        [("سالم العتيبي", "PERS", "local:PERS:سالم العتيبي")],
    )
    assert [e.type for e in found] == []


def test_a_farewell_to_the_martyrs_is_no_call():
    found = coded("ودعت جموع غفيرة جثامين الشهداء إلى المقبرة أمس.", dates=[("أمس", "2015-07-31")])
    assert found == []


def test_a_study_aimed_at_colleges_is_no_attack():
    found = coded(
        "وجاءت الدراسة التي استهدفت كليات المملكة العربية السعودية بعد عام.",
        [("المملكة العربية السعودية", "LOC", "Q851")],
    )
    assert found == []


# Participants


def test_a_leaders_son_withdrawing_is_not_the_leader():
    found = coded(
        "حيث انسحب ابن وشقيق الملا عمر من اجتماع الحركة أمس.",
        [("الملا عمر", "PERS", "Q193560")],
        [("أمس", "2015-07-31")],
    )
    assert all("Q193560" not in e.actors for e in found)


def test_the_side_breaking_a_truce_is_not_its_party():
    found = coded(
        "فيما قام الحوثيون باختراق الهدنة منذ الساعات الأولى.",
        [("الحوثيون", "ORG", "local:ORG:الحوثيون")],
    )
    assert [(e.type, e.actors) for e in found if e.type == "RETREAT"] == []


def test_a_name_inside_the_bombed_target_is_not_the_attacker():
    [event] = coded(
        "قصفت وبدقة هدفاً تخريبياً لحركة حماس وسط قطاع غزة.",
        [("حركة حماس", "ORG", "Q38799"), ("قطاع غزة", "LOC", "Q39760")],
    )
    assert (event.type, event.actors) == ("ASSAULT", [])


def test_a_name_after_the_target_head_word_is_not_the_attacker():
    [event] = coded(
        "وقصفت طائرات الاحتلال موقع (خالد العلي) قرب المخيم أمس.",
        [("خالد العلي", "ORG", "local:ORG:خالد العلي")],
        [("أمس", "2015-07-31")],
    )
    assert event.actors == []


def test_a_main_building_is_no_office():
    [event] = coded(
        "وساعدت المعلومات على قصف المقر الرئيس لمنظمة التحرير عام 1988 في تونس.",
        [("منظمة التحرير", "ORG", "Q166166"), ("تونس", "LOC", "Q948")],
        [("عام 1988", "1988")],
    )
    assert event.actors == []


def test_an_object_pronoun_on_a_relative_verb_makes_the_name_after_it_the_subject():
    [event] = coded(
        "وتمسك الأتراك بشرطهم الذي رفضته الولايات المتحدة منذ البداية.",
        [("الولايات المتحدة", "LOC", "Q30")],
    )
    assert (event.type, event.actors, event.recipients) == ("REJECT", ["Q30"], [])


def test_two_states_joined_by_and_both_act():
    [event] = coded(
        "دعت بريطانيا وفرنسا دولاً أخرى إلى المساعدة في التصدي للأزمة.",
        [("بريطانيا", "LOC", "Q145"), ("فرنسا", "LOC", "Q142")],
    )
    assert (event.actors, event.recipients) == (["Q145", "Q142"], [])


# Factuality


def test_a_truce_starting_this_evening_is_planned():
    [event] = coded(
        "وأعلن التحالف هدنة إنسانية اعتباراً من مساء اليوم الأحد.",
        [("التحالف", "ORG", "local:ORG:التحالف")],
        [("مساء اليوم الأحد", "2015-08-02")],
        published="2015-08-02",
    )
    assert (event.type, event.factuality) == ("RETREAT", "planned")


def test_what_must_be_rejected_is_hypothetical():
    [event] = coded("وقال إنه اتفاق سيئ يجب رفضه من الكونغرس.", [("الكونغرس", "ORG", "Q11268")])
    assert (event.type, event.factuality) == ("REJECT", "hypothetical")


def test_one_of_two_outcomes_is_hypothetical():
    [event] = coded(
        "وأمام المشرعين مهلة حتى 17 سبتمبر لقبول الاتفاق أو رفضه.", dates=[("17 سبتمبر", "2015-09-17")]
    )
    assert (event.type, event.factuality) == ("REJECT", "hypothetical")


def test_a_visit_asked_for_is_hypothetical():
    found = coded(
        "وطالبت جامعة الدول العربية بتشكيل لجنة للقيام بزيارة الأراضي الفلسطينية.",
        [("جامعة الدول العربية", "ORG", "Q7172"), ("الأراضي الفلسطينية", "LOC", "Q219060")],
    )
    visit = next(e for e in found if e.type == "CONSULT")
    assert (visit.recipients, visit.factuality) == (["Q219060"], "hypothetical")


# Dates


def test_a_date_word_in_an_idiom_is_no_date():
    item = Article(
        blocks=blocks_from_texts([("paragraph", "ولم تكن اتهامات المالكي للحكومة وليدة اليوم.")]),
        published=Published("2015-08-01"),
    )
    start = item.text.index("المالكي")
    item.mentions.append(Mention(start, start + 7, "المالكي", "PERS", "Q19407"))
    start = item.text.index("اليوم")
    item.dates.append(
        TemporalExpression(start, start + 5, "اليوم", "2015-08-01", "day", True, "2015-08-01", "2015-08-01")
    )
    events.annotate(item)
    [event] = item.events
    assert (event.type, event.begin) == ("ACCUSE", None)


def test_a_since_duration_gives_a_begin_and_runs_to_the_report():
    [event] = coded(
        "ووصلت مساعدات الأمم المتحدة إلى مرفأ عدن منذ أربعة أشهر.",
        [("الأمم المتحدة", "ORG", "Q1065")],
        [("منذ أربعة أشهر", "2015-04-01")],
    )
    assert (event.begin, event.end_date) == ("2015-04-01", "2015-08-01")


def test_a_date_after_until_ends_the_span():
    [event] = coded(
        "وقرر الاتحاد الأوروبي تمديد عقوباته على روسيا حتى 31 يناير.",
        [("الاتحاد الأوروبي", "ORG", "Q458"), ("روسيا", "LOC", "Q159")],
        [("31 يناير", "2016-01-31")],
    )
    assert (event.type, event.begin, event.end_date) == ("SANCTION", None, "2016-01-31")


def test_an_anniversary_day_of_an_earlier_attack_is_not_this_year():
    [event] = coded(
        "وتعددت فروع التنظيم إثر هجمات تنظيم القاعدة في الحادي عشر من سبتمبر.",
        [("تنظيم القاعدة", "ORG", "Q34490")],
        [("الحادي عشر من سبتمبر", "2015-09-11", True)],
    )
    assert (event.type, event.begin, event.factuality) == ("ASSAULT", None, "happened")


def test_a_capital_after_talks_is_where_they_are_held():
    [event] = coded(
        "وأظهرت إيران تنازلات في مفاوضات فيينا مع الولايات المتحدة.",
        [("فيينا", "LOC", "Q1741"), ("الولايات المتحدة", "LOC", "Q30")],
    )
    assert (event.type, event.actors, event.recipients) == ("CONSULT", [], ["Q30"])


def test_the_one_met_with_a_preposition_is_not_the_subject():
    [event] = coded(
        "وقال كيري إنه التقى بوزير الخارجية السعودي عادل الجبير أمس.",
        [("عادل الجبير", "PERS", "Q4697183")],
        [("أمس", "2015-07-31")],
    )
    assert (event.type, event.actors) == ("CONSULT", [])


def test_one_person_named_twice_is_not_their_own_guest():
    [event] = coded(
        "التقى الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد محمد بن سلمان في جدة.",
        [
            ("محمد بن سلمان بن عبدالعزيز", "PERS", "local:PERS:محمد بن سلمان بن عبدالعزيز"),
            ("محمد بن سلمان في", "PERS", "local:PERS:محمد بن سلمان"),
        ],
    )
    assert (event.actors, event.recipients) == (["local:PERS:محمد بن سلمان بن عبدالعزيز"], [])


def test_a_relative_ma_is_no_negation():
    [event] = coded(
        "ووافقت موسكو على القرار، وهو ما لقي ترحيب الملك سلمان.", [("الملك سلمان", "PERS", "Q367825")]
    )
    assert (event.type, event.factuality) == ("SUPPORT", "happened")


def test_what_is_needed_is_hypothetical():
    [event] = coded("وتناول الحوار الضرورة القصوى لاستئناف مفاوضات مع إسرائيل.", [("إسرائيل", "LOC", "Q801")])
    assert (event.type, event.factuality) == ("CONSULT", "hypothetical")


def test_a_date_in_an_aside_about_a_name_is_not_the_events():
    [event] = coded(
        "ورد كيري على انتقادات بندر (السفير بين العامين 1981 و2005).",
        [("بندر", "PERS", "Q57369")],
        [("1981", "1981")],
    )
    assert (event.type, event.begin) == ("ACCUSE", None)


def test_a_date_in_a_quoted_name_is_not_the_events():
    [event] = coded(
        "ويرفض الورفلي الاعتراف بـ«ثورة فبراير» في ليبيا.",
        [("الورفلي", "PERS", "local:PERS:الورفلي")],
        [("فبراير", "2015-02-01")],
    )
    assert (event.type, event.begin) == ("REJECT", None)


# Never crash


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "طالب",
                "دعت",
                "الأمر الذي",
                "استقبل",
                "باختراق",
                "الهدنة",
                "هدفاً",
                "موقع",
                "أو",
                "رفضه",
                "يجب",
                "منذ",
                "حتى",
                "وليدة",
                "اليوم",
                "إثر",
                "هجمات",
                "و",
                "،",
                "(",
                "لحركة",
                "حماس",
                "ابن",
                "الذي",
            ]
        )
        | st.text(max_size=6),
        max_size=25,
    ),
    st.integers(min_value=0, max_value=3),
)
def test_any_words_give_events_or_nothing(words, names):
    text = " ".join(words)
    picked = [w for w in words if len(w) > 1 and w in text][:names]
    found = coded(text, [(w, "ORG", f"local:ORG:{w}") for w in dict.fromkeys(picked)])
    assert all(0 <= e.start <= e.end <= len(text) for e in found)
