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
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import RICH_TEXT_FEATURES, CalloutBlock, HeadingBlock
from kennisbank.blocks import EscalationContactBlock


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
        template = "blocks/lesson_image_block.html"

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
        template = "blocks/video_block.html"


class AudioBlock(blocks.StructBlock):
    """An audio fragment (an mp3 address) with a required transcript."""

    url = blocks.URLBlock(label=_("Adres van het geluidsbestand"))
    title = blocks.CharBlock(label=_("Titel"), max_length=160)
    transcript = blocks.TextBlock(label=_("Uitgeschreven tekst"))

    class Meta:
        icon = "media"
        label = _("Audio")
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


class DilemmaChoiceBlock(blocks.StructBlock):
    """A choice in a dilemma step: what happens next, and what the trainer thinks of it."""

    text = blocks.CharBlock(label=_("Keuze"), max_length=300)
    consequence = blocks.TextBlock(label=_("Wat er dan gebeurt"))
    feedback = blocks.TextBlock(label=_("Terugkoppeling"), required=False)
    recommended = blocks.BooleanBlock(label=_("Aanbevolen keuze"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Keuze")


class DilemmaStepBlock(blocks.StructBlock):
    """One moment in the scenario where the professional has to decide."""

    situation = blocks.TextBlock(label=_("Situatie"))
    question = blocks.CharBlock(label=_("Vraag"), max_length=300, default="Wat doet u?")
    choices = blocks.ListBlock(DilemmaChoiceBlock(), label=_("Keuzes"), min_num=2, max_num=5)

    class Meta:
        icon = "list-ol"
        label = _("Stap")


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


class ReflectionPromptBlock(blocks.StructBlock):
    """A question for the learner to think about; their note is private to them."""

    prompt = blocks.TextBlock(label=_("Reflectievraag"))

    class Meta:
        icon = "edit"
        label = _("Reflectievraag")
        template = "blocks/reflection_prompt_block.html"
        preview_value = {
            "prompt": "Denk aan een leerling over wie u twijfelde. Met wie had u kunnen overleggen?"
        }


class GuideLinkBlock(blocks.StructBlock):
    """A pointer from a lesson to a signal-recognition guide in the kennisbank."""

    guide = blocks.PageChooserBlock(label=_("Handreiking"), page_type="kennisbank.SignalGuidePage")
    text = blocks.CharBlock(label=_("Waarom lezen?"), required=False, max_length=250)

    class Meta:
        icon = "link"
        label = _("Verwijzing naar handreiking")
        template = "blocks/guide_link_block.html"


class LessonStreamBlock(blocks.StreamBlock):
    """Everything a lesson can contain."""

    heading_block = HeadingBlock()
    paragraph_block = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Tekst"),
        template="blocks/paragraph_block.html",
        preview_value="<p>Een signaal is een reden om het gesprek aan te gaan, geen bewijs.</p>",
    )
    image_block = LessonImageBlock()
    video_block = VideoBlock()
    audio_block = AudioBlock()
    callout_block = CalloutBlock()
    quiz_question = QuizQuestionBlock()
    case_dilemma = CaseDilemmaBlock()
    reflection_prompt = ReflectionPromptBlock()
    guide_link = GuideLinkBlock()


class AssessmentStreamBlock(blocks.StreamBlock):
    """The questions of a pre-test or final test."""

    quiz_question = QuizQuestionBlock()
