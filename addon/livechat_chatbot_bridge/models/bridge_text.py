"""Plain text <-> the HTML bodies Odoo stores on mail.message.

Bridge v1 speaks plain text; Odoo stores HTML. Visitor text is escaped line by line (no
automatic links: the bridge treats the visitor's words as plain text), and bodies are read back
by turning line and paragraph breaks into newlines and dropping every tag."""

import re
from html import unescape

from markupsafe import Markup, escape

_BREAK = re.compile(r'<br\s*/?>', re.IGNORECASE)
_PARAGRAPH = re.compile(r'</(?:p|div)>\s*<(?:p|div)(?:\s[^>]*)?>', re.IGNORECASE)
_TAG = re.compile(r'<[^>]*>')


def text_to_html(text):
    return Markup('<br>').join(escape(line) for line in text.split('\n'))


def html_to_text(html):
    if not html:
        return ''
    text = _BREAK.sub('\n', str(html))
    text = _PARAGRAPH.sub('\n\n', text)
    text = _TAG.sub('', text)
    return unescape(text).strip()


def quote_visitor_text(text):
    """The visitor's text as Odoo quotes it in retry messages: each line trimmed, runs of
    spaces collapsed to one."""
    return '\n'.join(re.sub(r'[ \t]+', ' ', line).strip() for line in text.split('\n'))
