from odoo.exceptions import UserError
from odoo.tests import common, tagged


@tagged('post_install', '-at_install')
class TestScriptEdits(common.TransactionCase):
    """A script edited while a conversation runs it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.script = cls.env['chatbot.script'].create({'title': 'Edited Bot'})
        cls.hello, cls.name, cls.thanks = cls.env['chatbot.script.step'].create([
            {'chatbot_script_id': cls.script.id, 'sequence': 1, 'step_type': 'text', 'message': 'Hello'},
            {'chatbot_script_id': cls.script.id, 'sequence': 2, 'step_type': 'free_input_single', 'message': 'Your name?'},
            {'chatbot_script_id': cls.script.id, 'sequence': 3, 'step_type': 'text', 'message': 'Thanks'},
        ])
        cls.livechat_channel = cls.env['im_livechat.channel'].create({
            'name': 'Edited Channel',
            'rule_ids': [(0, 0, {'regex_url': '', 'chatbot_script_id': cls.script.id})],
        })

    def test_deleted_waiting_step_ends_the_run(self):
        conversation = self.env['livechat_chatbot_bridge.conversation']._bridge_open(
            self.livechat_channel, script=self.script)
        self.assertEqual(conversation._bridge_view()['step']['id'], self.name.id)
        self.name.unlink()
        view = conversation._bridge_view()
        self.assertEqual((view['state'], view['step']), ('ended', None), "never 'bot' without a step")
        with self.assertRaisesRegex(UserError, 'This conversation has ended.'):
            conversation._bridge_reply(text='Ann')
        last_id = conversation._bridge_last_message_id()
        conversation._bridge_restart()
        restarted = conversation._bridge_view(after_id=last_id)
        self.assertEqual([m['body'] for m in restarted['messages']], ['Restarting conversation...', 'Hello', 'Thanks'])
        self.assertEqual(restarted['state'], 'ended', "the script left has no step that waits")
