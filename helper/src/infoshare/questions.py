"""Every question the helper asks, defined once, as data.

Each page asks about one thing (GOV.UK "one thing per page"), in at most five
questions counting the follow-up fields that show only for some answers, and
belongs to one of four sections, shown above its question. The order of PAGES
is the order of the flow; which pages a particular decision visits is decided by
infoshare.flow. Each page names the golden rules it applies (see
infoshare.rules).

Each field has its question (`label`), asked on its page, and its statement
(`statement`), the label its answer has wherever it is read back: the check
page, an amendment's changes, and every format of the record ("Facts shared",
not "What facts are you sharing?"). The error messages follow the GOV.UK
pattern: say what is wrong and how to put it right, naming the field by its
`noun` ("Date advice was given must include a month").
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from .commencement import DUTY_ADDED, duty_to_share_status

__all__ = [
    "ABOUT_THE_REQUEST",
    "FIELDS",
    "LEGACY_FIELDS",
    "PAGES",
    "PAGE_IDS",
    "SCHEDULE_1",
    "SCHEDULE_1_PAGES",
    "SECTIONS",
    "SHARING",
    "TEXTAREA_MAX",
    "TEXT_MAX",
    "THE_DECISION",
    "THE_RECORD",
    "Field",
    "FieldKind",
    "LegacyField",
    "Option",
    "Page",
    "Section",
    "ShowIf",
    "field",
    "offered",
    "page",
    "page_of",
]

FieldKind = Literal["radios", "checkboxes", "text", "textarea", "date", "datetime"]

# Limits keep every record far below parse.MAX_BYTES (5 MB) while leaving
# room for a long account of a complex case.
TEXT_MAX = 200
TEXTAREA_MAX = 20_000

# The sections a page belongs to, in the order the journey meets them; each page's
# section is shown above its question, and the check page groups answers by them.
Section = Literal["About the request", "The decision", "Sharing", "The record"]
ABOUT_THE_REQUEST: Section = "About the request"
THE_DECISION: Section = "The decision"
SHARING: Section = "Sharing"
THE_RECORD: Section = "The record"
SECTIONS: tuple[Section, ...] = (ABOUT_THE_REQUEST, THE_DECISION, SHARING, THE_RECORD)


# Plain immutable records (NamedTuple rather than frozen dataclasses: the helper's
# page imports this module while the practitioner waits, and a NamedTuple class is
# several times cheaper to create in the browser's Python).


class Option(NamedTuple):
    value: str
    label: str
    hint: str | None = None
    # The record schema versions that offered it: the first, and the last (None: this
    # one). A record of any other version cannot hold it; an older record that does
    # still reads it under the label it was chosen by.
    since: int = 1
    until: int | None = None


class ShowIf(NamedTuple):
    """Show a follow-up field only when another field on its page has one of these values."""

    field: str
    values: tuple[str, ...]


class Field(NamedTuple):
    name: str
    kind: FieldKind
    # The question, as its page asks it.
    label: str
    # The answer's label wherever it is read back: a statement, not a question.
    statement: str
    # The field's name inside an error message, e.g. "Review date". For a date and
    # time, the date's: "Date advice was given".
    noun: str
    # The message when a required field is not answered.
    missing: str
    hint: str | None = None
    required: bool = True
    options: tuple[Option, ...] = ()
    show_if: ShowIf | None = None
    # The record schema version that first asked this question. A record sealed by
    # an earlier version was never asked it, so may lack the answer.
    since: int = 1
    # For a date and time, its time's name in an error message: "Time advice was given".
    time_noun: str | None = None
    # A date and time that is usually now: the page offers "Use the time now".
    now_button: bool = False
    # The statement in a record made while seeking advice, which records no decision
    # yet, where the usual one would say there was one.
    statement_no_decision: str | None = None

    @property
    def max_length(self) -> int:
        return TEXTAREA_MAX if self.kind == "textarea" else TEXT_MAX


class Page(NamedTuple):
    id: str
    title: str
    section: Section
    rules: tuple[int, ...]
    fields: tuple[Field, ...]
    hint: str | None = None


YES_NO = (Option("yes", "Yes"), Option("no", "No"))


def _yes_no_not_sure(no_hint: str | None = None) -> tuple[Option, ...]:
    return (
        Option("yes", "Yes"),
        Option("no", "No", no_hint),
        Option("not_sure", "Not sure", "Seek advice before you decide."),
    )


def _person(prefix: str, whose: str, who: str, stated: str) -> tuple[Field, ...]:
    """Name, role and organisation: the sources ask for all three wherever a person is
    named. `whose` names them on the question page, `stated` in the record."""
    return (
        Field(f"{prefix}_name", "text", f"Name of {whose}", f"Name of {stated}",
              f"Name of {whose}", f"Enter the name of {whose}"),
        Field(f"{prefix}_role", "text", f"{who} role", f"Role of {stated}", f"Role of {whose}",
              f"Enter the role of {whose}"),
        Field(f"{prefix}_organisation", "text", f"{who} organisation",
              f"Organisation of {stated}", f"Organisation of {whose}",
              f"Enter the organisation of {whose}"),
    )


def _shown_if(fields: tuple[Field, ...], show_if: ShowIf) -> tuple[Field, ...]:
    return tuple(f._replace(show_if=show_if) for f in fields)


_ASKED = ShowIf("request_source", ("asked",))

# UK GDPR Article 9 conditions: value, label, hint. Each hint says which Schedule 1
# condition, if any, the Data Protection Act 2018 (section 10) pairs it with.
_ARTICLE_9: tuple[tuple[str, str, str], ...] = (
    ("social_protection",
     "Employment, social security and social protection law (Article 9(2)(b))",
     ("Also needs the condition in Schedule 1 Part 1 paragraph 1 (employment, social "
      "security and social protection).")),
    ("vital_interests",
     "Vital interests, where the person cannot consent (Article 9(2)(c))",
     ("To protect someone's life where they are physically or legally unable to give "
      "consent. No Schedule 1 condition is needed.")),
    ("substantial_public_interest",
     "Substantial public interest (Article 9(2)(g))",
     ("Also needs a condition in Schedule 1 Part 2, such as paragraph 18 "
      "(safeguarding of children and of individuals at risk).")),
    ("health_social_care",
     "Health or social care (Article 9(2)(h))",
     ("Also needs the condition in Schedule 1 Part 1 paragraph 2 (health or social "
      "care purposes).")),
    ("explicit_consent",
     "Explicit consent (Article 9(2)(a))",
     ("Only with the person's explicit consent to this sharing. No Schedule 1 "
      "condition is needed.")),
)

# The Schedule 1 question asked for each Article 9 condition that needs one (DPA 2018
# s.10: (b) and (h) need their Part 1 condition, (g) a condition in Part 2). A condition
# missing here would be asked for none. (b) and (h) are confirmed under their Article 9
# choice; (g)'s choice has follow-ups of its own, so it has a page of its own
# (SCHEDULE_1_PAGES), which the flow visits when (g) is chosen: a follow-up never
# depends on another follow-up.
_PARAGRAPH_18 = ShowIf("schedule1_substantial_public_interest", ("para_18",))
SCHEDULE_1: dict[str, Field] = {
    "social_protection": Field(
        "schedule1_social_protection", "checkboxes",
        "Confirm your Data Protection Act 2018 Schedule 1 condition",
        "Data Protection Act 2018 Schedule 1 condition", "Schedule 1 condition",
        "Confirm the Schedule 1 Part 1 paragraph 1 condition, or choose another Article 9 "
        "condition",
        hint="Article 9(2)(b) can be relied on only with this condition.",
        options=(Option(
            "part1_para1",
            "Schedule 1 Part 1 paragraph 1: employment, social security and social protection",
            "Sharing is necessary for obligations or rights that the law imposes or confers in "
            "connection with social protection. You need an appropriate policy document."),),
        since=2,
    ),
    "substantial_public_interest": Field(
        "schedule1_substantial_public_interest", "radios",
        "Which condition in Schedule 1 Part 2 of the Data Protection Act 2018 applies?",
        "Data Protection Act 2018 Schedule 1 condition", "Schedule 1 condition",
        "Select the Schedule 1 Part 2 condition you rely on",
        options=(
            Option("para_18",
                   "Schedule 1 Part 2 paragraph 18: safeguarding of children and of individuals "
                   "at risk",
                   "To protect a child, or an adult at risk, from neglect or harm, or to "
                   "protect their well-being, without consent. You need an appropriate policy "
                   "document."),
            Option("other", "Another condition in Schedule 1 Part 2"),
        ),
        since=2,
    ),
    "health_social_care": Field(
        "schedule1_health_social_care", "checkboxes",
        "Confirm your Data Protection Act 2018 Schedule 1 condition",
        "Data Protection Act 2018 Schedule 1 condition", "Schedule 1 condition",
        "Confirm the Schedule 1 Part 1 paragraph 2 condition, or choose another Article 9 "
        "condition",
        hint="Article 9(2)(h) can be relied on only with this condition.",
        options=(Option(
            "part1_para2",
            "Schedule 1 Part 1 paragraph 2: health or social care purposes",
            "Sharing is done by, or under the responsibility of, a health or social work "
            "professional, or someone else who owes a duty of confidentiality."),),
        since=2,
    ),
}
_PART_2_FOLLOW_UPS: tuple[Field, ...] = (
    Field(
        "para18_reason", "radios", "Why are you sharing without consent under paragraph 18?",
        "Why paragraph 18 is relied on without consent",
        "Why you rely on paragraph 18 without consent",
        "Select why you are sharing without consent under paragraph 18",
        options=(
            Option("cannot_give", "Consent cannot be given"),
            Option("cannot_obtain", "Consent cannot reasonably be obtained"),
            Option("would_prejudice", "Asking for consent would prejudice the protection",
                   "For example, asking could alert the person causing the harm."),
        ),
        show_if=_PARAGRAPH_18,
        since=2,
    ),
    Field(
        "schedule1_other", "text", "Which other Part 2 condition do you rely on?",
        "Other Schedule 1 Part 2 condition", "The other Part 2 condition",
        "Enter the Schedule 1 Part 2 condition you rely on",
        hint="Give its paragraph number and heading.",
        show_if=ShowIf("schedule1_substantial_public_interest", ("other",)),
        since=2,
    ),
)
SCHEDULE_1_PAGES: dict[str, str] = {"substantial_public_interest": "schedule_1_part_2"}

PAGES: tuple[Page, ...] = (
    Page(
        "urgency",
        "Is a child in immediate danger or at risk of significant harm right now?",
        ABOUT_THE_REQUEST,
        (5,),
        (
            Field(
                "urgency", "radios",
                "Is a child in immediate danger or at risk of significant harm right now?",
                "Child in immediate danger or at risk of significant harm",
                "Whether a child is in immediate danger",
                "Select yes if a child is in immediate danger or at risk of significant harm right now",
                options=(
                    Option("yes", "Yes", "The next page says what to do now, and whom to call."),
                    Option("no", "No"),
                ),
            ),
        ),
        hint="If a child is in immediate danger, call 999. Do not wait to complete this record.",
    ),
    Page(
        "case_reference",
        "What is your case reference?",
        ABOUT_THE_REQUEST,
        (7,),
        (
            Field(
                "case_reference", "text", "What is your case reference?", "Case reference",
                "Case reference", "Enter your case reference",
                hint="Use your own case reference or the child's initials, not a child's full "
                     "name. It is the only thing you type that goes into the file name.",
            ),
        ),
    ),
    Page(
        "request",
        "Did someone ask you for the information, or are you sharing it on your own initiative?",
        ABOUT_THE_REQUEST,
        (7,),
        (
            Field(
                "request_source", "radios",
                "Did someone ask you for the information, or are you sharing it on your own initiative?",
                "Asked for, or shared on your own initiative",
                "Who asked for the information",
                "Select whether someone asked for the information or you are sharing it on your "
                "own initiative",
                options=(
                    Option("asked", "Someone asked for it"),
                    Option("own_initiative", "I am sharing it on my own initiative"),
                ),
            ),
            *_shown_if(_person("requester", "the person who asked", "Their",
                               "the person who asked"), _ASKED),
            Field(
                "request_received_at", "datetime", "When did you receive the request?",
                "Date and time the request was received", "Date you received the request",
                "Enter the date and time you received the request",
                show_if=_ASKED,
                time_noun="Time you received the request",
            ),
        ),
    ),
    Page(
        "purpose",
        "Is there a clear and legitimate purpose for you or your agency to share the information?",
        THE_DECISION,
        (1, 6),
        (
            Field(
                "purpose_clear", "radios",
                "Is there a clear and legitimate purpose for you or your agency to share the information?",
                "Clear and legitimate purpose to share",
                "Whether you have a clear and legitimate purpose",
                "Select whether you have a clear and legitimate purpose for sharing",
                options=_yes_no_not_sure("The guidance points to not sharing. You will still "
                                         "record your decision and why."),
            ),
            Field(
                "purpose", "textarea", "What is the purpose of sharing?", "Purpose of sharing",
                "Purpose of sharing", "Enter the purpose of sharing",
                hint="Say what the information is for and how it will help the child. If there "
                     "is no clear purpose, say what the information was wanted for.",
            ),
        ),
        hint="For example, to protect a child from harm, or to help a service assess what a "
             "child needs.",
    ),
    Page(
        "personal_data",
        "Could the information identify a living person, on its own or with other information?",
        THE_DECISION,
        (1,),
        (
            Field(
                "personal_data", "radios",
                "Could the information identify a living person, on its own or with other information?",
                "Information could identify a living person",
                "Whether the information could identify a living person",
                "Select whether the information could identify a living person",
                options=_yes_no_not_sure(),
            ),
        ),
        hint="Information without names can still identify a child or family, especially in a "
             "small community: an age, a school or a street may be enough.",
    ),
    Page(
        "risk_of_harm",
        "Is there a concern that a child, or an adult, is at risk of harm?",
        THE_DECISION,
        (4, 5),
        (
            Field(
                "risk_of_harm", "radios",
                "Is there a concern that a child, or an adult, is at risk of harm?",
                "Concern about a risk of harm",
                "Whether there is a risk of harm",
                "Select whether there is a concern that a child or an adult is at risk of harm",
                options=(
                    Option("yes", "Yes, a child is suffering, or is likely to suffer, harm",
                           "Choose this even if an adult is at risk too. A child who sees, hears "
                           "or experiences the effects of domestic abuse in their family is a "
                           "victim of it in their own right."),
                    Option("adult", "An adult is at risk of harm, but no child is",
                           "For example, an adult with care and support needs. Not where there "
                           "is domestic abuse in a household with children: the children are at "
                           "risk too, so choose the first answer."),
                    Option("no", "No"),
                    Option("not_sure", "Not sure",
                           "Seek advice promptly, and do not let that delay action to protect "
                           "a child."),
                ),
            ),
            Field(
                "child_needs_help", "radios",
                "Might a child need help or support, such as early help?",
                "A child might need help or support",
                "Whether a child may need help",
                "Select whether a child may need help or support",
                hint=("A child can need help even where the threshold for services, such as for "
                      "a child in need under section 17 of the Children Act 1989, has not been "
                      "reached."),
                options=YES_NO,
                show_if=ShowIf("risk_of_harm", ("no",)),
                since=2,
            ),
        ),
        hint=("A concern is enough: you do not need to be certain. Base your decision on the "
              "safety and wellbeing of the child and of others who may be affected."),
    ),
    Page(
        "confidential",
        "Is the information confidential?",
        THE_DECISION,
        (4,),
        (
            Field(
                "confidential", "radios", "Is the information confidential?",
                "Information is confidential",
                "Whether the information is confidential",
                "Select whether the information is confidential",
                options=_yes_no_not_sure(),
            ),
        ),
        hint="Information is confidential if it was given in confidence, or if it is "
             "confidential by its nature, such as health records.",
    ),
    Page(
        "consent",
        "Do you have consent to share the information?",
        THE_DECISION,
        (2, 4),
        (
            Field(
                "consent", "radios", "Do you have consent to share the information?",
                "Consent to share", "Whether you have consent",
                "Select whether you have consent to share",
                options=(
                    Option("given", "Yes, consent was given"),
                    Option("refused", "No, consent was refused"),
                    Option("not_sought", "Consent was not sought"),
                    Option("not_yet_asked", "I have not asked yet"),
                ),
            ),
            Field(
                "consent_not_sought_reason", "radios", "Why was consent not sought?",
                "Why consent was not sought", "Why consent was not sought",
                "Select why consent was not sought",
                options=(
                    Option("increase_risk", "Asking would create or increase a risk of harm"),
                    Option("not_obtainable", "Consent could not be obtained"),
                    Option("not_right_basis", "Consent is not the right basis for this sharing",
                           "For example, you rely on public task or a legal obligation."),
                    Option("not_practicable", "It was not practicable to ask"),
                ),
                show_if=ShowIf("consent", ("not_sought",)),
            ),
            Field(
                "consent_details", "textarea", "Details of consent (optional)",
                "Details of consent", "Details of consent", "Enter the details of consent",
                hint="Who gave or refused consent, when, and what they were told.",
                required=False,
            ),
        ),
        hint=("Be open and honest about sharing, and seek agreement where that is safe and "
              "appropriate. Whether you need consent depends on your other answers: the helper "
              "says what the guidance points to before you decide."),
    ),
    # The views asked for depend on who is at risk (infoshare.flow chooses the page): a
    # child's and family's, or, where only an adult is at risk, the adult's. An adult's
    # case is not asked for a child's views, nor told the rule about children.
    Page(
        "views",
        "What are the views of the child or family about sharing?",
        THE_DECISION,
        (2, 4),
        (
            Field(
                "views", "textarea", "What are the views of the child or family about sharing?",
                "Views of the child or family", "Views of the child or family",
                "Enter the views of the child or family, or say why you do not know them",
                hint="Say what they want. If you do not know, or asking them could put someone "
                     "at risk, say so.",
            ),
        ),
        hint=("The 2024 advice says consent is not needed to share where a child is at risk, "
              "or perceived risk, of harm, but you still need a lawful basis. Their views still "
              "matter: involve them where that is safe."),
    ),
    Page(
        "adult_views",
        "What are the views of the adult about sharing?",
        THE_DECISION,
        (2, 4),
        (
            Field(
                "adult_views", "textarea", "What are the views of the adult about sharing?",
                "Views of the adult at risk", "Views of the adult",
                "Enter the views of the adult, or say why you do not know them",
                hint="Say what they want. If you do not know, or asking them could put them or "
                     "someone else at risk, say so.",
                since=3,
            ),
        ),
        hint=("The 2024 rule that consent is not needed is about a child at risk. Where only an "
              "adult is at risk, seek their agreement where that is safe: the 2015 advice allows "
              "sharing without consent where there is good reason, such as where safety may be "
              "at risk."),
    ),
    Page(
        "other_basis",
        "Is there another basis to share the information without consent?",
        THE_DECISION,
        (1, 4),
        (
            Field(
                "other_basis", "radios",
                "Is there another basis to share the information without consent?",
                "Another basis to share without consent",
                "Whether there is another basis to share without consent",
                "Select whether there is another basis to share the information without consent",
                options=(
                    # A law that requires sharing and one that only allows it lead to
                    # different outcomes, so version 3 asks which; version 2 asked
                    # "a legal duty or a statutory request", which a police request citing
                    # a permissive exemption could be mistaken for.
                    Option("law_requires", "Yes, a law requires me to share it",
                           "For example, a court order, or a request from children's social care "
                           "for help with an enquiry under section 47 of the Children Act 1989, "
                           "which the bodies that section names must give.",
                           since=3),
                    Option("law_allows", "Yes, a law allows me to share it, but does not "
                                         "require it",
                           "For example, a police request that cites the exemption for the "
                           "prevention or detection of crime (Data Protection Act 2018, "
                           "Schedule 2, paragraph 2). It lets you share: it does not make you.",
                           since=3),
                    Option("legal_duty", "Yes, a legal duty or a statutory request", until=2),
                    Option("public_interest", "Yes, an overriding public interest",
                           "The public interest in sharing, such as protecting someone from "
                           "serious harm, outweighs the duty of confidence."),
                    Option("duty_to_share",
                           "Yes, the duty to share information about children, once it is in "
                           "force",
                           f"{DUTY_ADDED} {duty_to_share_status()}"),
                    Option("no", "No"),
                    Option("not_sure", "Not sure", "Seek advice before you decide."),
                ),
                since=2,
            ),
        ),
        hint=("The information is confidential and you do not have consent. You may still "
              "share it where a law requires it, or where the public interest in sharing "
              "outweighs the duty of confidence. A law that only allows sharing leaves the "
              "decision to you."),
    ),
    Page(
        "decision",
        "What have you decided?",
        THE_DECISION,
        (7,),
        (
            Field(
                "decision", "radios", "What have you decided?", "Decision", "Your decision",
                "Select your decision",
                options=(
                    Option("share_all", "Share all of the information"),
                    Option("share_part", "Share part of the information"),
                    Option("do_not_share", "Do not share"),
                    Option("seeking_advice", "Not decided yet: I am seeking advice"),
                ),
            ),
        ),
        hint="You decide. The helper shows what the guidance points to, but you hold the "
             "professional judgement. If you decide differently, you will be asked why.",
    ),
    Page(
        "departure",
        "Why have you decided differently from what the guidance points to?",
        THE_DECISION,
        (3, 7),
        (
            Field(
                "departure_reason", "textarea",
                "Why have you decided differently from what the guidance points to?",
                "Why the decision differs from what the guidance points to",
                "Why you decided differently",
                "Enter why you have decided differently from what the guidance points to",
                hint="Explain the facts of the case that led you to this decision.",
            ),
        ),
    ),
    Page(
        "lawful_basis",
        "Which lawful basis in UK GDPR Article 6 are you relying on?",
        SHARING,
        (1, 4),
        (
            Field(
                "lawful_basis", "radios",
                "Which lawful basis in UK GDPR Article 6 are you relying on?",
                "Lawful basis (UK GDPR Article 6)",
                "Lawful basis", "Select your lawful basis under UK GDPR Article 6",
                options=(
                    Option("public_task", "Public task (Article 6(1)(e))",
                           "A task in the public interest or in the exercise of official "
                           "authority that has a basis in law."),
                    Option("legal_obligation", "Legal obligation (Article 6(1)(c))"),
                    Option("vital_interests", "Vital interests (Article 6(1)(d))",
                           "To protect someone's life."),
                    Option("consent", "Consent (Article 6(1)(a))"),
                    Option("recognised_legitimate_interest",
                           "Recognised legitimate interest (Article 6(1)(ea))",
                           "Includes safeguarding a vulnerable person. Not for a public "
                           "authority performing its tasks."),
                    Option("legitimate_interests", "Legitimate interests (Article 6(1)(f))",
                           "Not for a public authority performing its tasks."),
                    Option("contract", "Contract (Article 6(1)(b))"),
                ),
            ),
            Field(
                "statutory_gateway", "text", "Statutory power or gateway (optional)",
                "Statutory power or gateway", "Statutory power or gateway",
                "Enter the statutory power or gateway",
                hint="For example, Children Act 1989 section 47.",
                required=False,
            ),
        ),
        hint="Public bodies usually rely on public task or legal obligation. Consent is often "
             "not the right basis.",
    ),
    Page(
        "special_category",
        "Does the information include special category data?",
        SHARING,
        (1, 4),
        (
            Field(
                "special_category", "radios",
                "Does the information include special category data?",
                "Includes special category data",
                "Whether the information includes special category data",
                "Select whether the information includes special category data",
                hint="Information about health, ethnic origin, religion or beliefs, sex life or "
                     "sexual orientation, genetics, biometrics, political opinions or trade "
                     "union membership.",
                options=YES_NO,
            ),
        ),
    ),
    Page(
        "article_9",
        "Your condition for special category data",
        SHARING,
        (1, 4),
        (
            Field(
                "art9_condition", "radios",
                "Which condition in UK GDPR Article 9 are you relying on?",
                "Condition for special category data (UK GDPR Article 9)",
                "Article 9 condition", "Select your Article 9 condition",
                options=tuple(Option(value, label, hint) for value, label, hint in _ARTICLE_9),
            ),
            *(question._replace(show_if=ShowIf("art9_condition", (condition,)))
              for condition, question in SCHEDULE_1.items() if condition not in SCHEDULE_1_PAGES),
        ),
        hint=("Special category data needs a condition in Article 9 as well as a lawful basis. "
              "Some Article 9 conditions also need a condition in Schedule 1 to the Data "
              "Protection Act 2018 (section 10 of that Act)."),
    ),
    Page(
        "schedule_1_part_2",
        "Which condition in Schedule 1 Part 2 of the Data Protection Act 2018 applies?",
        SHARING,
        (1, 4),
        (SCHEDULE_1["substantial_public_interest"], *_PART_2_FOLLOW_UPS),
        hint=("You chose substantial public interest (Article 9(2)(g)). It can be relied on "
              "only with a condition in Part 2 of Schedule 1 to the Data Protection Act 2018 "
              "(section 10 of that Act)."),
    ),
    Page(
        "criminal_offence",
        "Does the information include criminal offence data?",
        SHARING,
        (1, 4),
        (
            Field(
                "criminal_offence_data", "radios",
                "Does the information include criminal offence data?",
                "Includes criminal offence data",
                "Whether the information includes criminal offence data",
                "Select whether the information includes criminal offence data",
                hint="Information about criminal allegations, proceedings or convictions.",
                options=YES_NO,
            ),
            Field(
                "art10_condition", "text",
                "What is your condition for sharing criminal offence data (UK GDPR Article 10)?",
                "Condition for criminal offence data (UK GDPR Article 10)",
                "Article 10 condition", "Enter your Article 10 condition for criminal offence data",
                hint="For example, Data Protection Act 2018 Schedule 1 paragraph 18, "
                     "safeguarding of children and of individuals at risk.",
                show_if=ShowIf("criminal_offence_data", ("yes",)),
            ),
        ),
    ),
    Page(
        "confidence",
        "Why is it justified to share confidential information without consent?",
        SHARING,
        (4,),
        (
            Field(
                "confidence_justification", "textarea",
                "Why is it justified to share confidential information without consent?",
                "Why sharing confidential information without consent is justified",
                "Why sharing without consent is justified",
                "Enter why it is justified to share confidential information without consent",
                hint="For example, an overriding public interest in protecting a child from "
                     "harm, or a legal duty to share.",
            ),
        ),
    ),
    Page(
        "sharing",
        "What information are you sharing?",
        SHARING,
        (6,),
        (
            Field(
                "shared_facts", "textarea", "What facts are you sharing?", "Facts shared",
                "Facts shared", "Enter the facts you are sharing",
                hint="Keep facts apart from opinions. Say if information is historical.",
            ),
            Field(
                "shared_opinions", "textarea",
                "What opinions or professional judgements are you sharing? (optional)",
                "Opinions and professional judgements shared",
                "Opinions shared", "Enter the opinions you are sharing",
                hint="Say whose opinion each one is.",
                required=False,
            ),
        ),
    ),
    Page(
        "recipient",
        "Who are you sharing it with?",
        SHARING,
        (6,),
        _person("recipient", "the person you are sharing with", "Their",
                "the person it is shared with"),
    ),
    Page(
        "how_shared",
        "How and when are you sharing it?",
        SHARING,
        (5, 6),
        (
            Field(
                "shared_how", "radios", "How are you sharing it?", "How it is shared",
                "How you are sharing it", "Select how you are sharing the information",
                options=(
                    Option("secure_email", "Secure email"),
                    Option("secure_system", "A secure case management system or portal"),
                    Option("phone", "Telephone"),
                    Option("in_person", "In person or at a meeting"),
                    Option("post", "Post"),
                    Option("other", "Another way"),
                ),
                hint="Use a secure route that follows your organisation's policy.",
            ),
            Field(
                "shared_how_other", "text", "Describe how you are sharing it",
                "How it is shared, described", "How you are sharing it",
                "Enter how you are sharing the information",
                show_if=ShowIf("shared_how", ("other",)),
            ),
            Field(
                "shared_at", "datetime", "When was the information shared, or when will it be?",
                "Date and time of sharing", "Date of sharing",
                "Enter the date and time of sharing",
                # Typed, never filled in with the time now: in an emergency the record is
                # made after the sharing, and the time now would be the time of recording.
                hint="Type the time it was shared, or will be. In an emergency, the time you "
                     "shared it, not the time you are making this record.",
                time_noun="Time of sharing",
            ),
        ),
    ),
    Page(
        "identities",
        "Have you protected the identities of people who could be harmed if their details "
        "were shared?",
        SHARING,
        (5, 6),
        (
            Field(
                "identities_protected", "radios",
                "Have you protected the identities of people who could be harmed if their "
                "details were shared?",
                "Identities of people who could be harmed",
                "Whether identities are protected",
                "Select whether you have protected the identities of people who could be harmed",
                hint="For example, someone who reported a concern, or a parent whose address "
                     "must not reach an abuser.",
                options=(
                    Option("yes", "Yes, I have withheld or removed their details"),
                    Option("not_applicable", "No one in this information needs protecting"),
                    Option("no", "No"),
                ),
            ),
            Field(
                "identities_details", "textarea", "Whose details have you withheld, and how?",
                "Details withheld, and how", "Details withheld",
                "Enter whose details you have withheld and how",
                hint="Describe them without naming them.",
                show_if=ShowIf("identities_protected", ("yes",)),
            ),
        ),
    ),
    Page(
        "principles",
        "Necessary and proportionate sharing",
        SHARING,
        (6,),
        (
            Field(
                "necessary_proportionate", "textarea",
                "Why is sharing this information necessary and proportionate?",
                "Why sharing is necessary and proportionate",
                "Why sharing is necessary and proportionate",
                "Enter why sharing is necessary and proportionate",
                hint="Weigh the likely impact of sharing and of not sharing. Share only what "
                     "the purpose needs.",
            ),
            Field(
                "principles", "checkboxes", "Confirm the information you are sharing is:",
                "The information shared is", "The principles",
                "Confirm the sharing is necessary and proportionate, relevant, adequate, "
                "accurate, timely and secure, or change what or how you share",
                hint="Tick each one to confirm it. If one does not apply, change what or how you "
                     "share before you continue.",
                options=(
                    Option("necessary", "Necessary and proportionate",
                           "Only what the purpose needs."),
                    Option("relevant", "Relevant", "Only to those who need it."),
                    Option("adequate", "Adequate", "Enough to be understood and relied on."),
                    Option("accurate", "Accurate", "Up to date, with fact kept apart from opinion."),
                    Option("timely", "Timely", "In time to protect the child."),
                    Option("secure", "Secure", "By a secure route."),
                ),
            ),
        ),
    ),
    Page(
        "telling",
        "Telling the person the information is about",
        SHARING,
        (2,),
        (
            Field(
                "told", "radios",
                "Have you told the person, or their parent or carer, that the information is "
                "being shared?",
                "Person, or their parent or carer, told about the sharing",
                "Whether you have told the person",
                "Select whether you have told the person that the information is being shared",
                options=(
                    Option("told", "Yes, I have told them"),
                    Option("told_some", "I have told some of them, but not all",
                           "For example, you have told the child but not their parents, or one "
                           "parent but not the other.", since=3),
                    Option("will_tell", "Not yet, I will tell them"),
                    Option("not_told", "No, I will not tell them"),
                ),
            ),
            Field(
                "told_who", "textarea", "Who have you told, who have you not told, and why?",
                "Who was told, who was not, and why", "Who was told and who was not",
                "Enter who you have told, who you have not told, and why",
                hint="For example, telling a parent could create or increase a risk of harm to "
                     "the child or to someone else.",
                show_if=ShowIf("told", ("told_some",)),
                since=3,
            ),
            Field(
                "not_told_reason", "textarea", "Why will you not tell them?",
                "Why they will not be told", "Why you will not tell them",
                "Enter why you will not tell them",
                hint="For example, telling them could create or increase a risk of harm to the "
                     "child or to someone else.",
                show_if=ShowIf("told", ("not_told",)),
            ),
        ),
    ),
    Page(
        "advice",
        "Advice",
        THE_RECORD,
        (3,),
        (
            Field(
                "advice_sought", "radios", "Have you sought advice about this decision?",
                "Advice sought", "Whether you have sought advice",
                "Select whether you have sought advice",
                options=YES_NO,
            ),
            Field(
                "advice_from", "text", "Who gave the advice?", "Advice given by",
                "Who gave the advice", "Enter who gave the advice",
                hint="Their name and role, for example the designated safeguarding lead.",
                show_if=ShowIf("advice_sought", ("yes",)),
            ),
            Field(
                "advice_at", "datetime", "When was the advice given?",
                "Date and time of the advice", "Date advice was given",
                "Enter the date and time advice was given",
                show_if=ShowIf("advice_sought", ("yes",)),
                time_noun="Time advice was given",
            ),
            Field(
                "advice_given", "textarea", "What was the advice?", "The advice", "The advice",
                "Enter what the advice was",
                show_if=ShowIf("advice_sought", ("yes",)),
            ),
        ),
        hint="If you are unsure, ask your designated safeguarding lead, information governance "
             "lead, Caldicott guardian or manager, without identifying the person where you can.",
    ),
    Page(
        "reasons",
        "Reasons for your decision",
        THE_RECORD,
        (7,),
        (
            Field(
                "reasons", "textarea", "What are the reasons for your decision?",
                "Reasons for the decision", "Reasons for your decision",
                "Enter the reasons for your decision",
                hint="Record your reasons whether or not you share. Base them on the facts of "
                     "the case.",
            ),
        ),
    ),
    Page(
        "decision_maker",
        "Who made the decision?",
        THE_RECORD,
        (7,),
        tuple(f._replace(statement_no_decision=stated) for f, stated in zip(
            _person("decision_maker", "the person who made the decision", "Their",
                    "the person who made the decision"),
            ("Recorded by", "Role of the person who recorded it",
             "Organisation of the person who recorded it"), strict=True)),
    ),
    Page(
        "recorder",
        "Did you make this decision?",
        THE_RECORD,
        (7,),
        (
            Field(
                "recorded_by_decision_maker", "radios", "Did you make this decision?",
                "Recorded by the person who made the decision",
                "Whether you made this decision",
                "Select yes if you made this decision",
                hint="Say no if you are recording a decision someone else made.",
                options=(
                    Option("yes", "Yes"),
                    Option("no", "No, someone else made it"),
                ),
                since=2,
            ),
            Field(
                "recorder_name", "text", "Your name", "Recorded by", "Your name",
                "Enter your name", show_if=ShowIf("recorded_by_decision_maker", ("no",)),
                since=2,
            ),
            Field(
                "recorder_role", "text", "Your role", "Role of the person who recorded it",
                "Your role", "Enter your role",
                show_if=ShowIf("recorded_by_decision_maker", ("no",)),
                since=2,
            ),
        ),
    ),
    Page(
        "decision_time",
        "When was the decision made?",
        THE_RECORD,
        (7,),
        (
            Field(
                "decided_at", "datetime", "When was the decision made?",
                "Date and time of the decision", "Date the decision was made",
                "Enter the date and time the decision was made",
                time_noun="Time the decision was made",
                now_button=True,
                statement_no_decision="Date and time recorded",
            ),
            Field(
                "review_date", "date", "Date to review the decision (optional)", "Review date",
                "Review date", "Enter the review date",
                required=False,
            ),
        ),
    ),
)

PAGE_IDS: tuple[str, ...] = tuple(p.id for p in PAGES)

FIELDS: dict[str, Field] = {f.name: f for p in PAGES for f in p.fields}

# Questions an earlier record schema asked and this one does not, by name: the page
# whose section shows them when an old record is rendered, and how they read. Only
# records of the schema versions listed may hold them.
class LegacyField(NamedTuple):
    page: str
    field: Field
    versions: tuple[int, ...]


LEGACY_FIELDS: dict[str, LegacyField] = {
    # Schema version 1 asked for the Schedule 1 condition as free text; version 2 offers
    # the conditions that fit the Article 9 condition chosen.
    "schedule1_condition": LegacyField("article_9", Field(
        "schedule1_condition", "text", "Data Protection Act 2018 Schedule 1 condition",
        "Data Protection Act 2018 Schedule 1 condition", "Schedule 1 condition",
        "Enter the Data Protection Act 2018 Schedule 1 condition",
    ), (1,)),
}

_PAGE_OF: dict[str, Page] = {f.name: p for p in PAGES for f in p.fields}
_PAGES_BY_ID: dict[str, Page] = {p.id: p for p in PAGES}


def page(page_id: str) -> Page:
    """The page with this id; KeyError for an unknown id."""
    return _PAGES_BY_ID[page_id]


def field(name: str) -> Field:
    """The field with this name; KeyError for an unknown name."""
    return FIELDS[name]


def page_of(name: str) -> Page:
    return _PAGE_OF[name]


def offered(f: Field, version: int | None = None) -> tuple[Option, ...]:
    """The options a record of schema `version` could hold (None: those asked now)."""
    if version is None:
        return tuple(o for o in f.options if o.until is None)
    return tuple(o for o in f.options
                 if o.since <= version and (o.until is None or version <= o.until))
