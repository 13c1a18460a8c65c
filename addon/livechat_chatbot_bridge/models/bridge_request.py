"""Results of idempotent bridge calls: a retried call with the same key returns the first result."""

import json
from datetime import timedelta

from odoo import api, fields, models

# bridge v1 promises at least 24 hours
KEEP_RESULTS = timedelta(hours=48)


class ChatbotBridgeRequest(models.Model):
    _name = 'livechat_chatbot_bridge.request'
    _description = 'Chatbot Bridge Idempotent Request'

    key = fields.Char(required=True, index=True, readonly=True)
    conversation_id = fields.Many2one('livechat_chatbot_bridge.conversation', ondelete='cascade', readonly=True)
    result = fields.Text(readonly=True)

    _sql_constraints = [
        ('key_unique', 'unique (key)', 'An idempotency key is used once.'),
    ]

    @api.model
    def _bridge_key(self, route, scope, client_id):
        return '%s:%s:%s' % (route, scope or '', client_id)

    @api.model
    def _bridge_find(self, key):
        record = self.sudo().search([('key', '=', key)], limit=1)
        return json.loads(record.result) if record else None

    @api.model
    def _bridge_store(self, key, result, conversation=None):
        self.sudo().create({
            'key': key,
            'conversation_id': conversation.id if conversation else False,
            'result': json.dumps(result),
        })

    @api.autovacuum
    def _gc_old_requests(self):
        self.sudo().search([('create_date', '<', fields.Datetime.now() - KEEP_RESULTS)]).unlink()
