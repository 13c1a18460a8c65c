"""JSON-RPC for bridge v1 on plain `type='http'` routes.

Odoo's `type='json'` routes answer a malformed body with an HTML page and put the server's
stack trace in `error.data.debug`; bridge v1 promises a JSON-RPC body for every answer and
never a stack trace, so the bridge reads and writes the envelope itself."""

import json
import logging

from psycopg2 import OperationalError, errorcodes, errors
from werkzeug.exceptions import RequestEntityTooLarge

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

_logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
# where the body read once is kept for a retry of the same request (Odoo runs it again after a
# serialization failure, and the stream can be read only once)
BODY_ENVIRON_KEY = 'livechat_chatbot_bridge.body'

# The concurrency errors Odoo's `retrying` runs a request again for (17.0 compares the pgcode,
# 18.0 the exception class): those are raised again, every other database error is answered.
RETRYABLE_PGCODES = (errorcodes.LOCK_NOT_AVAILABLE, errorcodes.SERIALIZATION_FAILURE, errorcodes.DEADLOCK_DETECTED)
RETRYABLE_ERRORS = (errors.LockNotAvailable, errors.SerializationFailure, errors.DeadlockDetected)

TRANSPORT_ERRORS = {
    'parse': (400, -32700, 'Parse error'),
    'invalid_request': (400, -32600, 'Invalid Request'),
    'too_large': (413, 413, 'Request Entity Too Large'),
    'not_found': (404, 404, 'Not Found'),
}

ODOO_ERROR_NAMES = (
    (ValidationError, 'odoo.exceptions.ValidationError'),
    (MissingError, 'odoo.exceptions.MissingError'),
    (AccessError, 'odoo.exceptions.AccessError'),
    (UserError, 'odoo.exceptions.UserError'),
)

CORS_HEADERS = [
    ('Access-Control-Allow-Origin', '*'),
    ('Access-Control-Allow-Methods', 'POST, OPTIONS'),
    ('Access-Control-Allow-Headers', 'Origin, X-Requested-With, Content-Type, Accept'),
    ('Access-Control-Max-Age', '86400'),
]


class TransportError(Exception):
    def __init__(self, kind, request_id=None):
        super().__init__(kind)
        self.kind = kind
        self.request_id = request_id


class TooManyRequests(UserError):
    """A UserError answered with HTTP 429."""


def json_response(payload, status=200):
    return request.make_response(
        json.dumps(payload, ensure_ascii=False),
        headers=[('Content-Type', 'application/json; charset=utf-8'), *CORS_HEADERS],
        status=status,
    )


def preflight_response():
    return request.make_response('', headers=CORS_HEADERS, status=204)


def is_retryable(error):
    """True for the concurrency errors after which Odoo runs the whole request again."""
    return isinstance(error, RETRYABLE_ERRORS) or getattr(error, 'pgcode', None) in RETRYABLE_PGCODES


def _werkzeug_request(httprequest):
    # Odoo's HTTPRequest exposes a fixed list of werkzeug's attributes, without `stream`
    return getattr(httprequest, '_HTTPRequest__wrapped', httprequest)


def read_body():
    """The request body, refused (TransportError 'too_large') above MAX_BODY_BYTES.

    At most MAX_BODY_BYTES + 1 bytes are read, whatever the client sends: a chunked body has no
    Content-Length to refuse it by. The bytes read are kept for a retry of the request."""
    httprequest = request.httprequest
    if (httprequest.content_length or 0) > MAX_BODY_BYTES:
        raise TransportError('too_large')
    wrapped = _werkzeug_request(httprequest)
    raw = wrapped.environ.get(BODY_ENVIRON_KEY)
    if raw is None:
        chunks, size = [], 0
        try:
            stream = wrapped.stream
            while size <= MAX_BODY_BYTES:
                # a chunked stream gives one chunk per read
                chunk = stream.read(MAX_BODY_BYTES + 1 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except RequestEntityTooLarge:
            raise TransportError('too_large')
        raw = b''.join(chunks)
        wrapped.environ[BODY_ENVIRON_KEY] = raw
    if len(raw) > MAX_BODY_BYTES:
        raise TransportError('too_large')
    return raw


def read_call():
    """(id, params) of the JSON-RPC call in the request body, or a TransportError."""
    raw = read_body()
    try:
        body = json.loads(raw.decode('utf-8'))
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: nesting deeper than Python's parser goes
        raise TransportError('parse')
    if not isinstance(body, dict):
        raise TransportError('invalid_request')
    request_id = body.get('id')
    params = body.get('params', {})
    if body.get('jsonrpc') != '2.0' or not isinstance(params, dict) or not isinstance(request_id, (int, str, type(None))):
        raise TransportError('invalid_request', request_id)
    return request_id, params


def transport_error_response(error):
    status, code, message = TRANSPORT_ERRORS[error.kind]
    return json_response({
        'jsonrpc': '2.0',
        'id': error.request_id,
        'error': {'code': code, 'message': message, 'data': {'name': 'werkzeug.exceptions.HTTPException', 'message': message, 'arguments': [message]}},
    }, status=status)


def result_response(request_id, result):
    return json_response({'jsonrpc': '2.0', 'id': request_id, 'result': result})


def odoo_error_response(request_id, exception):
    """Odoo's error envelope (HTTP 200), without `debug`."""
    name = next((n for cls, n in ODOO_ERROR_NAMES if isinstance(exception, cls)), 'odoo.exceptions.UserError')
    message = exception.args[0] if exception.args else str(exception)
    return json_response({
        'jsonrpc': '2.0',
        'id': request_id,
        'error': {
            'code': 200,
            'message': 'Odoo Server Error',
            'data': {'name': name, 'message': message, 'arguments': [message], 'context': {}},
        },
    }, status=429 if isinstance(exception, TooManyRequests) else 200)


def server_error_response(request_id):
    message = 'The server could not complete this request.'
    return json_response({
        'jsonrpc': '2.0',
        'id': request_id,
        'error': {'code': 200, 'message': 'Odoo Server Error',
                  'data': {'name': 'odoo.exceptions.UserError', 'message': message, 'arguments': [message], 'context': {}}},
    })


def serve(handler):
    """Reads the call, runs `handler(params)` in a savepoint and answers the envelope.

    Errors roll the savepoint back (a refused call stores nothing); concurrency errors are
    raised again so that Odoo retries the whole request, as it does for its own routes; any
    other database error is answered with the envelope (and CORS headers), like any failure."""
    if request.httprequest.method == 'OPTIONS':
        return preflight_response()
    try:
        request_id, params = read_call()
    except TransportError as error:
        return transport_error_response(error)
    try:
        with request.env.cr.savepoint():
            result = handler(params)
    except OperationalError as error:
        if is_retryable(error):
            raise
        _logger.exception('Chatbot bridge call failed')
        return server_error_response(request_id)
    except (UserError, AccessError, MissingError, ValidationError) as error:
        return odoo_error_response(request_id, error)
    except Exception:
        _logger.exception('Chatbot bridge call failed')
        return server_error_response(request_id)
    return result_response(request_id, result)
