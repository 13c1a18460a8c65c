from unittest.mock import patch

from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..controllers.main import ChatbotBridgeController
from ..models.phone import parse_phone, phone_check_available
from .common import ChatbotBridgeCase

WITHOUT_PHONENUMBERS = 'odoo.addons.livechat_chatbot_bridge.models.phone.phonenumbers'


@tagged('post_install', '-at_install')
class TestPhoneCheck(ChatbotBridgeCase):

    def test_fields_defaults(self):
        step = self.env['chatbot.script.step'].create({
            'chatbot_script_id': self.script.id, 'step_type': 'question_phone', 'message': 'Phone?'})
        self.assertFalse(step.phone_check, "phone check is off unless asked for")
        self.assertFalse(step.phone_default_country)

    def test_default_country_must_be_a_code(self):
        with self.assertRaises(ValidationError):
            self.step_phone.phone_default_country = 'B1'

    def test_parse_phone(self):
        if not phone_check_available():
            self.skipTest("phonenumbers is not installed")
        self.assertEqual(parse_phone('+32 499 11 22 33'), '+32499112233')
        self.assertEqual(parse_phone('0499 11 22 33', 'BE'), '+32499112233')
        self.assertIsNone(parse_phone('0499 11 22 33'), "a national number needs a country")
        self.assertIsNone(parse_phone('12345', 'BE'))
        self.assertIsNone(parse_phone('call me maybe', 'BE'))

    def _conversation_at_phone_step(self):
        conversation = self.env['livechat_chatbot_bridge.conversation']._bridge_open(
            self.livechat_channel, script=self.script)
        conversation._bridge_reply(answer_id=self.answer_phone.id)
        self.assertEqual(conversation.channel_id.chatbot_current_step_id, self.step_phone)
        return conversation

    def test_invalid_number_asks_again(self):
        if not phone_check_available():
            self.skipTest("phonenumbers is not installed")
        conversation = self._conversation_at_phone_step()
        last_id = conversation._bridge_last_message_id()
        conversation._bridge_reply(text='12345')
        view = conversation._bridge_view(after_id=last_id)
        self.assertEqual([m['body'] for m in view['messages']], [
            '12345', "'12345' does not look like a valid phone number. Can you please try again?"])
        self.assertEqual(view['step']['id'], self.step_phone.id, "the step stays")

    def test_valid_number_is_stored_raw(self):
        if not phone_check_available():
            self.skipTest("phonenumbers is not installed")
        conversation = self._conversation_at_phone_step()
        conversation._bridge_reply(text='0499 11 22 33')
        view = conversation._bridge_view()
        self.assertEqual(view['messages'][-1]['body'], 'Thank you!')
        self.assertEqual(view['state'], 'ended')
        answer = self.env['chatbot.message'].search([
            ('discuss_channel_id', '=', conversation.channel_id.id),
            ('script_step_id', '=', self.step_phone.id),
            ('user_raw_answer', '!=', False),
        ])
        self.assertIn('0499 11 22 33', answer.user_raw_answer, "stored as given, as Odoo does")

    def test_unchecked_phone_takes_anything(self):
        self.step_phone.phone_check = False
        conversation = self._conversation_at_phone_step()
        conversation._bridge_reply(text='call me maybe')
        self.assertEqual(conversation._bridge_view()['state'], 'ended')

    def test_without_phonenumbers_nothing_is_checked(self):
        """Without the library a checked step takes any answer, as Odoo's own Phone step does,
        instead of refusing every one."""
        with patch(WITHOUT_PHONENUMBERS, None):
            self.assertFalse(phone_check_available())
            conversation = self._conversation_at_phone_step()
            conversation._bridge_reply(text='12345')
            view = conversation._bridge_view()
            self.assertEqual([m['body'] for m in view['messages'][-2:]], ['12345', 'Thank you!'])
            self.assertEqual(view['state'], 'ended')
            self.assertNotIn('phone_check', ChatbotBridgeController()._features(self.env))
            self.step_phone.invalidate_recordset(['phone_check_available'])
            self.assertFalse(self.step_phone.phone_check_available)
        self.step_phone.invalidate_recordset(['phone_check_available'])
        self.assertEqual(self.step_phone.phone_check_available, phone_check_available())

    def test_step_form_hides_the_check_without_phonenumbers(self):
        arch = etree.fromstring(self.env['chatbot.script.step'].get_view(
            self.env.ref('im_livechat.chatbot_script_step_view_form').id, 'form')['arch'])
        for name in ('phone_check', 'phone_default_country'):
            node = arch.xpath("//field[@name='%s']" % name)[0]
            self.assertIn('not phone_check_available', node.get('invisible'), name)
        self.assertTrue(arch.xpath("//field[@name='phone_check_available']"))
