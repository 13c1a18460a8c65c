import json

from odoo.tests import HttpCase, tagged

from .common import ChatbotBridgeCase

PREFIX = '/chatbot_bridge/v1'


@tagged('post_install', '-at_install')
class TestBridgeRoutes(HttpCase, ChatbotBridgeCase):

    def _post(self, route, body):
        data = body if isinstance(body, str) else json.dumps(body)
        return self.url_open(PREFIX + route, data=data, headers={'Content-Type': 'application/json'})

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
