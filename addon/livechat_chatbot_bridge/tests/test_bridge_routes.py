import json
from types import SimpleNamespace
from unittest.mock import patch

from psycopg2 import OperationalError, errors

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..controllers import jsonrpc
from ..controllers.main import ChatbotBridgeController
from .common import ChatbotBridgeCase

PREFIX = '/chatbot_bridge/v1'


@tagged('post_install', '-at_install')
class TestBridgeRoutes(HttpCase, ChatbotBridgeCase):

    def _post(self, route, body, headers=None):
        data = body if isinstance(body, (str, bytes)) or hasattr(body, '__next__') else json.dumps(body)
        return self.url_open(PREFIX + route, data=data, headers=headers or {'Content-Type': 'application/json'})

    def call(self, route, params, request_id=1):
        response = self._post(route, {'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': request_id})
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertEqual(answer['id'], request_id)
        return answer

    def result(self, route, params):
        answer = self.call(route, params)
        self.assertNotIn('error', answer, answer.get('error'))
        return answer['result']

    def error(self, route, params):
        answer = self.call(route, params)
        self.assertIn('error', answer)
        data = answer['error']['data']
        self.assertNotIn('debug', data, "never a stack trace")
        return data['name'], data['message']

    def open_session(self):
        return self.result('/session/open', {
            'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/bridge-test',
            'script_id': self.script.id, 'visitor_name': 'Ada'})

    def test_init_serves_the_script_of_the_matching_rule(self):
        result = self.result('/init', {'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/bridge-test'})
        self.assertTrue(result['available'])
        self.assertEqual(result['chatbot']['script_id'], self.script.id)
        self.assertEqual([s['message'] for s in result['chatbot']['welcome_steps']], ['Hello!', 'What do you need?'])
        self.assertEqual(result['push'], {'websocket': None, 'poll_max_timeout': 0})
        self.assertEqual(result['server']['name'], 'Odoo')
        other = self.result('/init', {'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/elsewhere'})
        self.assertIsNone(other['chatbot'])
        self.assertIsNone(other['rule'])

    def test_conversation(self):
        view = self.open_session()
        self.assertEqual([(m['author'], m['body']) for m in view['messages']],
                         [('bot', 'Hello!'), ('bot', 'What do you need?')])
        self.assertEqual(view['state'], 'bot')
        self.assertEqual(view['step']['id'], self.step_question.id)
        token = view['token']

        answer = self.result('/session/reply', {'token': token, 'client_msg_id': 'a1', 'answer_id': self.answer_email.id})
        self.assertEqual([(m['author'], m['body']) for m in answer['messages']],
                         [('visitor', 'Email me'), ('bot', 'Your email?')])
        self.assertEqual(answer['messages'][0]['author_name'], 'Ada')
        self.assertEqual(answer['messages'][0]['answer_id'], self.answer_email.id)
        self.assertEqual(self.result('/session/reply', {'token': token, 'client_msg_id': 'a1', 'answer_id': self.answer_email.id}),
                         answer, "a retried reply returns the first result")

        retry = self.result('/session/reply', {'token': token, 'client_msg_id': 'a2', 'text': '  not   an email '})
        self.assertEqual([m['body'] for m in retry['messages']],
                         ['not   an email', "'not an email' does not look like a valid email. Can you please try again?"])
        self.assertEqual(retry['step']['id'], self.step_email.id)

        done = self.result('/session/reply', {'token': token, 'client_msg_id': 'a3', 'text': 'ada@example.com'})
        self.assertEqual([m['body'] for m in done['messages']], ['ada@example.com', 'Thank you!'])
        self.assertEqual(done['state'], 'ended')
        self.assertEqual(self.error('/session/reply', {'token': token, 'client_msg_id': 'a4', 'text': 'more'}),
                         ('odoo.exceptions.UserError', 'This conversation has ended.'))

        restarted = self.result('/session/restart', {'token': token})
        self.assertEqual([(m['author'], m['body']) for m in restarted['messages']],
                         [('system', 'Restarting conversation...'), ('bot', 'Hello!'), ('bot', 'What do you need?')])
        history = self.result('/session/history', {'token': token})
        self.assertEqual(len(history['messages']), 11)
        closed = self.result('/session/close', {'token': token})
        self.assertEqual((closed['state'], closed['closed'], closed['messages']), ('ended', True, []))

    def test_reply_errors_store_nothing(self):
        view = self.open_session()
        token = view['token']
        before = len(self.result('/session/history', {'token': token})['messages'])
        self.assertEqual(self.error('/session/reply', {'token': token, 'client_msg_id': 'x', 'text': 'hi'}),
                         ('odoo.exceptions.ValidationError', 'Choose one of the answers.'))
        self.assertEqual(self.error('/session/reply', {'token': token, 'client_msg_id': 'x'}),
                         ('odoo.exceptions.ValidationError', 'Give either answer_id or text.'))
        self.assertEqual(self.error('/session/reply', {'token': token, 'client_msg_id': 'x', 'answer_id': self.step_question.id + 10**6}),
                         ('odoo.exceptions.ValidationError', 'Unknown answer for this step.'))
        self.assertEqual(len(self.result('/session/history', {'token': token})['messages']), before)

    def test_unknown_token(self):
        for token in ('', 'nope', 'x' * 300, 42):
            self.assertEqual(self.error('/session/history', {'token': token}),
                             ('odoo.exceptions.MissingError', 'This conversation does not exist.'))

    def test_open_test_needs_livechat_rights(self):
        self.assertEqual(self.error('/session/open_test', {'script_id': self.script.id}),
                         ('odoo.exceptions.AccessError', 'You are not allowed to test this chatbot.'))
        self.authenticate('admin', 'admin')
        view = self.result('/session/open_test', {'script_id': self.script.id, 'operator_available': True})
        self.assertEqual(view['step']['id'], self.step_question.id)

    def test_transport_errors(self):
        parse = self._post('/session/history', '{not json')
        self.assertEqual((parse.status_code, parse.json()['error']['code']), (400, -32700))
        invalid = self._post('/session/history', '[1, 2]')
        self.assertEqual((invalid.status_code, invalid.json()['error']['code']), (400, -32600))
        unknown = self._post('/session/nope', '{}')
        self.assertEqual((unknown.status_code, unknown.json()['error']['code']), (404, 404))
        big = self._post('/session/history', json.dumps({'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {'token': 'x' * (1024 * 1024)}}))
        self.assertEqual((big.status_code, big.json()['error']['code']), (413, 413))

    def test_cors(self):
        preflight = self.opener.options(self.base_url() + PREFIX + '/init', headers={
            'Origin': 'https://shop.example', 'Access-Control-Request-Method': 'POST'})
        self.assertLess(preflight.status_code, 300)
        self.assertEqual(preflight.headers.get('Access-Control-Allow-Origin'), '*')
        answer = self._post('/init', {'jsonrpc': '2.0', 'method': 'call', 'id': 1,
                                      'params': {'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/'}})
        self.assertEqual(answer.headers.get('Access-Control-Allow-Origin'), '*')
        self.assertNotIn('Set-Cookie', answer.headers, "visitors get no cookie")

    def test_hostile_text(self):
        self.authenticate('admin', 'admin')
        script = self.env['chatbot.script'].create({'title': 'Echo Bot'})
        self.env['chatbot.script.step'].create([
            {'chatbot_script_id': script.id, 'sequence': i, 'step_type': 'free_input_single', 'message': 'Say %s' % i}
            for i in range(3)
        ])
        token = self.result('/session/open_test', {'script_id': script.id})['token']
        self.assertEqual(self.error('/session/reply', {'token': token, 'client_msg_id': 'n', 'text': 'a\x00b'})[0],
                         'odoo.exceptions.ValidationError', "NUL cannot be stored: refused")
        # a lone surrogate (valid JSON escape, invalid Unicode) is kept as U+FFFD, as browsers do
        answer = self._post('/session/reply', '{"jsonrpc":"2.0","method":"call","id":1,"params":{"token":"%s","client_msg_id":"s","text":"a\\udfffb"}}' % token)
        self.assertEqual(answer.json()['result']['messages'][0]['body'], 'a\ufffdb')
        markup = self.result('/session/reply', {'token': token, 'client_msg_id': 'm', 'text': '<b>bold</b> & <script>x</script>'})
        self.assertEqual(markup['messages'][0]['body'], '<b>bold</b> & <script>x</script>', "plain text both ways")
        deep = self._post('/session/history', '{"jsonrpc":"2.0","method":"call","id":1,"params":' + '[' * 5000 + ']' * 5000 + '}')
        self.assertEqual((deep.status_code, deep.json()['error']['code']), (400, -32700))

    def test_chunked_bodies_are_read_up_to_the_limit(self):
        """A chunked body has no Content-Length: it is read as it comes, never past the limit."""
        call = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'id': 7,
                           'params': {'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/bridge-test'}})
        chunked = self._post('/init', (part.encode() for part in (call[:20], call[20:])))
        self.assertEqual(chunked.status_code, 200)
        self.assertEqual(chunked.json()['result']['chatbot']['script_id'], self.script.id)

    def test_read_body_reads_at_most_the_limit(self):
        class EndlessStream:
            """A client that never stops sending."""
            given = 0

            def read(self, size=-1):
                size = 65536 if size is None or size < 0 else min(size, 65536)
                self.given += size
                return b' ' * size

        stream = EndlessStream()
        fake = SimpleNamespace(httprequest=SimpleNamespace(
            content_length=None,
            _HTTPRequest__wrapped=SimpleNamespace(stream=stream, environ={}),
        ))
        with patch.object(jsonrpc, 'request', fake):
            with self.assertRaises(jsonrpc.TransportError) as refused:
                jsonrpc.read_call()
        self.assertEqual(refused.exception.kind, 'too_large')
        self.assertEqual(stream.given, jsonrpc.MAX_BODY_BYTES + 1, "one byte past the limit, not more")

    def test_open_test_refuses_bodies_another_site_can_send(self):
        """open_test acts with the session cookie: a cross-site text/plain POST is refused."""
        self.authenticate('admin', 'admin')
        body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {'script_id': self.script.id}})
        conversations = self.env['livechat_chatbot_bridge.conversation']
        before = conversations.search_count([])
        for headers in ({'Content-Type': 'text/plain'},
                        {'Content-Type': 'text/plain', 'Origin': 'https://evil.example'}):
            answer = self._post('/session/open_test', body, headers=headers).json()
            self.assertEqual((answer['error']['data']['name'], answer['error']['data']['message']),
                             ('odoo.exceptions.AccessError', 'Send this call as application/json.'), headers)
        # a form body is read by Odoo's form parser first: nothing is left to read as a call
        form = self._post('/session/open_test', body, headers={'Content-Type': 'application/x-www-form-urlencoded'})
        self.assertIn('error', form.json())
        self.assertEqual(conversations.search_count([]), before, "no test conversation was opened")
        same_origin = self._post('/session/open_test', body, headers={
            'Content-Type': 'text/plain', 'Origin': self.base_url()}).json()
        self.assertEqual(same_origin['result']['step']['id'], self.step_question.id, "this server's own pages may")
        self.assertIn('result', self._post('/session/open_test', body).json(), "a JSON body may")

    def test_open_id_is_one_conversation_per_channel(self):
        other_channel = self.env['im_livechat.channel'].create({
            'name': 'Other Bridge Channel',
            'rule_ids': [(0, 0, {'regex_url': '/bridge-test', 'chatbot_script_id': self.script.id})],
        })
        params = {'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/bridge-test',
                  'script_id': self.script.id, 'client_open_id': 'open-1'}
        first = self.result('/session/open', params)
        self.assertEqual(self.result('/session/open', params), first, "a repeated open returns the first result")
        elsewhere = self.result('/session/open', dict(params, channel_id=other_channel.id))
        self.assertNotEqual(elsewhere['token'], first['token'], "the same id on another channel is another conversation")
        conversations = self.env['livechat_chatbot_bridge.conversation']
        self.assertEqual(conversations.search_count([('token', 'in', [first['token'], elsewhere['token']])]), 2)

    def test_open_id_stored_by_a_concurrent_call(self):
        """The open that lost the race finds the winner's result although its snapshot does not
        show it: after the lock, or when the key turns out to be taken."""
        params = {'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/bridge-test',
                  'script_id': self.script.id, 'client_open_id': 'open-race'}
        first = self.result('/session/open', params)
        requests = self.env.registry['livechat_chatbot_bridge.request']
        count = self.env['livechat_chatbot_bridge.conversation'].search_count([])
        # the snapshot shows nothing, the committed lookup after the lock does
        with patch.object(requests, '_bridge_find', return_value=None):
            self.assertEqual(self.result('/session/open', params), first)
        # neither shows it: the conversation is made, its key is refused, the stored result wins
        real_committed = requests._bridge_find_committed
        lookups = iter([lambda self, key: None, real_committed])
        with patch.object(requests, '_bridge_find', return_value=None), \
                patch.object(requests, '_bridge_find_committed', lambda self, key: next(lookups)(self, key)), \
                mute_logger('odoo.sql_db'):
            self.assertEqual(self.result('/session/open', params), first)
        self.assertEqual(self.env['livechat_chatbot_bridge.conversation'].search_count([]), count,
                         "the loser's conversation was rolled back")

    def test_database_errors_answer_the_envelope(self):
        def timeout(controller, env, params):
            env.cr.execute("SET LOCAL statement_timeout = 1")
            env.cr.execute("SELECT pg_sleep(0.2)")

        with patch.object(ChatbotBridgeController, '_livechat_channel', timeout), \
                mute_logger('odoo.addons.livechat_chatbot_bridge.controllers.jsonrpc', 'odoo.sql_db'):
            answer = self._post('/init', {'jsonrpc': '2.0', 'method': 'call', 'id': 3,
                                          'params': {'channel_id': self.livechat_channel.id, 'url': '/'}})
        self.assertEqual(answer.status_code, 200, "not Odoo's HTML error page")
        self.assertEqual(answer.headers.get('Access-Control-Allow-Origin'), '*')
        self.assertEqual(answer.json()['error']['data']['message'], 'The server could not complete this request.')
        self.assertEqual(self.result('/init', {'channel_id': self.livechat_channel.id, 'url': '/'})['rule'], None,
                         "the statement timeout went with the savepoint")

    def test_concurrency_errors_are_retried_by_odoo(self):
        class LostRace(errors.SerializationFailure):
            pgcode = '40001'

        original = ChatbotBridgeController._livechat_channel
        calls = []

        def lose_once(controller, env, params):
            calls.append(1)
            if len(calls) == 1:
                raise LostRace('could not serialize access due to concurrent update')
            return original(controller, env, params)

        self.assertTrue(jsonrpc.is_retryable(LostRace()))
        self.assertFalse(jsonrpc.is_retryable(OperationalError('server closed the connection')))
        with patch.object(ChatbotBridgeController, '_livechat_channel', lose_once), \
                patch('odoo.service.model.random.uniform', return_value=0.0):
            result = self.result('/init', {'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/bridge-test'})
        self.assertEqual(result['chatbot']['script_id'], self.script.id)
        self.assertEqual(len(calls), 2, "Odoo ran the request again")

    def test_texts_in_the_conversation_language(self):
        """Errors and notices of a conversation are in its language, not the request's."""
        self.env['res.lang']._activate_lang('ro_RO')
        view = self.result('/session/open', {
            'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/bridge-test',
            'script_id': self.script.id, 'lang': 'ro-RO'})
        token = view['token']
        self.assertEqual(self.error('/session/reply', {'token': token, 'client_msg_id': 'r1', 'text': 'hello'}),
                         ('odoo.exceptions.ValidationError', 'Alegeți unul dintre răspunsuri.'))
        self.result('/session/reply', {'token': token, 'client_msg_id': 'r2', 'answer_id': self.answer_email.id})
        retry = self.result('/session/reply', {'token': token, 'client_msg_id': 'r3', 'text': 'nope'})
        self.assertEqual(retry['messages'][-1]['body'], "'nope' nu pare a fi un e-mail valid. Puteți încerca din nou?")
        english = self.open_session()
        self.assertEqual(self.error('/session/reply', {'token': english['token'], 'client_msg_id': 'e1', 'text': 'hello'}),
                         ('odoo.exceptions.ValidationError', 'Choose one of the answers.'))
