"""Bridge protocol v1 routes (the visitor side), served in-process on Odoo's chatbot models.

Visitors carry no cookie: their token is their identity, so every route runs with `sudo()` as
Odoo's own livechat controllers do, and reaches a conversation only through its token.
`session/open_test` is the one route that needs the logged-in user's session.

Texts for the visitor (errors, notices) are in the conversation's language once the token names
one, else in the language the call asks for (`lang`), else in the request's."""

import re
import time
from collections import defaultdict, deque

from odoo import http, release, _
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..models.phone import phone_check_available
from .jsonrpc import TooManyRequests, json_response, preflight_response, serve

PREFIX = '/chatbot_bridge/v1'
ROUTE_OPTIONS = dict(type='http', auth='public', csrf=False, methods=['POST', 'OPTIONS'], save_session=False)
CLIENT_ID_MAX = 64
TEXT_MAX = 4000
POLL_MAX_TIMEOUT = 0  # prefork workers: a held poll would block a worker

# Per-process budget of calls per conversation (each worker counts for itself).
RATE_WINDOW_SECONDS = 60
RATE_MAX_CALLS = 240
_recent_calls = defaultdict(deque)


def _check_rate(key, texts):
    now = time.monotonic()
    calls = _recent_calls[key]
    while calls and now - calls[0] > RATE_WINDOW_SECONDS:
        calls.popleft()
    if len(calls) >= RATE_MAX_CALLS:
        raise TooManyRequests(texts['too_many_requests'])
    calls.append(now)
    if len(_recent_calls) > 10000:
        for stale in [k for k, v in _recent_calls.items() if not v or now - v[-1] > RATE_WINDOW_SECONDS]:
            del _recent_calls[stale]


def _int_param(params, name, texts, required=True):
    value = params.get(name)
    if value is None and not required:
        return None
    # ids are PostgreSQL integers: anything else is refused before it reaches a query
    if isinstance(value, bool) or not isinstance(value, int) or not -2**31 <= value < 2**31:
        raise ValidationError(texts['whole_number'] % name)
    return value


def _storable(text, texts):
    """`text` as PostgreSQL can keep it: a lone UTF-16 surrogate becomes U+FFFD (as a browser
    does); NUL cannot be stored at all and is refused."""
    text = text.encode('utf-16', 'surrogatepass').decode('utf-16', 'replace')
    if '\x00' in text:
        raise ValidationError(texts['nul'])
    return text


def _client_id(params, name, texts, required):
    value = params.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not 1 <= len(value) <= CLIENT_ID_MAX:
        raise ValidationError(texts['client_id'] % name)
    return _storable(value, texts)


def _same_origin(httprequest):
    """True when the request's Origin header names this server."""
    origin = httprequest.headers.get('Origin')
    return bool(origin) and origin.rstrip('/') == httprequest.host_url.rstrip('/')


def _odoo_lang(env, tag):
    """An installed Odoo language for a BCP 47 tag (fr-BE -> fr_BE, else fr_FR), or None."""
    if not isinstance(tag, str) or not tag:
        return None
    code = tag.replace('-', '_')
    installed = [code for code, _name in env['res.lang'].get_installed()]
    if code in installed:
        return code
    base = code.split('_')[0].lower()
    return next((c for c in installed if c.split('_')[0].lower() == base), None)


def _country(env, code):
    if not isinstance(code, str) or len(code) != 2:
        return env['res.country']
    return env['res.country'].sudo().search([('code', '=', code.upper())], limit=1)


class ChatbotBridgeController(http.Controller):

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _env(self, lang=None):
        env = request.env(su=True)
        return env(context=dict(env.context, lang=lang)) if lang else env

    def _texts(self, env):
        return env['livechat_chatbot_bridge.conversation']._bridge_texts()

    def _livechat_channel(self, env, params):
        texts = self._texts(env)
        channel = env['im_livechat.channel'].browse(_int_param(params, 'channel_id', texts)).exists()
        if not channel:
            raise MissingError(texts['no_livechat_channel'])
        return channel

    def _conversation(self, env, params):
        """The conversation of the token, in its own language from here on."""
        conversation = env['livechat_chatbot_bridge.conversation']._bridge_get(params.get('token'))
        conversation = conversation._bridge_in_lang()
        _check_rate(('conversation', conversation.id), conversation._bridge_texts())
        return conversation

    def _idempotent(self, env, route, scope, client_id, action, conversation=None):
        """Runs `action()` once per (route, scope, client id); repeats get the first result."""
        if client_id is None:
            return action()
        return env['livechat_chatbot_bridge.request']._bridge_once(
            route, scope, client_id, action, conversation=conversation)

    def _change(self, env, route, conversation, client_id, change):
        """Applies `change()` to the conversation once per client id and answers the View of
        the messages it created."""
        def action():
            last_id = conversation._bridge_last_message_id()
            change()
            return conversation._bridge_view(after_id=last_id)
        return self._idempotent(env, route, conversation.token, client_id, action, conversation=conversation)

    def _served_rule(self, env, livechat_channel, url, country, operator_available):
        """The rule that applies to `url`, as Odoo 18.0 matches them: country rules first, then
        rules without country, in sequence order; a rule whose chatbot is archived, has no
        steps, or is "Enabled only if no operator" while one is online is skipped."""
        rules = env['im_livechat.channel.rule'].search([('channel_id', '=', livechat_channel.id)])
        groups = []
        if country:
            groups.append(rules.filtered(lambda r: country in r.country_ids))
        groups.append(rules.filtered(lambda r: not r.country_ids))
        for group in groups:
            for rule in group.sorted(lambda r: (r.sequence, r.id)):
                try:
                    if not re.search(rule.regex_url or '', url or ''):
                        continue
                except re.error:
                    continue
                script = rule.chatbot_script_id
                if script and (not script.active or not script.script_step_ids
                               or (rule.chatbot_only_if_no_operator and operator_available)):
                    continue
                return rule
        return env['im_livechat.channel.rule']

    def _features(self, env):
        features = []
        selection = dict(env['chatbot.script.step']._fields['step_type'].selection)
        if 'create_lead' in selection:
            features.append('create_lead')
        if 'create_ticket' in selection:
            features.append('create_ticket')
        if phone_check_available():
            features.append('phone_check')
        return features

    def _format_welcome_step(self, step):
        return {
            'id': step.id,
            'type': step.step_type,
            'message': step.message or None,
            'answers': [{'id': a.id, 'name': a.name, 'redirect_link': a.redirect_link or None} for a in step.answer_ids],
            'is_last': step._is_last_step(),
        }

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------

    @http.route(f'{PREFIX}/init', **ROUTE_OPTIONS)
    def bridge_init(self, **kwargs):
        def handler(params):
            env = self._env(_odoo_lang(request.env, params.get('lang')))
            livechat_channel = self._livechat_channel(env, params)
            url = params.get('url') if isinstance(params.get('url'), str) else ''
            country = _country(env, params.get('country_code'))
            operator_available = bool(livechat_channel.available_operator_ids)
            rule = self._served_rule(env, livechat_channel, url, country, operator_available)
            script = rule.chatbot_script_id
            chatbot = None
            if script:
                chatbot = {
                    'script_id': script.id,
                    'title': script.title,
                    'avatar_url': f'{request.httprequest.host_url.rstrip("/")}{PREFIX}/avatar/{script.id}',
                    'welcome_steps': [self._format_welcome_step(s) for s in script._get_welcome_steps()],
                }
            return {
                'available': bool(chatbot) or (operator_available and (not rule or rule.action != 'hide_button')),
                'rule': {'id': rule.id, 'action': rule.action, 'auto_popup_timer': rule.auto_popup_timer} if rule else None,
                'chatbot': chatbot,
                'operator_available': operator_available,
                'server': {'name': 'Odoo', 'version': release.version, 'features': self._features(env)},
                'push': {'websocket': None, 'poll_max_timeout': POLL_MAX_TIMEOUT},
            }
        return serve(handler)

    @http.route(f'{PREFIX}/avatar/<int:script_id>', type='http', auth='public', methods=['GET'], save_session=False)
    def bridge_avatar(self, script_id, **kwargs):
        script = request.env['chatbot.script'].sudo().browse(script_id).exists()
        return request.env['ir.binary']._get_image_stream_from(
            script.operator_partner_id if script else request.env['res.partner'],
            field_name='avatar_128',
        ).get_response()

    @http.route(f'{PREFIX}/session/open', **ROUTE_OPTIONS)
    def bridge_open(self, **kwargs):
        def handler(params):
            lang = _odoo_lang(request.env, params.get('lang'))
            env = self._env(lang)
            texts = self._texts(env)
            livechat_channel = self._livechat_channel(env, params)
            script_id = _int_param(params, 'script_id', texts, required=False)
            script = env['chatbot.script'].browse(script_id).exists() if script_id else None
            if script_id and not script:
                raise UserError(texts['chatbot_unavailable'])
            visitor_name = params.get('visitor_name')
            visitor_name = _storable(visitor_name, texts).strip()[:64] if isinstance(visitor_name, str) else None
            visitor_name = visitor_name or None
            client_open_id = _client_id(params, 'client_open_id', texts, required=False)

            def action():
                conversation = env['livechat_chatbot_bridge.conversation']._bridge_open(
                    livechat_channel, script=script, visitor_name=visitor_name, lang=lang,
                    country=_country(env, params.get('country_code')) or None,
                )
                return conversation._bridge_view()
            # as the embedded ERP: an open id is one conversation per live chat channel
            return self._idempotent(env, 'open', str(livechat_channel.id), client_open_id, action)
        return serve(handler)

    @http.route(f'{PREFIX}/session/open_test', **ROUTE_OPTIONS)
    def bridge_open_test(self, **kwargs):
        def handler(params):
            httprequest = request.httprequest
            # The one route that acts with the session cookie, and it takes no CSRF token: a
            # JSON body (which another site cannot send without a CORS preflight, refused to
            # credentialed calls) or this server's own Origin, else it is refused.
            if httprequest.mimetype != 'application/json' and not _same_origin(httprequest):
                raise AccessError(_("Send this call as application/json."))
            user = request.env.user
            if not request.session.uid or user._is_public() or not user.has_group('im_livechat.im_livechat_group_user'):
                raise AccessError(_("You are not allowed to test this chatbot."))
            texts = self._texts(request.env)
            script = request.env['chatbot.script'].sudo().browse(_int_param(params, 'script_id', texts)).exists()
            if not script:
                raise MissingError(_("This chatbot does not exist."))
            conversation = request.env['livechat_chatbot_bridge.conversation'].sudo()._bridge_open_test(
                script, operator_available=bool(params.get('operator_available')))
            return conversation._bridge_view()
        return serve(handler)

    @http.route(f'{PREFIX}/session/reply', **ROUTE_OPTIONS)
    def bridge_reply(self, **kwargs):
        def handler(params):
            env = self._env()
            conversation = self._conversation(env, params)
            texts = conversation._bridge_texts()
            client_msg_id = _client_id(params, 'client_msg_id', texts, required=True)
            has_answer = params.get('answer_id') is not None
            has_text = params.get('text') is not None
            if has_answer and has_text:
                raise ValidationError(texts['either'])
            answer_id = _int_param(params, 'answer_id', texts) if has_answer else None
            text = None
            if has_text:
                if not isinstance(params['text'], str):
                    raise ValidationError(texts['either'])
                text = _storable(params['text'], texts).strip()
                if not text:
                    raise ValidationError(texts['empty'])
                if len(text) > TEXT_MAX:
                    raise ValidationError(texts['too_long'])
            hold = params.get('hold') is True
            return self._change(env, 'reply', conversation, client_msg_id,
                                lambda: conversation._bridge_reply(answer_id=answer_id, text=text, hold=hold))
        return serve(handler)

    @http.route(f'{PREFIX}/session/restart', **ROUTE_OPTIONS)
    def bridge_restart(self, **kwargs):
        def handler(params):
            env = self._env()
            conversation = self._conversation(env, params)
            client_msg_id = _client_id(params, 'client_msg_id', conversation._bridge_texts(), required=False)
            return self._change(env, 'restart', conversation, client_msg_id, conversation._bridge_restart)
        return serve(handler)

    @http.route(f'{PREFIX}/session/close', **ROUTE_OPTIONS)
    def bridge_close(self, **kwargs):
        def handler(params):
            env = self._env()
            conversation = self._conversation(env, params)
            client_msg_id = _client_id(params, 'client_msg_id', conversation._bridge_texts(), required=False)
            return self._change(env, 'close', conversation, client_msg_id, conversation._bridge_close)
        return serve(handler)

    @http.route(f'{PREFIX}/session/poll', **ROUTE_OPTIONS)
    def bridge_poll(self, **kwargs):
        def handler(params):
            env = self._env()
            conversation = self._conversation(env, params)
            after_id = _int_param(params, 'after_id', conversation._bridge_texts(), required=False) or 0
            # poll_max_timeout is 0 here: the answer never waits
            return conversation._bridge_view(after_id=after_id)
        return serve(handler)

    @http.route(f'{PREFIX}/session/history', **ROUTE_OPTIONS)
    def bridge_history(self, **kwargs):
        def handler(params):
            env = self._env()
            return self._conversation(env, params)._bridge_view()
        return serve(handler)

    @http.route([PREFIX, f'{PREFIX}/<path:unknown>'], type='http', auth='none', csrf=False, save_session=False)
    def bridge_unknown_route(self, **kwargs):
        if request.httprequest.method == 'OPTIONS':
            return preflight_response()
        return json_response({
            'jsonrpc': '2.0', 'id': None,
            'error': {'code': 404, 'message': 'Not Found',
                      'data': {'name': 'werkzeug.exceptions.NotFound', 'message': 'Not Found', 'arguments': ['Not Found']}},
        }, status=404)
