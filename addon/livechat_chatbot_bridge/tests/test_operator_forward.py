from odoo.exceptions import UserError
from odoo.tests import common, new_test_user, tagged


@tagged('post_install', '-at_install')
class TestOperatorForward(common.TransactionCase):
    """Forward steps run Odoo's own operator search; the join notice reads the same on 17 and 18."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator = new_test_user(cls.env, login='bridge_operator', name='Olga Operator',
                                     groups='base.group_user,im_livechat.im_livechat_group_user')
        cls.script = cls.env['chatbot.script'].create({'title': 'Forward Bot'})
        cls.question = cls.env['chatbot.script.step'].create({
            'chatbot_script_id': cls.script.id, 'sequence': 1, 'step_type': 'question_selection',
            'message': 'Human?', 'answer_ids': [(0, 0, {'name': 'Yes'})]})
        cls.env['chatbot.script.step'].create([
            {'chatbot_script_id': cls.script.id, 'sequence': 2, 'step_type': 'forward_operator', 'message': 'One moment'},
            {'chatbot_script_id': cls.script.id, 'sequence': 3, 'step_type': 'text', 'message': 'Nobody is there'},
        ])
        cls.livechat_channel = cls.env['im_livechat.channel'].create({
            'name': 'Forward Channel',
            'user_ids': [(6, 0, cls.operator.ids)],
            'rule_ids': [(0, 0, {'regex_url': '', 'chatbot_script_id': cls.script.id})],
        })

    def _set_online(self):
        self.env['bus.presence'].create({'user_id': self.operator.id, 'status': 'online'})
        self.livechat_channel.invalidate_recordset()
        self.assertTrue(self.livechat_channel.available_operator_ids)

    def _open(self, script=True):
        return self.env['livechat_chatbot_bridge.conversation']._bridge_open(
            self.livechat_channel, script=self.script if script else None, visitor_name='Ada')

    def test_forward_without_operator_goes_on(self):
        conversation = self._open()
        conversation._bridge_reply(answer_id=self.question.answer_ids.id)
        view = conversation._bridge_view()
        self.assertEqual([m['body'] for m in view['messages']], ['Human?', 'Yes', 'Nobody is there'])
        self.assertEqual(view['state'], 'ended')

    def test_forward_to_online_operator(self):
        self._set_online()
        conversation = self._open()
        last_id = conversation._bridge_last_message_id()
        conversation._bridge_reply(answer_id=self.question.answer_ids.id)
        view = conversation._bridge_view(after_id=last_id)
        self.assertEqual([(m['author'], m['body']) for m in view['messages']], [
            ('visitor', 'Yes'), ('bot', 'One moment'), ('system', 'Olga Operator has joined')])
        self.assertEqual(view['state'], 'operator')
        self.assertEqual(view['operator'], {'name': 'Olga Operator'})
        self.assertIsNone(view['step'])
        self.assertIn(self.operator.partner_id, conversation.channel_id.channel_member_ids.partner_id)

        # the visitor now chats with the operator, whose answers come back as operator messages
        conversation._bridge_reply(text='Hello Olga')
        conversation.channel_id.with_user(self.operator).message_post(
            body='Hi Ada', message_type='comment', subtype_xmlid='mail.mt_comment')
        last_two = conversation._bridge_view()['messages'][-2:]
        self.assertEqual([(m['author'], m['author_name'], m['body']) for m in last_two], [
            ('visitor', 'Ada', 'Hello Olga'), ('operator', 'Olga Operator', 'Hi Ada')])
        with self.assertRaises(UserError):
            conversation._bridge_restart()

        conversation._bridge_close()
        closed = conversation._bridge_view()
        self.assertEqual((closed['state'], closed['closed']), ('ended', True))
        self.assertFalse(conversation.channel_id.livechat_active, "Odoo's own session end ran")

    def test_live_chat_without_script(self):
        self._set_online()
        conversation = self._open(script=False)
        view = conversation._bridge_view()
        self.assertEqual(view['state'], 'operator')
        self.assertEqual(view['operator'], {'name': 'Olga Operator'})

    def test_no_operator_and_no_script(self):
        with self.assertRaises(UserError):
            self._open(script=False)

    def test_operator_leaving_ends_the_conversation(self):
        self._set_online()
        conversation = self._open()
        conversation._bridge_reply(answer_id=self.question.answer_ids.id)
        self.assertEqual(conversation._bridge_view()['state'], 'operator')
        last_id = conversation._bridge_last_message_id()
        # the operator leaves the conversation in Discuss
        conversation.channel_id.with_user(self.operator).action_unfollow()
        view = conversation._bridge_view(after_id=last_id)
        self.assertEqual((view['state'], view['closed']), ('ended', True))
        self.assertEqual([(m['author'], m['body']) for m in view['messages']],
                         [('system', 'Olga Operator left the conversation')])
        with self.assertRaises(UserError):
            conversation._bridge_reply(text='Hello?')
