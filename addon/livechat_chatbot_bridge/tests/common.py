from odoo.tests import common


class ChatbotBridgeCase(common.TransactionCase):
    """A small script served on its own livechat channel, for every bridge test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.script = cls.env['chatbot.script'].create({'title': 'Bridge Test Bot'})
        step = cls.env['chatbot.script.step']
        cls.step_hello = step.create({
            'chatbot_script_id': cls.script.id, 'sequence': 1, 'step_type': 'text', 'message': 'Hello!'})
        cls.step_question = step.create({
            'chatbot_script_id': cls.script.id, 'sequence': 2, 'step_type': 'question_selection',
            'message': 'What do you need?',
            'answer_ids': [(0, 0, {'name': 'Email me', 'sequence': 1}), (0, 0, {'name': 'Call me', 'sequence': 2})],
        })
        cls.answer_email, cls.answer_phone = cls.step_question.answer_ids.sorted('sequence')
        cls.step_email = step.create({
            'chatbot_script_id': cls.script.id, 'sequence': 3, 'step_type': 'question_email',
            'message': 'Your email?', 'triggering_answer_ids': [(6, 0, cls.answer_email.ids)]})
        cls.step_phone = step.create({
            'chatbot_script_id': cls.script.id, 'sequence': 4, 'step_type': 'question_phone',
            'message': 'Your phone?', 'phone_check': True, 'phone_default_country': 'BE',
            'triggering_answer_ids': [(6, 0, cls.answer_phone.ids)]})
        cls.step_bye = step.create({
            'chatbot_script_id': cls.script.id, 'sequence': 5, 'step_type': 'text', 'message': 'Thank you!'})
        cls.livechat_channel = cls.env['im_livechat.channel'].create({
            'name': 'Bridge Test Channel',
            'user_ids': [(6, 0, [])],
            'rule_ids': [(0, 0, {'regex_url': '/bridge-test', 'chatbot_script_id': cls.script.id, 'action': 'auto_popup'})],
        })
