"""Results of idempotent bridge calls: a retried call with the same key returns the first result."""

import hashlib
import json
from datetime import timedelta

from psycopg2 import IntegrityError, errorcodes

from odoo import api, fields, models

# bridge v1 promises at least 24 hours
KEEP_RESULTS = timedelta(hours=48)
# first key of the two-key advisory locks taken on idempotency keys ("CBBR"): a two-key lock
# never collides with a one-key (bigint) lock
ADVISORY_LOCK_CLASS = 0x43424252


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
    def _bridge_find_committed(self, key):
        """The result stored under `key` by a transaction that committed after this one began.

        Odoo's transactions read a snapshot taken at their first query (REPEATABLE READ): a
        result committed since is invisible to them, so a fresh cursor looks."""
        with self.env.registry.cursor() as cr:
            cr.execute('SELECT result FROM livechat_chatbot_bridge_request WHERE key = %s', [key])
            row = cr.fetchone()
        return json.loads(row[0]) if row and row[0] else None

    @api.model
    def _bridge_lock(self, key):
        """Waits for any other transaction working on `key` to end (lock released at commit)."""
        digest = int.from_bytes(hashlib.sha256(key.encode('utf-8')).digest()[:4], 'big', signed=True)
        self.env.cr.execute('SELECT pg_advisory_xact_lock(%s, %s)', [ADVISORY_LOCK_CLASS, digest])

    @api.model
    def _bridge_store(self, key, result, conversation=None):
        self.sudo().create({
            'key': key,
            'conversation_id': conversation.id if conversation else False,
            'result': json.dumps(result),
        })

    @api.model
    def _bridge_once(self, route, scope, client_id, action, conversation=None):
        """`action()`'s result, run once per key: a repeated or concurrent call with the same key
        gets the first result.

        The steps of one conversation are serialized by its row lock already (a call that lost
        the race gets a serialization failure and Odoo runs it again); calls without a
        conversation (session/open) are serialized here by an advisory lock on the key."""
        key = self._bridge_key(route, scope, client_id)
        stored = self._bridge_find(key)
        if stored is not None:
            return stored
        if conversation is None:
            self._bridge_lock(key)
            stored = self._bridge_find_committed(key)
            if stored is not None:
                return stored
        try:
            # the savepoint flushes at its end: a duplicate key fails inside it
            with self.env.cr.savepoint():
                result = action()
                self._bridge_store(key, result, conversation)
        except IntegrityError as error:
            # another transaction stored the key first: its result is the answer
            if error.pgcode != errorcodes.UNIQUE_VIOLATION:
                raise
            stored = self._bridge_find_committed(key)
            if stored is None:
                raise
            return stored
        return result

    @api.autovacuum
    def _gc_old_requests(self):
        self.sudo().search([('create_date', '<', fields.Datetime.now() - KEEP_RESULTS)]).unlink()
