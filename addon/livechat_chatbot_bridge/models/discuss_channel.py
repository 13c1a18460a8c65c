from odoo import models


class DiscussChannel(models.Model):
    _inherit = 'discuss.channel'

    def _chatbot_post_message(self, chatbot_script, body):
        # A step without message posts nothing (Odoo would post the text "False") but still
        # runs: its side effects (lead, ticket) and the script go on.
        if self.env.context.get('chatbot_bridge_step_without_message'):
            return self.env['mail.message']
        return super()._chatbot_post_message(chatbot_script, body)
