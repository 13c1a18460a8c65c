"""JSON-RPC for bridge v1 on plain `type='http'` routes.

Odoo's `type='json'` routes answer a malformed body with an HTML page and put the server's
stack trace in `error.data.debug`; bridge v1 promises a JSON-RPC body for every answer and
never a stack trace, so the bridge reads and writes the envelope itself."""

import json
import logging

from psycopg2 import OperationalError
from werkzeug.exceptions import RequestEntityTooLarge

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

_logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024

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


def read_call():
    """(id, params) of the JSON-RPC call in the request body, or a TransportError."""
    httprequest = request.httprequest
    if (httprequest.content_length or 0) > MAX_BODY_BYTES:
        raise TransportError('too_large')
    try:
        raw = httprequest.get_data()
    except RequestEntityTooLarge:
        raise TransportError('too_large')
    if len(raw) > MAX_BODY_BYTES:
        raise TransportError('too_large')
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
    raised again so that Odoo retries the whole request, as it does for its own routes."""
    if request.httprequest.method == 'OPTIONS':
        return preflight_response()
    try:
        request_id, params = read_call()
    except TransportError as error:
        return transport_error_response(error)
    try:
        with request.env.cr.savepoint():
            result = handler(params)
    except OperationalError:
        raise
    except (UserError, AccessError, MissingError, ValidationError) as error:
        return odoo_error_response(request_id, error)
    except Exception:
        _logger.exception('Chatbot bridge call failed')
        return server_error_response(request_id)
    return result_response(request_id, result)
