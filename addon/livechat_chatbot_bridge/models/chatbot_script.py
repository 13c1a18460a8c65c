from odoo import models

ADMIN_ACTION_TAG = 'livechat_chatbot_bridge.admin'


class ChatbotScript(models.Model):
    _inherit = 'chatbot.script'

    def action_chatbot_bridge_test(self):
        """The chatbot builder (client action `livechat_chatbot_bridge.admin`) opened on the Test
        screen of this script: `params.path` is the builder's own route of that screen."""
        self.ensure_one()
        return {
            'type': 'ir.actions.client',
            'tag': ADMIN_ACTION_TAG,
            'name': self.title,
            'target': 'current',
            'params': {'path': '/chatbots/%d/test' % self.id, 'script_id': self.id},
        }
