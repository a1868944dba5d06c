"""Two small filters for the ballot: an organisation's dots on a topic, drawn as pips."""

from django import template

register = template.Library()


@register.filter
def dots_on(per_topic: dict[int, int], topic_id: int) -> int:
    return int(per_topic.get(topic_id, 0))


@register.filter
def dot_range(count: int) -> range:
    return range(int(count))
