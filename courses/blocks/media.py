"""Teaching media in a lesson: images, video and audio (each usable without sight or sound), and
a link to a kennisbank guide."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from kennisbank.models import SignalGuidePage


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
