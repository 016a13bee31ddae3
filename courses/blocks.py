"""Blocks for lessons: teaching text and media, quiz questions, case dilemmas and reflection.

Quiz questions and dilemma choices are identified by the ids Wagtail gives every stream and list
item, never by their position: an author who reorders options must not change which option a
learner chose last month.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import BaseStreamBlock
from kennisbank.blocks import EscalationContactBlock
from kennisbank.models import SignalGuidePage

from .shuffle import options_ordered, shuffle_seed


def _interactive_page(context):
    """The lesson page when the block is rendered inside one (not in an editor's block preview),
    so a preview shows a block as written and never reads or shuffles for a learner."""
    page = context.get("page")
    return page if getattr(page, "pk", None) and context.get("id") else None


def _for_block(context, name: str):
    """This block's entry in a per-lesson mapping the lesson page put in the context."""
    return (context.get(name) or {}).get(context.get("id") or "")


class LessonImageBlock(blocks.StructBlock):
    """An image that either has alternative text or is explicitly marked as decorative."""

    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        required=False,
        max_length=250,
        help_text=_(
            "Wat ziet iemand die de afbeelding niet kan zien? Verplicht, tenzij decoratief."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Alleen decoratief"),
        required=False,
        help_text=_("Alleen aanvinken als de afbeelding niets toevoegt aan de tekst."),
    )
    caption = blocks.CharBlock(label=_("Bijschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        description = _("Een afbeelding met alternatieve tekst, of gemarkeerd als decoratief.")
        template = "blocks/lesson_image_block.html"
        preview_value = {"alt_text": "", "decorative": True, "caption": "Een klas in gesprek."}

    def get_preview_value(self):
        """The first image in the library, shown as decorative, so the preview is realistic."""
        value = super().get_preview_value()
        value["image"] = get_image_model().objects.order_by("pk").first()
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Geef een alternatieve tekst, of markeer de afbeelding als decoratief.")
                    )
                }
            )
        return value


class VideoBlock(blocks.StructBlock):
    """An embedded video; the transcript is required so the lesson works without sound or sight."""

    video = EmbedBlock(label=_("Video-adres"), help_text=_("Bijv. een adres van Vimeo of YouTube."))
    title = blocks.CharBlock(label=_("Titel"), max_length=160)
    transcript = blocks.TextBlock(label=_("Uitgeschreven tekst"))

    class Meta:
        icon = "media"
        label = _("Video")
        description = _("Een video met verplichte uitgeschreven tekst.")
        preview_value = {
            "title": "Een gesprek na een incident op school",
            "transcript": "Een docent vertelt hoe zij het gesprek met de klas opende.",
        }
        template = "blocks/video_block.html"


class AudioBlock(blocks.StructBlock):
    """An audio fragment (an mp3 address) with a required transcript."""

    url = blocks.URLBlock(label=_("Adres van het geluidsbestand"))
    title = blocks.CharBlock(label=_("Titel"), max_length=160)
    transcript = blocks.TextBlock(label=_("Uitgeschreven tekst"))

    class Meta:
        icon = "media"
        label = _("Audio")
        description = _("Een geluidsfragment met verplichte uitgeschreven tekst.")
        template = "blocks/audio_block.html"
        preview_value = {
            "url": "https://www.example.org/fragment.mp3",
            "title": "Een wijkagent vertelt",
            "transcript": "Ik merkte dat hij anders praatte over zijn buren...",
        }


class QuizOptionBlock(blocks.StructBlock):
    """One answer option with the feedback a learner sees after choosing it."""

    text = blocks.CharBlock(label=_("Antwoord"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Juist antwoord"), required=False)
    feedback = blocks.TextBlock(label=_("Terugkoppeling bij dit antwoord"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Antwoordoptie")
        description = _("Eén antwoord op een kennisvraag, met terugkoppeling.")
        preview_value = {
            "text": "Ik ga eerst in gesprek en overleg met een collega.",
            "correct": True,
            "feedback": "Een signaal is een reden om te praten en te overleggen, geen bewijs.",
        }


class QuizQuestionBlock(blocks.StructBlock):
    """A single- or multiple-choice question; it counts towards lesson completion once answered."""

    question = blocks.CharBlock(label=_("Vraag"), max_length=400)
    multiple = blocks.BooleanBlock(
        label=_("Meer antwoorden mogelijk"),
        required=False,
        help_text=_("Aanvinken als meer dan één antwoord juist kan zijn."),
    )
    options = blocks.ListBlock(QuizOptionBlock(), label=_("Antwoorden"), min_num=2, max_num=8)
    explanation = blocks.TextBlock(
        label=_("Uitleg"), required=False, help_text=_("Getoond na het antwoorden.")
    )

    class Meta:
        icon = "help"
        label = _("Kennisvraag")
        description = _("Een kennisvraag met antwoorden en terugkoppeling per antwoord.")
        template = "blocks/quiz_question_block.html"
        preview_value = {
            "question": "Wat doet u als eerste als u zich zorgen maakt over een leerling?",
            "multiple": False,
            "options": [
                {
                    "text": "Ik ga in gesprek en overleg met een collega.",
                    "correct": True,
                    "feedback": "Juist: een signaal is een reden om te praten, geen bewijs.",
                },
                {
                    "text": "Ik meld het direct bij de politie.",
                    "correct": False,
                    "feedback": "Alleen bij acuut gevaar. Meestal begint u met een gesprek.",
                },
            ],
            "explanation": "Eerst verkennen en overleggen; daarna besluit u samen over vervolgstappen.",
        }

    def clean(self, value):
        value = super().clean(value)
        correct = [option for option in value["options"] if option["correct"]]
        if not correct:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(_("Markeer ten minste één juist antwoord."))
                }
            )
        if len(correct) > 1 and not value["multiple"]:
            raise StructBlockValidationError(
                block_errors={
                    "multiple": ValidationError(
                        _("Er zijn meer juiste antwoorden: vink 'Meer antwoorden mogelijk' aan.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        """The learner's answer and the options in their own order.

        In a lesson the learner keeps one order per question (answering again is revising the
        same answer, and the options must not jump about under the feedback). An editor's block
        preview shows the options as written.
        """
        context = super().get_context(value, parent_context)
        block_id = context.get("id") or ""
        page = _interactive_page(context)
        response = _for_block(context, "responses")
        options = value["options"].bound_blocks
        request = context.get("request")
        if page is not None and request is not None:
            options = options_ordered(
                options=options,
                seed=shuffle_seed(user_id=request.user.pk, scope=f"lesson-{page.pk}"),
                question_id=block_id,
            )
        context["quiz"] = {
            "id": block_id,
            "page": page,
            "options": options,
            "response": response,
            "chosen": list(response.answer.get("selected", [])) if response else [],
            "error": _for_block(context, "block_errors"),
        }
        return context


class DilemmaChoiceBlock(blocks.StructBlock):
    """A choice in a dilemma step: what happens next, and what the trainer thinks of it."""

    text = blocks.CharBlock(label=_("Keuze"), max_length=300)
    consequence = blocks.TextBlock(label=_("Wat er dan gebeurt"))
    feedback = blocks.TextBlock(label=_("Terugkoppeling"), required=False)
    recommended = blocks.BooleanBlock(label=_("Aanbevolen keuze"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Keuze")
        description = _("Eén keuze in een dilemma en wat er dan gebeurt.")
        preview_value = {
            "text": "U vraagt de leerling na de les wat hem bezighoudt.",
            "consequence": "De leerling vertelt over wat hij online ziet en waarom het hem raakt.",
            "recommended": True,
        }


class DilemmaStepBlock(blocks.StructBlock):
    """One moment in the scenario where the professional has to decide."""

    situation = blocks.TextBlock(label=_("Situatie"))
    question = blocks.CharBlock(label=_("Vraag"), max_length=300, default="Wat doet u?")
    choices = blocks.ListBlock(DilemmaChoiceBlock(), label=_("Keuzes"), min_num=2, max_num=5)

    class Meta:
        icon = "list-ol"
        label = _("Stap")
        description = _("Een moment in de casus waarop de deelnemer kiest.")
        preview_value = {
            "situation": "Een leerling deelt in de klas een filmpje met een harde boodschap.",
            "question": "Wat doet u?",
            "choices": [
                {
                    "text": "U gaat na de les met hem in gesprek.",
                    "consequence": "Hij vertelt meer.",
                },
                {"text": "U meldt het meteen bij de politie.", "consequence": "Het gesprek stokt."},
            ],
        }


class CaseDilemmaBlock(blocks.StructBlock):
    """A workplace scenario in steps; it ends in what to do and whom to contact."""

    title = blocks.CharBlock(label=_("Titel"), max_length=160)
    scenario = blocks.TextBlock(label=_("Casus"))
    steps = blocks.ListBlock(DilemmaStepBlock(), label=_("Stappen"), min_num=1, max_num=6)
    conclusion = blocks.RichTextBlock(
        label=_("Wat te doen"), features=["bold", "italic", "ul", "ol", "link"]
    )
    contacts = blocks.ListBlock(
        EscalationContactBlock(), label=_("Wie kunt u raadplegen?"), required=False, min_num=0
    )

    class Meta:
        icon = "group"
        label = _("Casus met dilemma's")
        description = _("Een casus waarin de deelnemer stap voor stap kiest en de gevolgen ziet.")
        template = "blocks/case_dilemma_block.html"
        preview_value = {
            "title": "Een zorgelijke opmerking in de klas",
            "scenario": "Tijdens een les over het nieuws zegt een leerling dat geweld soms de enige "
            "manier is om gehoord te worden.",
            "steps": [
                {
                    "situation": "De klas valt stil en kijkt naar u.",
                    "question": "Wat doet u?",
                    "choices": [
                        {
                            "text": "Ik vraag door: wat bedoel je daarmee?",
                            "consequence": "De leerling vertelt over een oneerlijke behandeling.",
                            "feedback": "Doorvragen geeft u zicht op wat er speelt.",
                            "recommended": True,
                        },
                        {
                            "text": "Ik stuur de leerling de klas uit.",
                            "consequence": "Het gesprek stopt en de leerling voelt zich afgewezen.",
                            "feedback": "Zo verliest u het contact dat u nodig hebt.",
                            "recommended": False,
                        },
                    ],
                }
            ],
            "conclusion": "<p>Ga in gesprek, leg vast wat u zag en overleg met de zorgcoördinator.</p>",
            "contacts": [],
        }

    def clean(self, value):
        value = super().clean(value)
        for step in value["steps"]:
            if not any(choice["recommended"] for choice in step["choices"]):
                raise StructBlockValidationError(
                    block_errors={
                        "steps": ValidationError(
                            _("Markeer in elke stap ten minste één aanbevolen keuze.")
                        )
                    }
                )
        return value

    def get_context(self, value, parent_context=None):
        """Which steps to show: each step opens once the one before it is answered."""
        context = super().get_context(value, parent_context)
        choices = context.get("dilemma_choices") or {}
        errors = context.get("block_errors") or {}
        page = _interactive_page(context)
        steps = []
        open_ = True
        for step in value["steps"].bound_blocks:
            chosen = choices.get(step.id)
            outcome = next((c for c in step.value["choices"].bound_blocks if c.id == chosen), None)
            steps.append(
                {
                    "step": step,
                    "chosen": chosen,
                    "outcome": outcome,
                    "visible": open_ or page is None,
                    "error": errors.get(step.id),
                }
            )
            open_ = open_ and outcome is not None
        context["state"] = {
            "id": context.get("id") or "",
            "page": page,
            "steps": steps,
            "finished": open_ or page is None,
        }
        return context


class ReflectionPromptBlock(blocks.StructBlock):
    """A question for the learner to think about; their note is private to them."""

    prompt = blocks.TextBlock(label=_("Reflectievraag"))

    class Meta:
        icon = "edit"
        label = _("Reflectievraag")
        description = _(
            "Een vraag waarover de deelnemer voor zichzelf nadenkt en een notitie maakt."
        )
        template = "blocks/reflection_prompt_block.html"
        preview_value = {
            "prompt": "Denk aan een leerling over wie u twijfelde. Met wie had u kunnen overleggen?"
        }

    def get_context(self, value, parent_context=None):
        """The learner's own note for this prompt (never anyone else's: the lesson page puts
        only the requesting learner's notes in the context)."""
        context = super().get_context(value, parent_context)
        context["reflection"] = {
            "id": context.get("id") or "",
            "page": _interactive_page(context),
            "note": _for_block(context, "reflection_notes"),
            "error": _for_block(context, "block_errors"),
        }
        return context


class GuideLinkBlock(blocks.StructBlock):
    """A pointer from a lesson to a signal-recognition guide in the kennisbank."""

    guide = blocks.PageChooserBlock(label=_("Handreiking"), page_type="kennisbank.SignalGuidePage")
    text = blocks.CharBlock(label=_("Waarom lezen?"), required=False, max_length=250)

    class Meta:
        icon = "link"
        label = _("Verwijzing naar handreiking")
        description = _("Een verwijzing naar een handreiking in de kennisbank.")
        template = "blocks/guide_link_block.html"
        preview_value = {"text": "Hier leest u welke signalen ertoe doen en welke niet."}

    def get_preview_value(self):
        """A real guide, so the preview shows the link as learners see it."""
        value = super().get_preview_value()
        value["guide"] = SignalGuidePage.objects.live().order_by("pk").first()
        return value


class LessonStreamBlock(BaseStreamBlock):
    """Everything a lesson can contain: the base blocks every page has (headings, text, callouts)
    and the lesson's own media, questions, dilemmas and reflection."""

    image_block = LessonImageBlock()
    video_block = VideoBlock()
    audio_block = AudioBlock()
    quiz_question = QuizQuestionBlock()
    case_dilemma = CaseDilemmaBlock()
    reflection_prompt = ReflectionPromptBlock()
    guide_link = GuideLinkBlock()

    class Meta:
        description = _("De inhoud van een les: tekst, media, vragen, casussen en reflectie.")


class AssessmentStreamBlock(blocks.StreamBlock):
    """The questions of a pre-test or final test."""

    quiz_question = QuizQuestionBlock()

    class Meta:
        description = _("De vragen van een voor- of eindtoets.")
