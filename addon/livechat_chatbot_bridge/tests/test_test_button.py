from lxml import etree

from odoo.tests import HttpCase, tagged

from .common import ChatbotBridgeCase


@tagged('post_install', '-at_install')
class TestTestButton(HttpCase, ChatbotBridgeCase):
    """The Test button of Odoo's chatbot form opens the builder on the script's Test screen."""

    def test_button_on_the_chatbot_form(self):
        arch = etree.fromstring(self.env['chatbot.script'].get_view(
            self.env.ref('im_livechat.chatbot_script_view_form').id, 'form')['arch'])
        button = arch.xpath("//header/button[@name='action_chatbot_bridge_test']")
        self.assertEqual(len(button), 1)
        self.assertEqual(button[0].get('invisible'), 'not active or not script_step_ids', "as Odoo's own Test button")

    def test_button_opens_the_test_screen_of_the_script(self):
        self.authenticate('admin', 'admin')
        action = self.make_jsonrpc_request('/web/dataset/call_button', {
            'model': 'chatbot.script', 'method': 'action_chatbot_bridge_test',
            'args': [[self.script.id]], 'kwargs': {},
        })
        self.assertEqual(action['type'], 'ir.actions.client')
        self.assertEqual(action['tag'], 'livechat_chatbot_bridge.admin')
        self.assertEqual(action['params'], {'path': '/chatbots/%d/test' % self.script.id, 'script_id': self.script.id})
        self.assertEqual(action['name'], 'Bridge Test Bot')
