from django import template

from lms.core.korean import particle, particles_resolve

register = template.Library()


@register.filter(name="particles")
def particles_filter(text):
    """Resolve `(으)로`, `을(를)` … in a translated sentence (lms.core.korean)."""
    return particles_resolve(str(text))


@register.filter(name="particle")
def particle_filter(word, form):
    """`{{ name|particle:"으로" }}`: the word with the right form of the particle."""
    return particle(str(word), form)
