"""One bridge v1 conversation: a visitor token bound to an Odoo livechat discuss.channel.

Every visitor action runs Odoo's own chatbot methods on the channel (welcome steps, answer
processing, step execution, restart, operator forwarding); this model only keeps what the
bridge needs on top: the token, the closed flag, held lines of a multi-line answer, and a
note per message (step, answer, kind) so that a transcript reads the same after a restart."""

import json
import re
import secrets
from datetime import timezone

from odoo import api, fields, models, _
from odoo.exceptions import MissingError, UserError, ValidationError

from odoo.tools import email_normalize, html2plaintext

from .bridge_text import html_to_text, quote_visitor_text, text_to_html
from .phone import parse_phone, phone_check_available

INPUT_STEP_TYPES = ('question_selection', 'question_email', 'question_phone',
                    'free_input_single', 'free_input_multi')
DEFAULT_VISITOR_NAME = 'Visitor'
TEST_OPERATOR_XMLID = 'livechat_chatbot_bridge.partner_test_operator'
TOKEN_PATTERN = re.compile(r'^[A-Za-z0-9_-]{16,64}$')
NOTIFICATION_CLASS = 'o_mail_notification'


class ChatbotBridgeConversation(models.Model):
    _name = 'livechat_chatbot_bridge.conversation'
    _description = 'Chatbot Bridge Conversation'
    _rec_name = 'channel_id'

    token = fields.Char(required=True, index=True, copy=False, readonly=True)
    channel_id = fields.Many2one('discuss.channel', 'Discussion Channel', required=True,
                                 ondelete='cascade', index=True, readonly=True)
    chatbot_script_id = fields.Many2one('chatbot.script', 'Chatbot', ondelete='set null', readonly=True)
    visitor_name = fields.Char(readonly=True)
    visitor_guest_id = fields.Many2one('mail.guest', 'Visitor Guest', ondelete='set null', readonly=True)
    visitor_partner_id = fields.Many2one('res.partner', 'Visitor Partner', ondelete='set null', readonly=True)
    operator_partner_id = fields.Many2one('res.partner', 'Operator', ondelete='set null', readonly=True)
    is_test = fields.Boolean('Test Conversation', readonly=True)
    test_operator_available = fields.Boolean(readonly=True)
    lang = fields.Char(readonly=True)
    script_ended = fields.Boolean('Script Ended', readonly=True)
    closed = fields.Boolean(readonly=True)
    held_line_count = fields.Integer(readonly=True)
    message_notes = fields.Text('Message Notes', default='{}', readonly=True)

    _sql_constraints = [
        ('token_unique', 'unique (token)', 'A conversation token must be unique.'),
    ]

    @api.model
    def _bridge_texts(self):
        """Exact bridge v1 error texts, translatable (the contract gives them in English), in the
        language of this recordset's context (see `_bridge_in_lang`)."""
        return {
            'ended': _("This conversation has ended."),
            'closed': _("This conversation is closed."),
            'operator_present': _("An operator is in this conversation."),
            'no_conversation': _("This conversation does not exist."),
            'no_operator': _("No operator is available."),
            'either': _("Give either answer_id or text."),
            'choose': _("Choose one of the answers."),
            'expects_text': _("This step expects text."),
            'unknown_answer': _("Unknown answer for this step."),
            'chatbot_unavailable': _("This chatbot is not available here."),
            'empty': _("The message is empty."),
            'too_long': _("The message is too long."),
            'nul': _("The message contains a character that cannot be kept (NUL)."),
            'too_many_requests': _("Too many requests. Please wait a moment."),
            'no_livechat_channel': _("This live chat channel does not exist."),
            # formatted with the parameter's name
            'whole_number': _("The parameter %s must be a whole number."),
            'client_id': _("The parameter %s must be a text of 1 to 64 characters."),
        }

    def _bridge_in_lang(self):
        """This conversation with its own language in the context: errors and notices are
        written in it, whatever language the request comes with."""
        self.ensure_one()
        return self.with_context(lang=self.lang) if self.lang else self

    # ------------------------------------------------------------------
    # Lookup and state
    # ------------------------------------------------------------------

    @api.model
    def _bridge_get(self, token, lock=True):
        """The conversation of `token`, row-locked for the rest of the transaction.

        Unknown, malformed and foreign tokens get the same answer."""
        if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
            raise MissingError(self._bridge_texts()['no_conversation'])
        conversation = self.sudo().search([('token', '=', token)], limit=1)
        if not conversation:
            raise MissingError(self._bridge_texts()['no_conversation'])
        if lock:
            # serializes the steps of one conversation across workers; a call that waited for
            # another one's change gets a serialization failure, expected (not logged as a bad
            # query) since Odoo then runs the call again
            self.env.cr.execute(
                'SELECT id FROM livechat_chatbot_bridge_conversation WHERE id = %s FOR UPDATE',
                [conversation.id], log_exceptions=False)
        return conversation

    def _bridge_operator_left(self):
        """The operator left the channel in Discuss: the conversation is over for the visitor."""
        operator = self.operator_partner_id
        return bool(operator) and operator not in self.channel_id.sudo().channel_member_ids.partner_id

    def _bridge_closed(self):
        return bool(self.closed) or self._bridge_operator_left()

    def _bridge_state(self):
        self.ensure_one()
        if self._bridge_closed():
            return 'ended'
        if self.operator_partner_id:
            return 'operator'
        if self.script_ended or not self.chatbot_script_id:
            return 'ended'
        if not self.channel_id.sudo().chatbot_current_step_id:
            # an admin deleted the step the script waited on: that run has ended (never 'bot'
            # without a step); Restart starts the script anew, as on the embedded ERP
            return 'ended'
        return 'bot'

    def _bridge_script(self):
        self.ensure_one()
        script = self.chatbot_script_id.sudo()
        if self.lang:
            script = script.with_context(lang=self.lang)
        return script

    def _bridge_channel(self):
        self.ensure_one()
        channel = self.channel_id.sudo()
        if self.lang:
            channel = channel.with_context(lang=self.lang)
        return channel

    # ------------------------------------------------------------------
    # Creating conversations
    # ------------------------------------------------------------------

    @api.model
    def _bridge_new_token(self):
        return secrets.token_urlsafe(24)

    @api.model
    def _bridge_open(self, livechat_channel, script=None, visitor_name=None, lang=None, country=None):
        """A visitor conversation created as `/im_livechat/get_session` creates it (persisted),
        with the welcome steps posted by the server (as Odoo 18 does)."""
        texts = self._bridge_texts()
        livechat_channel = livechat_channel.sudo()
        visitor_name = visitor_name or DEFAULT_VISITOR_NAME
        if script:
            script = script.sudo().with_context(lang=lang) if lang else script.sudo()
        channel_vals = livechat_channel.with_context(lang=False)._get_livechat_discuss_channel_vals(
            visitor_name,
            chatbot_script=script or None,
            country_id=country.id if country else None,
            lang=lang,
        )
        if not channel_vals:
            raise UserError(texts['chatbot_unavailable'] if script else texts['no_operator'])
        channel = self.env['discuss.channel'].sudo().with_context(
            mail_create_nosubscribe=False, lang=lang or self.env.context.get('lang'),
        ).create(channel_vals)
        conversation = self.sudo().create({
            'token': self._bridge_new_token(),
            'channel_id': channel.id,
            'chatbot_script_id': script.id if script else False,
            'visitor_name': visitor_name,
            'lang': lang or False,
        })
        if script:
            script._post_welcome_steps(conversation._bridge_channel())
        guest = self.env['mail.guest'].sudo().create({
            'name': visitor_name,
            'country_id': country.id if country else False,
            'lang': lang or False,
            'timezone': 'UTC',
        })
        channel.add_members(guest_ids=guest.ids, post_joined_message=False)
        conversation.visitor_guest_id = guest
        if script:
            conversation._bridge_after_welcome()
        else:
            conversation.operator_partner_id = channel.livechat_operator_id
            # lets the operator's Discuss show the new conversation, as get_session does
            channel._broadcast([channel.livechat_operator_id.id])
        return conversation

    @api.model
    def _bridge_open_test(self, script, operator_available=False):
        """A test conversation, as Odoo's chatbot Test page creates it: no livechat channel,
        the logged-in user as the visitor."""
        script = script.sudo()
        user = self.env.user
        # as Odoo 18's Test page: the tester's earlier test of this script ends
        for earlier in self.sudo().search([
            ('is_test', '=', True), ('chatbot_script_id', '=', script.id),
            ('visitor_partner_id', '=', user.partner_id.id), ('closed', '=', False),
        ]):
            earlier._bridge_close()
        welcome = script._get_welcome_steps()
        channel = self.env['discuss.channel'].sudo().with_context(mail_create_nosubscribe=False).create({
            'channel_member_ids': [
                (0, 0, {'partner_id': script.operator_partner_id.id}),
                (0, 0, {'partner_id': user.partner_id.id}),
            ],
            'livechat_active': True,
            'livechat_operator_id': script.operator_partner_id.id,
            'chatbot_current_step_id': welcome[-1:].id,
            'anonymous_name': False,
            'channel_type': 'livechat',
            'name': script.title,
        })
        conversation = self.sudo().create({
            'token': self._bridge_new_token(),
            'channel_id': channel.id,
            'chatbot_script_id': script.id,
            'visitor_name': DEFAULT_VISITOR_NAME,
            'visitor_partner_id': user.partner_id.id,
            'is_test': True,
            'test_operator_available': bool(operator_available),
            'lang': user.lang or False,
        })
        script._post_welcome_steps(conversation._bridge_channel())
        conversation._bridge_after_welcome()
        return conversation

    def _bridge_after_welcome(self):
        """Welcome steps are posted; a script whose last welcome step waits for nothing goes on."""
        channel = self._bridge_channel()
        last = channel.chatbot_current_step_id
        if not last:
            self.script_ended = True
        elif last.step_type not in INPUT_STEP_TYPES:
            self._bridge_run(last._fetch_next_step(self._bridge_selected_answers()))

    # ------------------------------------------------------------------
    # Running the script
    # ------------------------------------------------------------------

    def _bridge_selected_answers(self):
        return self.channel_id.sudo().chatbot_message_ids.user_script_answer_id

    def _bridge_run(self, step):
        """Executes `step` and the steps after it until one waits for the visitor, an operator
        joins or the script ends (what Odoo's client does by calling `/chatbot/step/trigger`)."""
        self.ensure_one()
        channel = self._bridge_channel()
        while step:
            step = step.sudo().with_context(lang=self.lang) if self.lang else step.sudo()
            if step.step_type == 'forward_operator':
                if self._bridge_forward(step):
                    return
            else:
                if step.message:
                    step._process_step(channel)
                else:
                    # Odoo posts "False" (17.0) or fails (18.0) on a step without message: here the
                    # step becomes current and its own action (lead, ticket) still runs
                    channel.chatbot_current_step_id = step
                    action = getattr(step, '_process_step_%s' % step.step_type, None)
                    if action:
                        action(channel)
                if step.step_type in INPUT_STEP_TYPES:
                    return
            step = step._fetch_next_step(self._bridge_selected_answers())
        self.script_ended = True

    def _bridge_forward(self, step):
        """Odoo's forward step; True when an operator joined."""
        channel = self._bridge_channel()
        if self.is_test:
            if not self.test_operator_available:
                # no livechat channel: Odoo's forward finds nobody and posts nothing
                channel.chatbot_current_step_id = step
                return False
            return self._bridge_forward_to_test_operator(step)
        members_before = channel.channel_member_ids.partner_id
        last_message_id = self._bridge_last_message_id()
        step._process_step(channel)
        joined = channel.channel_member_ids.partner_id - members_before - self._bridge_bot_partner()
        if not joined:
            return False
        operator = joined[:1]
        self.operator_partner_id = operator
        # Odoo 17 posts "<name> has joined", 18 "invited @<name> to the channel": both become
        # the same system notice
        for message in self._bridge_messages_after(last_message_id):
            if message.message_type == 'notification' or NOTIFICATION_CLASS in (message.body or ''):
                self._bridge_note(message, kind='join')
        return True

    def _bridge_forward_to_test_operator(self, step):
        channel = self._bridge_channel()
        operator = self.env.ref(TEST_OPERATOR_XMLID).sudo()
        script = self._bridge_script()
        channel.chatbot_current_step_id = step
        if step.message:
            self._bridge_post_bot(step.message)
        channel.add_members(partner_ids=operator.ids, post_joined_message=False)
        notice = self._bridge_post_bot(_("%s has joined", operator.name))
        self._bridge_note(notice, kind='join')
        self.operator_partner_id = operator
        return True

    def _bridge_bot_partner(self):
        return self.chatbot_script_id.sudo().operator_partner_id

    # ------------------------------------------------------------------
    # Visitor actions
    # ------------------------------------------------------------------

    def _bridge_post_visitor(self, text, step=None, answer=None):
        channel = self._bridge_channel()
        body = text_to_html(text)
        if self.visitor_guest_id:
            public = self.env.ref('base.public_user')
            message = channel.with_user(public).sudo().with_context(guest=self.visitor_guest_id.sudo()).message_post(
                body=body, message_type='comment', subtype_xmlid='mail.mt_comment')
        else:
            message = channel.message_post(
                author_id=self.visitor_partner_id.id, body=body,
                message_type='comment', subtype_xmlid='mail.mt_comment')
        self._bridge_note(message, kind='visitor', step=step, answer=answer)
        return message

    def _bridge_reply(self, answer_id=None, text=None, hold=False):
        self.ensure_one()
        texts = self._bridge_texts()
        state = self._bridge_state()
        if self._bridge_closed():
            raise UserError(texts['closed'])
        if state == 'ended':
            raise UserError(texts['ended'])
        if state == 'operator':
            if text is None:
                raise ValidationError(texts['either'])
            self._bridge_post_visitor(text)
            return
        channel = self._bridge_channel()
        step = channel.chatbot_current_step_id.sudo()
        if answer_id is not None:
            if step.step_type != 'question_selection':
                raise ValidationError(texts['expects_text'])
            answer = step.answer_ids.filtered(lambda a: a.id == answer_id)
            if not answer:
                raise ValidationError(texts['unknown_answer'])
            self._bridge_answer_question(step, answer)
            self._bridge_run(step._process_answer(channel, text_to_html(answer.name)))
            return
        if text is None:
            # only a multi-line answer may be finished without a last line
            if step.step_type != 'free_input_multi' or not self.held_line_count or hold:
                raise ValidationError(texts['either'])
            body = self._bridge_last_visitor_body()
            visitor_text = html_to_text(body)
        else:
            if step.step_type == 'question_selection':
                raise ValidationError(texts['choose'])
            if hold:
                if step.step_type != 'free_input_multi':
                    raise ValidationError(_("Only a multi-line answer can be held."))
                self._bridge_post_visitor(text, step=step)
                self.held_line_count += 1
                return
            body = self._bridge_post_visitor(text, step=step).body
            visitor_text = text
        self.held_line_count = 0
        if step.step_type == 'question_email' and not self._bridge_check_email(visitor_text, body):
            return
        # without the phonenumbers library nothing is checked: the answer is kept as given, as
        # Odoo keeps it (the step form hides the option then)
        if (step.step_type == 'question_phone' and step.phone_check and phone_check_available()
                and not self._bridge_check_phone(step, visitor_text)):
            return
        self._bridge_run(step._process_answer(channel, body))

    def _bridge_answer_question(self, step, answer):
        """Posts the answer as the visitor's message and records it on the question's
        chatbot.message, as Odoo's `/chatbot/answer/save` does."""
        channel = self._bridge_channel()
        question_row = self.env['chatbot.message'].sudo().search([
            ('discuss_channel_id', '=', channel.id),
            ('script_step_id', '=', step.id),
            ('mail_message_id.author_id', '=', self._bridge_bot_partner().id),
        ], order='id desc', limit=1)
        self._bridge_post_visitor(answer.name, step=step, answer=answer)
        if question_row:
            question_row.user_script_answer_id = answer
        else:
            # the question had no message of its own (empty text): keep the choice anyway
            row = self.env['chatbot.message'].sudo().search([
                ('discuss_channel_id', '=', channel.id), ('script_step_id', '=', step.id),
            ], order='id desc', limit=1)
            row.user_script_answer_id = answer

    def _bridge_last_visitor_body(self):
        notes = self._bridge_notes()
        visitor_ids = [int(i) for i, note in notes.items() if note.get('kind') == 'visitor']
        return self.env['mail.message'].sudo().browse(max(visitor_ids)).body if visitor_ids else ''

    def _bridge_check_email(self, text, body):
        """Odoo's decision (`email_normalize` on the plain text of the posted body); an invalid
        address makes the bot post Odoo's retry message, quoting the text as Odoo shows it."""
        if email_normalize(html2plaintext(body)):
            return True
        self._bridge_post_bot(_(
            "'%(input_email)s' does not look like a valid email. Can you please try again?",
            input_email=quote_visitor_text(text),
        ))
        return False

    def _bridge_check_phone(self, step, text):
        if parse_phone(text, step._chatbot_bridge_phone_country(self.channel_id)):
            return True
        self._bridge_post_bot(_(
            "'%(input_phone)s' does not look like a valid phone number. Can you please try again?",
            input_phone=quote_visitor_text(text),
        ))
        return False

    def _bridge_post_bot(self, text):
        return self._bridge_channel()._chatbot_post_message(self._bridge_script(), text_to_html(text))

    def _bridge_restart(self):
        self.ensure_one()
        texts = self._bridge_texts()
        if self._bridge_closed():
            raise UserError(texts['closed'])
        if self.operator_partner_id:
            raise UserError(texts['operator_present'])
        if not self.chatbot_script_id:
            raise UserError(texts['ended'])
        channel = self._bridge_channel()
        script = self._bridge_script()
        notice = channel._chatbot_restart(script)
        self._bridge_note(notice, kind='system')
        self.write({'script_ended': False, 'held_line_count': 0})
        # the next trigger starts from the first step, replaying the welcome steps
        self._bridge_run(script.script_step_ids[:1])

    def _bridge_close(self):
        self.ensure_one()
        if self.closed:
            return
        channel = self._bridge_channel()
        last_message_id = self._bridge_last_message_id()
        # Odoo's own closing: the operator sees that the visitor left
        channel._close_livechat_session()
        for message in self._bridge_messages_after(last_message_id):
            self._bridge_note(message, kind='hidden')
        self.write({'closed': True, 'held_line_count': 0})

    # ------------------------------------------------------------------
    # Messages and views
    # ------------------------------------------------------------------

    def _bridge_notes(self):
        try:
            return json.loads(self.message_notes or '{}')
        except ValueError:
            return {}

    def _bridge_note(self, message, kind=None, step=None, answer=None):
        if not message:
            return
        notes = self._bridge_notes()
        for msg in message:
            note = notes.setdefault(str(msg.id), {})
            if kind:
                note['kind'] = kind
            if step:
                note['step_id'] = step.id
            if answer:
                note['answer_id'] = answer.id
        self.message_notes = json.dumps(notes)

    def _bridge_capture_steps(self, messages):
        """Remembers the step each new bot message belongs to while chatbot.message still says so
        (a restart deletes those rows)."""
        notes = self._bridge_notes()
        rows = self.env['chatbot.message'].sudo().search([('mail_message_id', 'in', messages.ids)])
        step_by_message = {row.mail_message_id.id: row.script_step_id.id for row in rows}
        changed = False
        for message in messages:
            note = notes.setdefault(str(message.id), {})
            if 'step_id' not in note and step_by_message.get(message.id) and note.get('kind') not in ('system', 'join', 'hidden'):
                note['step_id'] = step_by_message[message.id]
                changed = True
        if changed:
            self.message_notes = json.dumps(notes)

    def _bridge_last_message_id(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT COALESCE(MAX(id), 0) FROM mail_message WHERE model = 'discuss.channel' AND res_id = %s",
            [self.channel_id.id])
        return self.env.cr.fetchone()[0]

    def _bridge_messages_after(self, after_id):
        return self.env['mail.message'].sudo().search([
            ('model', '=', 'discuss.channel'),
            ('res_id', '=', self.channel_id.id),
            ('id', '>', after_id or 0),
        ], order='id asc')

    def _bridge_format_message(self, message, notes):
        note = notes.get(str(message.id), {})
        kind = note.get('kind')
        if kind == 'hidden':
            return None
        body = html_to_text(message.body)
        author = message.author_id
        bot = self._bridge_bot_partner()
        if kind == 'join':
            operator = self.operator_partner_id
            role, name = 'system', ''
            body = _("%s has joined", self._bridge_partner_name(operator))
        elif author and author == self.operator_partner_id and NOTIFICATION_CLASS in (message.body or '') and self._bridge_operator_left():
            # Discuss's "left the channel", said of the operator
            role, name = 'system', ''
            body = _("%s left the conversation", self._bridge_partner_name(author))
        elif kind == 'system' or (message.message_type == 'notification') or NOTIFICATION_CLASS in (message.body or ''):
            role, name = 'system', ''
        elif kind == 'visitor' or (self.visitor_guest_id and message.author_guest_id == self.visitor_guest_id) or (
                self.visitor_partner_id and author == self.visitor_partner_id):
            role, name = 'visitor', self.visitor_name or DEFAULT_VISITOR_NAME
        elif bot and author == bot:
            role, name = 'bot', bot.name
        else:
            role, name = 'operator', self._bridge_partner_name(author) if author else ''
        if not body and role != 'system':
            return None
        date = message.date.replace(tzinfo=timezone.utc) if message.date else None
        return {
            'id': message.id,
            'author': role,
            'author_name': name or '',
            'body': body,
            'date': date.isoformat(timespec='milliseconds').replace('+00:00', 'Z') if date else None,
            'step_id': note.get('step_id') if role in ('bot', 'visitor') else None,
            'answer_id': note.get('answer_id') if role == 'visitor' else None,
        }

    @api.model
    def _bridge_partner_name(self, partner):
        partner = partner.sudo()
        return getattr(partner, 'user_livechat_username', False) or partner.name or ''

    def _bridge_format_step(self, step):
        step = step.sudo()
        if self.lang:
            step = step.with_context(lang=self.lang)
        return {
            'id': step.id,
            'type': step.step_type,
            'message': step.message or None,
            'answers': [{
                'id': answer.id,
                'name': answer.name,
                'redirect_link': answer.redirect_link or None,
            } for answer in step.answer_ids],
            'is_last': step._is_last_step(self.channel_id.sudo()),
        }

    def _bridge_view(self, after_id=0):
        """The View of bridge v1 with the messages whose id is above `after_id`."""
        self.ensure_one()
        messages = self._bridge_messages_after(after_id)
        self._bridge_capture_steps(messages)
        notes = self._bridge_notes()
        formatted = [m for m in (self._bridge_format_message(message, notes) for message in messages) if m]
        state = self._bridge_state()
        step = self.channel_id.sudo().chatbot_current_step_id if state == 'bot' else False
        if step and step.step_type not in INPUT_STEP_TYPES:
            step = False
        operator = self.operator_partner_id
        return {
            'token': self.token,
            'messages': formatted,
            'step': self._bridge_format_step(step) if step else None,
            'state': state,
            'closed': self._bridge_closed(),
            'operator': {'name': self._bridge_partner_name(operator)} if operator and state == 'operator' else None,
        }
