import json

from odoo.tests import HttpCase, tagged

PREFIX = '/chatbot_bridge/v1'


@tagged('post_install', '-at_install')
class TestBridgeLead(HttpCase):
    """A visitor's conversation reaching a Create Lead step creates the lead as Odoo's own
    livechat does (email, phone, transcript, the step's team), with the phone in E.164 when the
    Phone step checked it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env['crm.team'].create({'name': 'Bridge Sales'})
        cls.script = cls.env['chatbot.script'].create({'title': 'Bridge Lead Bot'})
        step = cls.env['chatbot.script.step']
        step.create([
            {'chatbot_script_id': cls.script.id, 'sequence': 1, 'step_type': 'text', 'message': 'Hi!'},
            {'chatbot_script_id': cls.script.id, 'sequence': 2, 'step_type': 'question_email', 'message': 'Your email?'},
        ])
        cls.step_phone = step.create({
            'chatbot_script_id': cls.script.id, 'sequence': 3, 'step_type': 'question_phone',
            'message': 'Your phone?', 'phone_check': True, 'phone_default_country': 'BE'})
        step.create([
            {'chatbot_script_id': cls.script.id, 'sequence': 4, 'step_type': 'create_lead',
             'message': 'Creating your lead', 'crm_team_id': cls.team.id},
            {'chatbot_script_id': cls.script.id, 'sequence': 5, 'step_type': 'text', 'message': 'Thank you!'},
        ])
        cls.livechat_channel = cls.env['im_livechat.channel'].create({
            'name': 'Bridge Lead Channel',
            'rule_ids': [(0, 0, {'regex_url': '/leads', 'chatbot_script_id': cls.script.id})],
        })

    def call(self, route, params):
        response = self.url_open(PREFIX + route, data=json.dumps({'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': params}),
                                 headers={'Content-Type': 'application/json'})
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertNotIn('error', answer, answer.get('error'))
        return answer['result']

    def converse(self, *texts):
        view = self.call('/session/open', {'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/leads',
                                           'script_id': self.script.id, 'visitor_name': 'Ada'})
        for index, text in enumerate(texts):
            view = self.call('/session/reply', {'token': view['token'], 'client_msg_id': 'm%d' % index, 'text': text})
        return view

    def lead(self):
        return self.env['crm.lead'].search([('team_id', '=', self.team.id)])

    def test_create_lead_server_features(self):
        init = self.call('/init', {'channel_id': self.livechat_channel.id, 'url': 'https://shop.example/leads'})
        self.assertIn('create_lead', init['server']['features'])

    def test_lead_values(self):
        view = self.converse('ada@example.com', '0499 11 22 33')
        self.assertEqual([m['body'] for m in view['messages']], ['0499 11 22 33', 'Creating your lead', 'Thank you!'])
        self.assertEqual(view['state'], 'ended')
        lead = self.lead()
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.name, "Bridge Lead Bot's New Lead")
        self.assertEqual(lead.email_from, 'ada@example.com')
        self.assertEqual(lead.phone, '+32499112233', "the checked phone in E.164")
        self.assertFalse(lead.user_id)
        description = str(lead.description)
        self.assertIn('ada@example.com', description)
        self.assertIn('+32499112233', description, "the contact lines carry the E.164 number")
        self.assertIn('0499 11 22 33', description, "the transcript keeps what the visitor typed")

    def test_refused_number_then_valid_one(self):
        view = self.converse('ada@example.com', '12345', '+32 499 11 22 33')
        self.assertEqual(view['state'], 'ended')
        self.assertEqual(self.lead().phone, '+32499112233')

    def test_unchecked_phone_is_kept_as_given(self):
        self.step_phone.phone_check = False
        self.converse('ada@example.com', '0499 11 22 33')
        self.assertEqual(self.lead().phone, '0499 11 22 33', "as Odoo stores it")
