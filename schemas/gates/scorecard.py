# Generated from schemas/scorecard.schema.json by fastjsonschema 2.22.3: do not edit.
# Regenerate: UPDATE_GOLDEN=1 python -m pytest tests/test_schemagate.py
# schema sha256: dddc191b99d18b0bb757f5be124bd57b0681512a262df8ebae9fc2f00a7d34a6
# mypy: ignore-errors
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
import re


class JsonSchemaValueException(ValueError):
    """What the validator raises (fastjsonschema's, without importing it)."""

    def __init__(self, message, value=None, name=None, definition=None, rule=None):
        super().__init__(message)


JsonSchemaValuesException = JsonSchemaValueException


REGEX_PATTERNS = {
    '^[0-9a-f]{64}$(?!\\n)': re.compile('^[0-9a-f]{64}\\Z(?!\\n)'),
    '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)': re.compile('^-?[0-9]+(\\.[0-9]+)?…?\\Z(?!\\n)'),
    '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)': re.compile('^-?[0-9]+(\\.[0-9]+)?…?%?\\Z(?!\\n)')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'additionalProperties': False, 'required': ['format', 'stamp', 'spec', 'entity', 'period', 'total', 'full_marks', 'grade', 'rules_total', 'published', 'total_trace', 'indicators'], 'definitions': {'step': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}, 'result': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, 'children': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}}}}, 'properties': {'format': {'const': 1}, 'stamp': {'type': 'object', 'additionalProperties': False, 'required': ['engine', 'engine_version', 'spec_file', 'spec_sha256', 'spec_changes', 'actuals_file', 'actuals_sha256'], 'properties': {'engine': {'const': 'scorecard'}, 'engine_version': {'type': 'string'}, 'spec_file': {'type': 'string'}, 'spec_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_file': {'type': 'string'}, 'actuals_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_pick': {'type': 'object', 'additionalProperties': False, 'properties': {'row': {'type': 'integer', 'minimum': 2}, 'entity': {'type': 'string'}, 'sheet': {'type': 'string'}, 'na': {'type': 'array', 'items': {'type': 'string'}}, 'encoding': {'type': 'string'}}}, 'spec_changes': {'type': 'array', 'items': {'type': 'string'}}, 'spec_sources': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['file', 'sha256'], 'properties': {'file': {'type': 'string'}, 'sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}}, 'result_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}, 'spec': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'title', 'version', 'source', 'description', 'total', 'rounding', 'not_applicable'], 'properties': {'id': {'type': 'string'}, 'title': {'type': 'string'}, 'version': {'type': 'string'}, 'total': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rounding': {'type': 'object', 'properties': {'places': {'type': 'integer'}, 'mode': {'type': 'string'}, 'apply': {'type': 'string'}}}, 'not_applicable': {'enum': ['redistribute', 'exclude']}, 'source': {'type': 'string'}, 'description': {'type': 'string'}}}, 'entity': {'type': 'string'}, 'period': {'type': 'string'}, 'total': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rules_total': {'type': ['string', 'null']}, 'published': {'oneOf': [{'type': 'null'}, {'type': 'object', 'additionalProperties': False, 'required': ['total', 'difference', 'scores'], 'properties': {'total': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}, 'scores': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}}}}]}, 'total_trace': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, 'indicators': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['format', 'stamp', 'spec', 'entity', 'period', 'total', 'full_marks', 'grade', 'rules_total', 'published', 'total_trace', 'indicators']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'additionalProperties': False, 'required': ['format', 'stamp', 'spec', 'entity', 'period', 'total', 'full_marks', 'grade', 'rules_total', 'published', 'total_trace', 'indicators'], 'definitions': {'step': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}, 'result': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, 'children': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}}}}, 'properties': {'format': {'const': 1}, 'stamp': {'type': 'object', 'additionalProperties': False, 'required': ['engine', 'engine_version', 'spec_file', 'spec_sha256', 'spec_changes', 'actuals_file', 'actuals_sha256'], 'properties': {'engine': {'const': 'scorecard'}, 'engine_version': {'type': 'string'}, 'spec_file': {'type': 'string'}, 'spec_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_file': {'type': 'string'}, 'actuals_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_pick': {'type': 'object', 'additionalProperties': False, 'properties': {'row': {'type': 'integer', 'minimum': 2}, 'entity': {'type': 'string'}, 'sheet': {'type': 'string'}, 'na': {'type': 'array', 'items': {'type': 'string'}}, 'encoding': {'type': 'string'}}}, 'spec_changes': {'type': 'array', 'items': {'type': 'string'}}, 'spec_sources': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['file', 'sha256'], 'properties': {'file': {'type': 'string'}, 'sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}}, 'result_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}, 'spec': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'title', 'version', 'source', 'description', 'total', 'rounding', 'not_applicable'], 'properties': {'id': {'type': 'string'}, 'title': {'type': 'string'}, 'version': {'type': 'string'}, 'total': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rounding': {'type': 'object', 'properties': {'places': {'type': 'integer'}, 'mode': {'type': 'string'}, 'apply': {'type': 'string'}}}, 'not_applicable': {'enum': ['redistribute', 'exclude']}, 'source': {'type': 'string'}, 'description': {'type': 'string'}}}, 'entity': {'type': 'string'}, 'period': {'type': 'string'}, 'total': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rules_total': {'type': ['string', 'null']}, 'published': {'oneOf': [{'type': 'null'}, {'type': 'object', 'additionalProperties': False, 'required': ['total', 'difference', 'scores'], 'properties': {'total': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}, 'scores': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}}}}]}, 'total_trace': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, 'indicators': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}}}, rule='required')
        data_keys = set(data.keys())
        if "format" in data_keys:
            data_keys.remove("format")
            data__format = data["format"]
            if not (isinstance(data__format, (int, float)) and not isinstance(data__format, bool) and data__format == 1):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".format must be same as const definition: 1", value=data__format, name="" + (name_prefix or "data") + ".format", definition={'const': 1}, rule='const')
        if "stamp" in data_keys:
            data_keys.remove("stamp")
            data__stamp = data["stamp"]
            if not isinstance(data__stamp, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp must be object", value=data__stamp, name="" + (name_prefix or "data") + ".stamp", definition={'type': 'object', 'additionalProperties': False, 'required': ['engine', 'engine_version', 'spec_file', 'spec_sha256', 'spec_changes', 'actuals_file', 'actuals_sha256'], 'properties': {'engine': {'const': 'scorecard'}, 'engine_version': {'type': 'string'}, 'spec_file': {'type': 'string'}, 'spec_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_file': {'type': 'string'}, 'actuals_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_pick': {'type': 'object', 'additionalProperties': False, 'properties': {'row': {'type': 'integer', 'minimum': 2}, 'entity': {'type': 'string'}, 'sheet': {'type': 'string'}, 'na': {'type': 'array', 'items': {'type': 'string'}}, 'encoding': {'type': 'string'}}}, 'spec_changes': {'type': 'array', 'items': {'type': 'string'}}, 'spec_sources': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['file', 'sha256'], 'properties': {'file': {'type': 'string'}, 'sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}}, 'result_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}, rule='type')
            data__stamp_is_dict = isinstance(data__stamp, dict)
            if data__stamp_is_dict:
                data__stamp__missing_keys = set(['engine', 'engine_version', 'spec_file', 'spec_sha256', 'spec_changes', 'actuals_file', 'actuals_sha256']) - data__stamp.keys()
                if data__stamp__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp must contain " + (str(sorted(data__stamp__missing_keys)) + " properties"), value=data__stamp, name="" + (name_prefix or "data") + ".stamp", definition={'type': 'object', 'additionalProperties': False, 'required': ['engine', 'engine_version', 'spec_file', 'spec_sha256', 'spec_changes', 'actuals_file', 'actuals_sha256'], 'properties': {'engine': {'const': 'scorecard'}, 'engine_version': {'type': 'string'}, 'spec_file': {'type': 'string'}, 'spec_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_file': {'type': 'string'}, 'actuals_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_pick': {'type': 'object', 'additionalProperties': False, 'properties': {'row': {'type': 'integer', 'minimum': 2}, 'entity': {'type': 'string'}, 'sheet': {'type': 'string'}, 'na': {'type': 'array', 'items': {'type': 'string'}}, 'encoding': {'type': 'string'}}}, 'spec_changes': {'type': 'array', 'items': {'type': 'string'}}, 'spec_sources': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['file', 'sha256'], 'properties': {'file': {'type': 'string'}, 'sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}}, 'result_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}, rule='required')
                data__stamp_keys = set(data__stamp.keys())
                if "engine" in data__stamp_keys:
                    data__stamp_keys.remove("engine")
                    data__stamp__engine = data__stamp["engine"]
                    if not (isinstance(data__stamp__engine, str) and data__stamp__engine == 'scorecard'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.engine must be same as const definition: scorecard", value=data__stamp__engine, name="" + (name_prefix or "data") + ".stamp.engine", definition={'const': 'scorecard'}, rule='const')
                if "engine_version" in data__stamp_keys:
                    data__stamp_keys.remove("engine_version")
                    data__stamp__engineversion = data__stamp["engine_version"]
                    if not isinstance(data__stamp__engineversion, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.engine_version must be string", value=data__stamp__engineversion, name="" + (name_prefix or "data") + ".stamp.engine_version", definition={'type': 'string'}, rule='type')
                if "spec_file" in data__stamp_keys:
                    data__stamp_keys.remove("spec_file")
                    data__stamp__specfile = data__stamp["spec_file"]
                    if not isinstance(data__stamp__specfile, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_file must be string", value=data__stamp__specfile, name="" + (name_prefix or "data") + ".stamp.spec_file", definition={'type': 'string'}, rule='type')
                if "spec_sha256" in data__stamp_keys:
                    data__stamp_keys.remove("spec_sha256")
                    data__stamp__specsha256 = data__stamp["spec_sha256"]
                    if not isinstance(data__stamp__specsha256, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_sha256 must be string", value=data__stamp__specsha256, name="" + (name_prefix or "data") + ".stamp.spec_sha256", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, rule='type')
                    if isinstance(data__stamp__specsha256, str):
                        if not REGEX_PATTERNS['^[0-9a-f]{64}$(?!\\n)'].search(data__stamp__specsha256):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_sha256 must match pattern ^[0-9a-f]{64}$(?!\\n)", value=data__stamp__specsha256, name="" + (name_prefix or "data") + ".stamp.spec_sha256", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, rule='pattern')
                if "actuals_file" in data__stamp_keys:
                    data__stamp_keys.remove("actuals_file")
                    data__stamp__actualsfile = data__stamp["actuals_file"]
                    if not isinstance(data__stamp__actualsfile, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_file must be string", value=data__stamp__actualsfile, name="" + (name_prefix or "data") + ".stamp.actuals_file", definition={'type': 'string'}, rule='type')
                if "actuals_sha256" in data__stamp_keys:
                    data__stamp_keys.remove("actuals_sha256")
                    data__stamp__actualssha256 = data__stamp["actuals_sha256"]
                    if not isinstance(data__stamp__actualssha256, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_sha256 must be string", value=data__stamp__actualssha256, name="" + (name_prefix or "data") + ".stamp.actuals_sha256", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, rule='type')
                    if isinstance(data__stamp__actualssha256, str):
                        if not REGEX_PATTERNS['^[0-9a-f]{64}$(?!\\n)'].search(data__stamp__actualssha256):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_sha256 must match pattern ^[0-9a-f]{64}$(?!\\n)", value=data__stamp__actualssha256, name="" + (name_prefix or "data") + ".stamp.actuals_sha256", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, rule='pattern')
                if "actuals_pick" in data__stamp_keys:
                    data__stamp_keys.remove("actuals_pick")
                    data__stamp__actualspick = data__stamp["actuals_pick"]
                    if not isinstance(data__stamp__actualspick, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_pick must be object", value=data__stamp__actualspick, name="" + (name_prefix or "data") + ".stamp.actuals_pick", definition={'type': 'object', 'additionalProperties': False, 'properties': {'row': {'type': 'integer', 'minimum': 2}, 'entity': {'type': 'string'}, 'sheet': {'type': 'string'}, 'na': {'type': 'array', 'items': {'type': 'string'}}, 'encoding': {'type': 'string'}}}, rule='type')
                    data__stamp__actualspick_is_dict = isinstance(data__stamp__actualspick, dict)
                    if data__stamp__actualspick_is_dict:
                        data__stamp__actualspick_keys = set(data__stamp__actualspick.keys())
                        if "row" in data__stamp__actualspick_keys:
                            data__stamp__actualspick_keys.remove("row")
                            data__stamp__actualspick__row = data__stamp__actualspick["row"]
                            if not isinstance(data__stamp__actualspick__row, (int)) and not (isinstance(data__stamp__actualspick__row, float) and data__stamp__actualspick__row.is_integer()) or isinstance(data__stamp__actualspick__row, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_pick.row must be integer", value=data__stamp__actualspick__row, name="" + (name_prefix or "data") + ".stamp.actuals_pick.row", definition={'type': 'integer', 'minimum': 2}, rule='type')
                            if isinstance(data__stamp__actualspick__row, (int, float, Decimal)) and not isinstance(data__stamp__actualspick__row, bool):
                                if data__stamp__actualspick__row < 2:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_pick.row must be bigger than or equal to 2", value=data__stamp__actualspick__row, name="" + (name_prefix or "data") + ".stamp.actuals_pick.row", definition={'type': 'integer', 'minimum': 2}, rule='minimum')
                        if "entity" in data__stamp__actualspick_keys:
                            data__stamp__actualspick_keys.remove("entity")
                            data__stamp__actualspick__entity = data__stamp__actualspick["entity"]
                            if not isinstance(data__stamp__actualspick__entity, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_pick.entity must be string", value=data__stamp__actualspick__entity, name="" + (name_prefix or "data") + ".stamp.actuals_pick.entity", definition={'type': 'string'}, rule='type')
                        if "sheet" in data__stamp__actualspick_keys:
                            data__stamp__actualspick_keys.remove("sheet")
                            data__stamp__actualspick__sheet = data__stamp__actualspick["sheet"]
                            if not isinstance(data__stamp__actualspick__sheet, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_pick.sheet must be string", value=data__stamp__actualspick__sheet, name="" + (name_prefix or "data") + ".stamp.actuals_pick.sheet", definition={'type': 'string'}, rule='type')
                        if "na" in data__stamp__actualspick_keys:
                            data__stamp__actualspick_keys.remove("na")
                            data__stamp__actualspick__na = data__stamp__actualspick["na"]
                            if not isinstance(data__stamp__actualspick__na, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_pick.na must be array", value=data__stamp__actualspick__na, name="" + (name_prefix or "data") + ".stamp.actuals_pick.na", definition={'type': 'array', 'items': {'type': 'string'}}, rule='type')
                            data__stamp__actualspick__na_is_list = isinstance(data__stamp__actualspick__na, (list, tuple))
                            if data__stamp__actualspick__na_is_list:
                                data__stamp__actualspick__na_len = len(data__stamp__actualspick__na)
                                for data__stamp__actualspick__na_x, data__stamp__actualspick__na_item in enumerate(data__stamp__actualspick__na):
                                    if not isinstance(data__stamp__actualspick__na_item, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_pick.na[{data__stamp__actualspick__na_x}]".format(**locals()) + " must be string", value=data__stamp__actualspick__na_item, name="" + (name_prefix or "data") + ".stamp.actuals_pick.na[{data__stamp__actualspick__na_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                        if "encoding" in data__stamp__actualspick_keys:
                            data__stamp__actualspick_keys.remove("encoding")
                            data__stamp__actualspick__encoding = data__stamp__actualspick["encoding"]
                            if not isinstance(data__stamp__actualspick__encoding, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_pick.encoding must be string", value=data__stamp__actualspick__encoding, name="" + (name_prefix or "data") + ".stamp.actuals_pick.encoding", definition={'type': 'string'}, rule='type')
                        if data__stamp__actualspick_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.actuals_pick must not contain "+str(data__stamp__actualspick_keys)+" properties", value=data__stamp__actualspick, name="" + (name_prefix or "data") + ".stamp.actuals_pick", definition={'type': 'object', 'additionalProperties': False, 'properties': {'row': {'type': 'integer', 'minimum': 2}, 'entity': {'type': 'string'}, 'sheet': {'type': 'string'}, 'na': {'type': 'array', 'items': {'type': 'string'}}, 'encoding': {'type': 'string'}}}, rule='additionalProperties')
                if "spec_changes" in data__stamp_keys:
                    data__stamp_keys.remove("spec_changes")
                    data__stamp__specchanges = data__stamp["spec_changes"]
                    if not isinstance(data__stamp__specchanges, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_changes must be array", value=data__stamp__specchanges, name="" + (name_prefix or "data") + ".stamp.spec_changes", definition={'type': 'array', 'items': {'type': 'string'}}, rule='type')
                    data__stamp__specchanges_is_list = isinstance(data__stamp__specchanges, (list, tuple))
                    if data__stamp__specchanges_is_list:
                        data__stamp__specchanges_len = len(data__stamp__specchanges)
                        for data__stamp__specchanges_x, data__stamp__specchanges_item in enumerate(data__stamp__specchanges):
                            if not isinstance(data__stamp__specchanges_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_changes[{data__stamp__specchanges_x}]".format(**locals()) + " must be string", value=data__stamp__specchanges_item, name="" + (name_prefix or "data") + ".stamp.spec_changes[{data__stamp__specchanges_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                if "spec_sources" in data__stamp_keys:
                    data__stamp_keys.remove("spec_sources")
                    data__stamp__specsources = data__stamp["spec_sources"]
                    if not isinstance(data__stamp__specsources, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_sources must be array", value=data__stamp__specsources, name="" + (name_prefix or "data") + ".stamp.spec_sources", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['file', 'sha256'], 'properties': {'file': {'type': 'string'}, 'sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}}, rule='type')
                    data__stamp__specsources_is_list = isinstance(data__stamp__specsources, (list, tuple))
                    if data__stamp__specsources_is_list:
                        data__stamp__specsources_len = len(data__stamp__specsources)
                        for data__stamp__specsources_x, data__stamp__specsources_item in enumerate(data__stamp__specsources):
                            if not isinstance(data__stamp__specsources_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}]".format(**locals()) + " must be object", value=data__stamp__specsources_item, name="" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['file', 'sha256'], 'properties': {'file': {'type': 'string'}, 'sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}, rule='type')
                            data__stamp__specsources_item_is_dict = isinstance(data__stamp__specsources_item, dict)
                            if data__stamp__specsources_item_is_dict:
                                data__stamp__specsources_item__missing_keys = set(['file', 'sha256']) - data__stamp__specsources_item.keys()
                                if data__stamp__specsources_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}]".format(**locals()) + " must contain " + (str(sorted(data__stamp__specsources_item__missing_keys)) + " properties"), value=data__stamp__specsources_item, name="" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['file', 'sha256'], 'properties': {'file': {'type': 'string'}, 'sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}, rule='required')
                                data__stamp__specsources_item_keys = set(data__stamp__specsources_item.keys())
                                if "file" in data__stamp__specsources_item_keys:
                                    data__stamp__specsources_item_keys.remove("file")
                                    data__stamp__specsources_item__file = data__stamp__specsources_item["file"]
                                    if not isinstance(data__stamp__specsources_item__file, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}].file".format(**locals()) + " must be string", value=data__stamp__specsources_item__file, name="" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}].file".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                                if "sha256" in data__stamp__specsources_item_keys:
                                    data__stamp__specsources_item_keys.remove("sha256")
                                    data__stamp__specsources_item__sha256 = data__stamp__specsources_item["sha256"]
                                    if not isinstance(data__stamp__specsources_item__sha256, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}].sha256".format(**locals()) + " must be string", value=data__stamp__specsources_item__sha256, name="" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}].sha256".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, rule='type')
                                    if isinstance(data__stamp__specsources_item__sha256, str):
                                        if not REGEX_PATTERNS['^[0-9a-f]{64}$(?!\\n)'].search(data__stamp__specsources_item__sha256):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}].sha256".format(**locals()) + " must match pattern ^[0-9a-f]{64}$(?!\\n)", value=data__stamp__specsources_item__sha256, name="" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}].sha256".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, rule='pattern')
                                if data__stamp__specsources_item_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}]".format(**locals()) + " must not contain "+str(data__stamp__specsources_item_keys)+" properties", value=data__stamp__specsources_item, name="" + (name_prefix or "data") + ".stamp.spec_sources[{data__stamp__specsources_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['file', 'sha256'], 'properties': {'file': {'type': 'string'}, 'sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}, rule='additionalProperties')
                if "result_sha256" in data__stamp_keys:
                    data__stamp_keys.remove("result_sha256")
                    data__stamp__resultsha256 = data__stamp["result_sha256"]
                    if not isinstance(data__stamp__resultsha256, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.result_sha256 must be string", value=data__stamp__resultsha256, name="" + (name_prefix or "data") + ".stamp.result_sha256", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, rule='type')
                    if isinstance(data__stamp__resultsha256, str):
                        if not REGEX_PATTERNS['^[0-9a-f]{64}$(?!\\n)'].search(data__stamp__resultsha256):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp.result_sha256 must match pattern ^[0-9a-f]{64}$(?!\\n)", value=data__stamp__resultsha256, name="" + (name_prefix or "data") + ".stamp.result_sha256", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, rule='pattern')
                if data__stamp_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".stamp must not contain "+str(data__stamp_keys)+" properties", value=data__stamp, name="" + (name_prefix or "data") + ".stamp", definition={'type': 'object', 'additionalProperties': False, 'required': ['engine', 'engine_version', 'spec_file', 'spec_sha256', 'spec_changes', 'actuals_file', 'actuals_sha256'], 'properties': {'engine': {'const': 'scorecard'}, 'engine_version': {'type': 'string'}, 'spec_file': {'type': 'string'}, 'spec_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_file': {'type': 'string'}, 'actuals_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_pick': {'type': 'object', 'additionalProperties': False, 'properties': {'row': {'type': 'integer', 'minimum': 2}, 'entity': {'type': 'string'}, 'sheet': {'type': 'string'}, 'na': {'type': 'array', 'items': {'type': 'string'}}, 'encoding': {'type': 'string'}}}, 'spec_changes': {'type': 'array', 'items': {'type': 'string'}}, 'spec_sources': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['file', 'sha256'], 'properties': {'file': {'type': 'string'}, 'sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}}, 'result_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}, rule='additionalProperties')
        if "spec" in data_keys:
            data_keys.remove("spec")
            data__spec = data["spec"]
            if not isinstance(data__spec, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec must be object", value=data__spec, name="" + (name_prefix or "data") + ".spec", definition={'type': 'object', 'additionalProperties': False, 'required': ['id', 'title', 'version', 'source', 'description', 'total', 'rounding', 'not_applicable'], 'properties': {'id': {'type': 'string'}, 'title': {'type': 'string'}, 'version': {'type': 'string'}, 'total': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rounding': {'type': 'object', 'properties': {'places': {'type': 'integer'}, 'mode': {'type': 'string'}, 'apply': {'type': 'string'}}}, 'not_applicable': {'enum': ['redistribute', 'exclude']}, 'source': {'type': 'string'}, 'description': {'type': 'string'}}}, rule='type')
            data__spec_is_dict = isinstance(data__spec, dict)
            if data__spec_is_dict:
                data__spec__missing_keys = set(['id', 'title', 'version', 'source', 'description', 'total', 'rounding', 'not_applicable']) - data__spec.keys()
                if data__spec__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec must contain " + (str(sorted(data__spec__missing_keys)) + " properties"), value=data__spec, name="" + (name_prefix or "data") + ".spec", definition={'type': 'object', 'additionalProperties': False, 'required': ['id', 'title', 'version', 'source', 'description', 'total', 'rounding', 'not_applicable'], 'properties': {'id': {'type': 'string'}, 'title': {'type': 'string'}, 'version': {'type': 'string'}, 'total': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rounding': {'type': 'object', 'properties': {'places': {'type': 'integer'}, 'mode': {'type': 'string'}, 'apply': {'type': 'string'}}}, 'not_applicable': {'enum': ['redistribute', 'exclude']}, 'source': {'type': 'string'}, 'description': {'type': 'string'}}}, rule='required')
                data__spec_keys = set(data__spec.keys())
                if "id" in data__spec_keys:
                    data__spec_keys.remove("id")
                    data__spec__id = data__spec["id"]
                    if not isinstance(data__spec__id, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.id must be string", value=data__spec__id, name="" + (name_prefix or "data") + ".spec.id", definition={'type': 'string'}, rule='type')
                if "title" in data__spec_keys:
                    data__spec_keys.remove("title")
                    data__spec__title = data__spec["title"]
                    if not isinstance(data__spec__title, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.title must be string", value=data__spec__title, name="" + (name_prefix or "data") + ".spec.title", definition={'type': 'string'}, rule='type')
                if "version" in data__spec_keys:
                    data__spec_keys.remove("version")
                    data__spec__version = data__spec["version"]
                    if not isinstance(data__spec__version, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.version must be string", value=data__spec__version, name="" + (name_prefix or "data") + ".spec.version", definition={'type': 'string'}, rule='type')
                if "total" in data__spec_keys:
                    data__spec_keys.remove("total")
                    data__spec__total = data__spec["total"]
                    data__spec__total_any_of_count1 = 0
                    if not data__spec__total_any_of_count1:
                        try:
                            if not isinstance(data__spec__total, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.total must be string", value=data__spec__total, name="" + (name_prefix or "data") + ".spec.total", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='type')
                            if isinstance(data__spec__total, str):
                                if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'].search(data__spec__total):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.total must match pattern ^-?[0-9]+(\\.[0-9]+)?\u2026?$(?!\\n)", value=data__spec__total, name="" + (name_prefix or "data") + ".spec.total", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='pattern')
                            data__spec__total_any_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__spec__total_any_of_count1:
                        try:
                            if not isinstance(data__spec__total, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.total must be null", value=data__spec__total, name="" + (name_prefix or "data") + ".spec.total", definition={'type': 'null'}, rule='type')
                            data__spec__total_any_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__spec__total_any_of_count1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.total cannot be validated by any definition", value=data__spec__total, name="" + (name_prefix or "data") + ".spec.total", definition={'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, rule='anyOf')
                if "rounding" in data__spec_keys:
                    data__spec_keys.remove("rounding")
                    data__spec__rounding = data__spec["rounding"]
                    if not isinstance(data__spec__rounding, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.rounding must be object", value=data__spec__rounding, name="" + (name_prefix or "data") + ".spec.rounding", definition={'type': 'object', 'properties': {'places': {'type': 'integer'}, 'mode': {'type': 'string'}, 'apply': {'type': 'string'}}}, rule='type')
                    data__spec__rounding_is_dict = isinstance(data__spec__rounding, dict)
                    if data__spec__rounding_is_dict:
                        data__spec__rounding_keys = set(data__spec__rounding.keys())
                        if "places" in data__spec__rounding_keys:
                            data__spec__rounding_keys.remove("places")
                            data__spec__rounding__places = data__spec__rounding["places"]
                            if not isinstance(data__spec__rounding__places, (int)) and not (isinstance(data__spec__rounding__places, float) and data__spec__rounding__places.is_integer()) or isinstance(data__spec__rounding__places, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.rounding.places must be integer", value=data__spec__rounding__places, name="" + (name_prefix or "data") + ".spec.rounding.places", definition={'type': 'integer'}, rule='type')
                        if "mode" in data__spec__rounding_keys:
                            data__spec__rounding_keys.remove("mode")
                            data__spec__rounding__mode = data__spec__rounding["mode"]
                            if not isinstance(data__spec__rounding__mode, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.rounding.mode must be string", value=data__spec__rounding__mode, name="" + (name_prefix or "data") + ".spec.rounding.mode", definition={'type': 'string'}, rule='type')
                        if "apply" in data__spec__rounding_keys:
                            data__spec__rounding_keys.remove("apply")
                            data__spec__rounding__apply = data__spec__rounding["apply"]
                            if not isinstance(data__spec__rounding__apply, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.rounding.apply must be string", value=data__spec__rounding__apply, name="" + (name_prefix or "data") + ".spec.rounding.apply", definition={'type': 'string'}, rule='type')
                if "not_applicable" in data__spec_keys:
                    data__spec_keys.remove("not_applicable")
                    data__spec__notapplicable = data__spec["not_applicable"]
                    if not (isinstance(data__spec__notapplicable, str) and data__spec__notapplicable == 'redistribute' or isinstance(data__spec__notapplicable, str) and data__spec__notapplicable == 'exclude'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.not_applicable must be one of ['redistribute', 'exclude']", value=data__spec__notapplicable, name="" + (name_prefix or "data") + ".spec.not_applicable", definition={'enum': ['redistribute', 'exclude']}, rule='enum')
                if "source" in data__spec_keys:
                    data__spec_keys.remove("source")
                    data__spec__source = data__spec["source"]
                    if not isinstance(data__spec__source, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source must be string", value=data__spec__source, name="" + (name_prefix or "data") + ".spec.source", definition={'type': 'string'}, rule='type')
                if "description" in data__spec_keys:
                    data__spec_keys.remove("description")
                    data__spec__description = data__spec["description"]
                    if not isinstance(data__spec__description, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.description must be string", value=data__spec__description, name="" + (name_prefix or "data") + ".spec.description", definition={'type': 'string'}, rule='type')
                if data__spec_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec must not contain "+str(data__spec_keys)+" properties", value=data__spec, name="" + (name_prefix or "data") + ".spec", definition={'type': 'object', 'additionalProperties': False, 'required': ['id', 'title', 'version', 'source', 'description', 'total', 'rounding', 'not_applicable'], 'properties': {'id': {'type': 'string'}, 'title': {'type': 'string'}, 'version': {'type': 'string'}, 'total': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rounding': {'type': 'object', 'properties': {'places': {'type': 'integer'}, 'mode': {'type': 'string'}, 'apply': {'type': 'string'}}}, 'not_applicable': {'enum': ['redistribute', 'exclude']}, 'source': {'type': 'string'}, 'description': {'type': 'string'}}}, rule='additionalProperties')
        if "entity" in data_keys:
            data_keys.remove("entity")
            data__entity = data["entity"]
            if not isinstance(data__entity, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity must be string", value=data__entity, name="" + (name_prefix or "data") + ".entity", definition={'type': 'string'}, rule='type')
        if "period" in data_keys:
            data_keys.remove("period")
            data__period = data["period"]
            if not isinstance(data__period, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".period must be string", value=data__period, name="" + (name_prefix or "data") + ".period", definition={'type': 'string'}, rule='type')
        if "total" in data_keys:
            data_keys.remove("total")
            data__total = data["total"]
            data__total_any_of_count2 = 0
            if not data__total_any_of_count2:
                try:
                    if not isinstance(data__total, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".total must be string", value=data__total, name="" + (name_prefix or "data") + ".total", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='type')
                    if isinstance(data__total, str):
                        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'].search(data__total):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".total must match pattern ^-?[0-9]+(\\.[0-9]+)?\u2026?$(?!\\n)", value=data__total, name="" + (name_prefix or "data") + ".total", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='pattern')
                    data__total_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__total_any_of_count2:
                try:
                    if not isinstance(data__total, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".total must be null", value=data__total, name="" + (name_prefix or "data") + ".total", definition={'type': 'null'}, rule='type')
                    data__total_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__total_any_of_count2:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".total cannot be validated by any definition", value=data__total, name="" + (name_prefix or "data") + ".total", definition={'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, rule='anyOf')
        if "full_marks" in data_keys:
            data_keys.remove("full_marks")
            data__fullmarks = data["full_marks"]
            data__fullmarks_any_of_count3 = 0
            if not data__fullmarks_any_of_count3:
                try:
                    if not isinstance(data__fullmarks, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".full_marks must be string", value=data__fullmarks, name="" + (name_prefix or "data") + ".full_marks", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='type')
                    if isinstance(data__fullmarks, str):
                        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'].search(data__fullmarks):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".full_marks must match pattern ^-?[0-9]+(\\.[0-9]+)?\u2026?$(?!\\n)", value=data__fullmarks, name="" + (name_prefix or "data") + ".full_marks", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='pattern')
                    data__fullmarks_any_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__fullmarks_any_of_count3:
                try:
                    if not isinstance(data__fullmarks, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".full_marks must be null", value=data__fullmarks, name="" + (name_prefix or "data") + ".full_marks", definition={'type': 'null'}, rule='type')
                    data__fullmarks_any_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__fullmarks_any_of_count3:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".full_marks cannot be validated by any definition", value=data__fullmarks, name="" + (name_prefix or "data") + ".full_marks", definition={'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, rule='anyOf')
        if "grade" in data_keys:
            data_keys.remove("grade")
            data__grade = data["grade"]
            data__grade_any_of_count4 = 0
            if not data__grade_any_of_count4:
                try:
                    if not isinstance(data__grade, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".grade must be string", value=data__grade, name="" + (name_prefix or "data") + ".grade", definition={'type': 'string'}, rule='type')
                    data__grade_any_of_count4 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__grade_any_of_count4:
                try:
                    if not isinstance(data__grade, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".grade must be null", value=data__grade, name="" + (name_prefix or "data") + ".grade", definition={'type': 'null'}, rule='type')
                    data__grade_any_of_count4 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__grade_any_of_count4:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".grade cannot be validated by any definition", value=data__grade, name="" + (name_prefix or "data") + ".grade", definition={'anyOf': [{'type': 'string'}, {'type': 'null'}]}, rule='anyOf')
        if "rules_total" in data_keys:
            data_keys.remove("rules_total")
            data__rulestotal = data["rules_total"]
            if not isinstance(data__rulestotal, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rules_total must be string or null", value=data__rulestotal, name="" + (name_prefix or "data") + ".rules_total", definition={'type': ['string', 'null']}, rule='type')
        if "published" in data_keys:
            data_keys.remove("published")
            data__published = data["published"]
            data__published_one_of_count5 = 0
            if data__published_one_of_count5 < 2:
                try:
                    if not isinstance(data__published, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".published must be null", value=data__published, name="" + (name_prefix or "data") + ".published", definition={'type': 'null'}, rule='type')
                    data__published_one_of_count5 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__published_one_of_count5 < 2:
                try:
                    if not isinstance(data__published, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".published must be object", value=data__published, name="" + (name_prefix or "data") + ".published", definition={'type': 'object', 'additionalProperties': False, 'required': ['total', 'difference', 'scores'], 'properties': {'total': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}, 'scores': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}}}}, rule='type')
                    data__published_is_dict = isinstance(data__published, dict)
                    if data__published_is_dict:
                        data__published__missing_keys = set(['total', 'difference', 'scores']) - data__published.keys()
                        if data__published__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".published must contain " + (str(sorted(data__published__missing_keys)) + " properties"), value=data__published, name="" + (name_prefix or "data") + ".published", definition={'type': 'object', 'additionalProperties': False, 'required': ['total', 'difference', 'scores'], 'properties': {'total': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}, 'scores': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}}}}, rule='required')
                        data__published_keys = set(data__published.keys())
                        if "total" in data__published_keys:
                            data__published_keys.remove("total")
                            data__published__total = data__published["total"]
                            if not isinstance(data__published__total, (str, NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.total must be string or null", value=data__published__total, name="" + (name_prefix or "data") + ".published.total", definition={'type': ['string', 'null']}, rule='type')
                        if "difference" in data__published_keys:
                            data__published_keys.remove("difference")
                            data__published__difference = data__published["difference"]
                            if not isinstance(data__published__difference, (str, NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.difference must be string or null", value=data__published__difference, name="" + (name_prefix or "data") + ".published.difference", definition={'type': ['string', 'null']}, rule='type')
                        if "scores" in data__published_keys:
                            data__published_keys.remove("scores")
                            data__published__scores = data__published["scores"]
                            if not isinstance(data__published__scores, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.scores must be array", value=data__published__scores, name="" + (name_prefix or "data") + ".published.scores", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}}, rule='type')
                            data__published__scores_is_list = isinstance(data__published__scores, (list, tuple))
                            if data__published__scores_is_list:
                                data__published__scores_len = len(data__published__scores)
                                for data__published__scores_x, data__published__scores_item in enumerate(data__published__scores):
                                    if not isinstance(data__published__scores_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}]".format(**locals()) + " must be object", value=data__published__scores_item, name="" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}, rule='type')
                                    data__published__scores_item_is_dict = isinstance(data__published__scores_item, dict)
                                    if data__published__scores_item_is_dict:
                                        data__published__scores_item__missing_keys = set(['id', 'published', 'score', 'difference']) - data__published__scores_item.keys()
                                        if data__published__scores_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}]".format(**locals()) + " must contain " + (str(sorted(data__published__scores_item__missing_keys)) + " properties"), value=data__published__scores_item, name="" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}, rule='required')
                                        data__published__scores_item_keys = set(data__published__scores_item.keys())
                                        if "id" in data__published__scores_item_keys:
                                            data__published__scores_item_keys.remove("id")
                                            data__published__scores_item__id = data__published__scores_item["id"]
                                            if not isinstance(data__published__scores_item__id, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}].id".format(**locals()) + " must be string", value=data__published__scores_item__id, name="" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}].id".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                                        if "published" in data__published__scores_item_keys:
                                            data__published__scores_item_keys.remove("published")
                                            data__published__scores_item__published = data__published__scores_item["published"]
                                            if not isinstance(data__published__scores_item__published, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}].published".format(**locals()) + " must be string", value=data__published__scores_item__published, name="" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}].published".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                                        if "score" in data__published__scores_item_keys:
                                            data__published__scores_item_keys.remove("score")
                                            data__published__scores_item__score = data__published__scores_item["score"]
                                            if not isinstance(data__published__scores_item__score, (str, NoneType)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}].score".format(**locals()) + " must be string or null", value=data__published__scores_item__score, name="" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}].score".format(**locals()) + "", definition={'type': ['string', 'null']}, rule='type')
                                        if "difference" in data__published__scores_item_keys:
                                            data__published__scores_item_keys.remove("difference")
                                            data__published__scores_item__difference = data__published__scores_item["difference"]
                                            if not isinstance(data__published__scores_item__difference, (str, NoneType)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}].difference".format(**locals()) + " must be string or null", value=data__published__scores_item__difference, name="" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}].difference".format(**locals()) + "", definition={'type': ['string', 'null']}, rule='type')
                                        if data__published__scores_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}]".format(**locals()) + " must not contain "+str(data__published__scores_item_keys)+" properties", value=data__published__scores_item, name="" + (name_prefix or "data") + ".published.scores[{data__published__scores_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}, rule='additionalProperties')
                        if data__published_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".published must not contain "+str(data__published_keys)+" properties", value=data__published, name="" + (name_prefix or "data") + ".published", definition={'type': 'object', 'additionalProperties': False, 'required': ['total', 'difference', 'scores'], 'properties': {'total': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}, 'scores': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}}}}, rule='additionalProperties')
                    data__published_one_of_count5 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__published_one_of_count5 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".published must be valid exactly by one definition" + (" (" + str(data__published_one_of_count5) + " matches found)"), value=data__published, name="" + (name_prefix or "data") + ".published", definition={'oneOf': [{'type': 'null'}, {'type': 'object', 'additionalProperties': False, 'required': ['total', 'difference', 'scores'], 'properties': {'total': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}, 'scores': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}}}}]}, rule='oneOf')
        if "total_trace" in data_keys:
            data_keys.remove("total_trace")
            data__totaltrace = data["total_trace"]
            if not isinstance(data__totaltrace, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".total_trace must be array", value=data__totaltrace, name="" + (name_prefix or "data") + ".total_trace", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, rule='type')
            data__totaltrace_is_list = isinstance(data__totaltrace, (list, tuple))
            if data__totaltrace_is_list:
                data__totaltrace_len = len(data__totaltrace)
                for data__totaltrace_x, data__totaltrace_item in enumerate(data__totaltrace):
                    validate___definitions_step(data__totaltrace_item, custom_formats, (name_prefix or "data") + ".total_trace[{data__totaltrace_x}]".format(**locals()))
        if "indicators" in data_keys:
            data_keys.remove("indicators")
            data__indicators = data["indicators"]
            if not isinstance(data__indicators, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".indicators must be array", value=data__indicators, name="" + (name_prefix or "data") + ".indicators", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}, rule='type')
            data__indicators_is_list = isinstance(data__indicators, (list, tuple))
            if data__indicators_is_list:
                data__indicators_len = len(data__indicators)
                for data__indicators_x, data__indicators_item in enumerate(data__indicators):
                    validate___definitions_result(data__indicators_item, custom_formats, (name_prefix or "data") + ".indicators[{data__indicators_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'additionalProperties': False, 'required': ['format', 'stamp', 'spec', 'entity', 'period', 'total', 'full_marks', 'grade', 'rules_total', 'published', 'total_trace', 'indicators'], 'definitions': {'step': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}, 'result': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, 'children': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}}}}, 'properties': {'format': {'const': 1}, 'stamp': {'type': 'object', 'additionalProperties': False, 'required': ['engine', 'engine_version', 'spec_file', 'spec_sha256', 'spec_changes', 'actuals_file', 'actuals_sha256'], 'properties': {'engine': {'const': 'scorecard'}, 'engine_version': {'type': 'string'}, 'spec_file': {'type': 'string'}, 'spec_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_file': {'type': 'string'}, 'actuals_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}, 'actuals_pick': {'type': 'object', 'additionalProperties': False, 'properties': {'row': {'type': 'integer', 'minimum': 2}, 'entity': {'type': 'string'}, 'sheet': {'type': 'string'}, 'na': {'type': 'array', 'items': {'type': 'string'}}, 'encoding': {'type': 'string'}}}, 'spec_changes': {'type': 'array', 'items': {'type': 'string'}}, 'spec_sources': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['file', 'sha256'], 'properties': {'file': {'type': 'string'}, 'sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}}, 'result_sha256': {'type': 'string', 'pattern': '^[0-9a-f]{64}$(?!\\n)'}}}, 'spec': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'title', 'version', 'source', 'description', 'total', 'rounding', 'not_applicable'], 'properties': {'id': {'type': 'string'}, 'title': {'type': 'string'}, 'version': {'type': 'string'}, 'total': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rounding': {'type': 'object', 'properties': {'places': {'type': 'integer'}, 'mode': {'type': 'string'}, 'apply': {'type': 'string'}}}, 'not_applicable': {'enum': ['redistribute', 'exclude']}, 'source': {'type': 'string'}, 'description': {'type': 'string'}}}, 'entity': {'type': 'string'}, 'period': {'type': 'string'}, 'total': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rules_total': {'type': ['string', 'null']}, 'published': {'oneOf': [{'type': 'null'}, {'type': 'object', 'additionalProperties': False, 'required': ['total', 'difference', 'scores'], 'properties': {'total': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}, 'scores': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'published', 'score', 'difference'], 'properties': {'id': {'type': 'string'}, 'published': {'type': 'string'}, 'score': {'type': ['string', 'null']}, 'difference': {'type': ['string', 'null']}}}}}}]}, 'total_trace': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, 'indicators': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}}}, rule='additionalProperties')
    return data

def validate___definitions_result(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, 'children': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, 'children': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}}}, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string", value=data__id, name="" + (name_prefix or "data") + ".id", definition={'type': 'string'}, rule='type')
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string", value=data__name, name="" + (name_prefix or "data") + ".name", definition={'type': 'string'}, rule='type')
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not (isinstance(data__kind, str) and data__kind == 'group' or isinstance(data__kind, str) and data__kind == 'leaf'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be one of ['group', 'leaf']", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'enum': ['group', 'leaf']}, rule='enum')
        if "weight" in data_keys:
            data_keys.remove("weight")
            data__weight = data["weight"]
            data__weight_any_of_count6 = 0
            if not data__weight_any_of_count6:
                try:
                    if not isinstance(data__weight, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".weight must be string", value=data__weight, name="" + (name_prefix or "data") + ".weight", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='type')
                    if isinstance(data__weight, str):
                        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'].search(data__weight):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".weight must match pattern ^-?[0-9]+(\\.[0-9]+)?\u2026?$(?!\\n)", value=data__weight, name="" + (name_prefix or "data") + ".weight", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='pattern')
                    data__weight_any_of_count6 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__weight_any_of_count6:
                try:
                    if not isinstance(data__weight, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".weight must be null", value=data__weight, name="" + (name_prefix or "data") + ".weight", definition={'type': 'null'}, rule='type')
                    data__weight_any_of_count6 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__weight_any_of_count6:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".weight cannot be validated by any definition", value=data__weight, name="" + (name_prefix or "data") + ".weight", definition={'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, rule='anyOf')
        if "effective_weight" in data_keys:
            data_keys.remove("effective_weight")
            data__effectiveweight = data["effective_weight"]
            data__effectiveweight_any_of_count7 = 0
            if not data__effectiveweight_any_of_count7:
                try:
                    if not isinstance(data__effectiveweight, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".effective_weight must be string", value=data__effectiveweight, name="" + (name_prefix or "data") + ".effective_weight", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='type')
                    if isinstance(data__effectiveweight, str):
                        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'].search(data__effectiveweight):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".effective_weight must match pattern ^-?[0-9]+(\\.[0-9]+)?\u2026?$(?!\\n)", value=data__effectiveweight, name="" + (name_prefix or "data") + ".effective_weight", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='pattern')
                    data__effectiveweight_any_of_count7 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__effectiveweight_any_of_count7:
                try:
                    if not isinstance(data__effectiveweight, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".effective_weight must be null", value=data__effectiveweight, name="" + (name_prefix or "data") + ".effective_weight", definition={'type': 'null'}, rule='type')
                    data__effectiveweight_any_of_count7 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__effectiveweight_any_of_count7:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".effective_weight cannot be validated by any definition", value=data__effectiveweight, name="" + (name_prefix or "data") + ".effective_weight", definition={'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, rule='anyOf')
        if "full_marks" in data_keys:
            data_keys.remove("full_marks")
            data__fullmarks = data["full_marks"]
            data__fullmarks_any_of_count8 = 0
            if not data__fullmarks_any_of_count8:
                try:
                    if not isinstance(data__fullmarks, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".full_marks must be string", value=data__fullmarks, name="" + (name_prefix or "data") + ".full_marks", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='type')
                    if isinstance(data__fullmarks, str):
                        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'].search(data__fullmarks):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".full_marks must match pattern ^-?[0-9]+(\\.[0-9]+)?\u2026?$(?!\\n)", value=data__fullmarks, name="" + (name_prefix or "data") + ".full_marks", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='pattern')
                    data__fullmarks_any_of_count8 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__fullmarks_any_of_count8:
                try:
                    if not isinstance(data__fullmarks, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".full_marks must be null", value=data__fullmarks, name="" + (name_prefix or "data") + ".full_marks", definition={'type': 'null'}, rule='type')
                    data__fullmarks_any_of_count8 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__fullmarks_any_of_count8:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".full_marks cannot be validated by any definition", value=data__fullmarks, name="" + (name_prefix or "data") + ".full_marks", definition={'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, rule='anyOf')
        if "unit" in data_keys:
            data_keys.remove("unit")
            data__unit = data["unit"]
            if not isinstance(data__unit, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".unit must be string", value=data__unit, name="" + (name_prefix or "data") + ".unit", definition={'type': 'string'}, rule='type')
        if "direction" in data_keys:
            data_keys.remove("direction")
            data__direction = data["direction"]
            if not (isinstance(data__direction, str) and data__direction == 'higher' or isinstance(data__direction, str) and data__direction == 'lower' or data__direction is None):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".direction must be one of ['higher', 'lower', None]", value=data__direction, name="" + (name_prefix or "data") + ".direction", definition={'enum': ['higher', 'lower', None]}, rule='enum')
        if "target" in data_keys:
            data_keys.remove("target")
            data__target = data["target"]
            data__target_any_of_count9 = 0
            if not data__target_any_of_count9:
                try:
                    if not isinstance(data__target, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".target must be string", value=data__target, name="" + (name_prefix or "data") + ".target", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='type')
                    if isinstance(data__target, str):
                        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'].search(data__target):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".target must match pattern ^-?[0-9]+(\\.[0-9]+)?\u2026?$(?!\\n)", value=data__target, name="" + (name_prefix or "data") + ".target", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='pattern')
                    data__target_any_of_count9 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__target_any_of_count9:
                try:
                    if not isinstance(data__target, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".target must be null", value=data__target, name="" + (name_prefix or "data") + ".target", definition={'type': 'null'}, rule='type')
                    data__target_any_of_count9 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__target_any_of_count9:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".target cannot be validated by any definition", value=data__target, name="" + (name_prefix or "data") + ".target", definition={'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, rule='anyOf')
        if "target_label" in data_keys:
            data_keys.remove("target_label")
            data__targetlabel = data["target_label"]
            data__targetlabel_any_of_count10 = 0
            if not data__targetlabel_any_of_count10:
                try:
                    if not isinstance(data__targetlabel, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".target_label must be string", value=data__targetlabel, name="" + (name_prefix or "data") + ".target_label", definition={'type': 'string', 'minLength': 1}, rule='type')
                    if isinstance(data__targetlabel, str):
                        data__targetlabel_len = len(data__targetlabel)
                        if data__targetlabel_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".target_label must be longer than or equal to 1 characters", value=data__targetlabel, name="" + (name_prefix or "data") + ".target_label", definition={'type': 'string', 'minLength': 1}, rule='minLength')
                    data__targetlabel_any_of_count10 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__targetlabel_any_of_count10:
                try:
                    if not isinstance(data__targetlabel, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".target_label must be null", value=data__targetlabel, name="" + (name_prefix or "data") + ".target_label", definition={'type': 'null'}, rule='type')
                    data__targetlabel_any_of_count10 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__targetlabel_any_of_count10:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".target_label cannot be validated by any definition", value=data__targetlabel, name="" + (name_prefix or "data") + ".target_label", definition={'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, rule='anyOf')
        if "actual" in data_keys:
            data_keys.remove("actual")
            data__actual = data["actual"]
            data__actual_any_of_count11 = 0
            if not data__actual_any_of_count11:
                try:
                    data__actual_any_of_count12 = 0
                    if not data__actual_any_of_count12:
                        try:
                            if not isinstance(data__actual, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual must be string", value=data__actual, name="" + (name_prefix or "data") + ".actual", definition={'type': 'string'}, rule='type')
                            data__actual_any_of_count12 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__actual_any_of_count12:
                        try:
                            if not isinstance(data__actual, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual must be null", value=data__actual, name="" + (name_prefix or "data") + ".actual", definition={'type': 'null'}, rule='type')
                            data__actual_any_of_count12 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__actual_any_of_count12:
                        try:
                            if not isinstance(data__actual, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual must be boolean", value=data__actual, name="" + (name_prefix or "data") + ".actual", definition={'type': 'boolean'}, rule='type')
                            data__actual_any_of_count12 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__actual_any_of_count12:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual cannot be validated by any definition", value=data__actual, name="" + (name_prefix or "data") + ".actual", definition={'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, rule='anyOf')
                    data__actual_any_of_count11 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__actual_any_of_count11:
                try:
                    if not isinstance(data__actual, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual must be object", value=data__actual, name="" + (name_prefix or "data") + ".actual", definition={'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}, rule='type')
                    data__actual_is_dict = isinstance(data__actual, dict)
                    if data__actual_is_dict:
                        data__actual_keys = set(data__actual.keys())
                        if "grade" in data__actual_keys:
                            data__actual_keys.remove("grade")
                            data__actual__grade = data__actual["grade"]
                            if not isinstance(data__actual__grade, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual.grade must be string", value=data__actual__grade, name="" + (name_prefix or "data") + ".actual.grade", definition={'type': 'string'}, rule='type')
                        if "score" in data__actual_keys:
                            data__actual_keys.remove("score")
                            data__actual__score = data__actual["score"]
                            data__actual__score_any_of_count13 = 0
                            if not data__actual__score_any_of_count13:
                                try:
                                    if not isinstance(data__actual__score, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual.score must be string", value=data__actual__score, name="" + (name_prefix or "data") + ".actual.score", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, rule='type')
                                    if isinstance(data__actual__score, str):
                                        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'].search(data__actual__score):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual.score must match pattern ^-?[0-9]+(\\.[0-9]+)?\u2026?%?$(?!\\n)", value=data__actual__score, name="" + (name_prefix or "data") + ".actual.score", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, rule='pattern')
                                    data__actual__score_any_of_count13 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__actual__score_any_of_count13:
                                try:
                                    if not isinstance(data__actual__score, (NoneType)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual.score must be null", value=data__actual__score, name="" + (name_prefix or "data") + ".actual.score", definition={'type': 'null'}, rule='type')
                                    data__actual__score_any_of_count13 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__actual__score_any_of_count13:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual.score cannot be validated by any definition", value=data__actual__score, name="" + (name_prefix or "data") + ".actual.score", definition={'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}, rule='anyOf')
                    data__actual_any_of_count11 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__actual_any_of_count11:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual cannot be validated by any definition", value=data__actual, name="" + (name_prefix or "data") + ".actual", definition={'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, rule='anyOf')
        if "actual_at" in data_keys:
            data_keys.remove("actual_at")
            data__actualat = data["actual_at"]
            if not isinstance(data__actualat, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual_at must be string or null", value=data__actualat, name="" + (name_prefix or "data") + ".actual_at", definition={'type': ['string', 'null']}, rule='type')
        if "method" in data_keys:
            data_keys.remove("method")
            data__method = data["method"]
            data__method_any_of_count14 = 0
            if not data__method_any_of_count14:
                try:
                    if not isinstance(data__method, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".method must be string", value=data__method, name="" + (name_prefix or "data") + ".method", definition={'type': 'string'}, rule='type')
                    data__method_any_of_count14 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__method_any_of_count14:
                try:
                    if not isinstance(data__method, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".method must be null", value=data__method, name="" + (name_prefix or "data") + ".method", definition={'type': 'null'}, rule='type')
                    data__method_any_of_count14 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__method_any_of_count14:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".method cannot be validated by any definition", value=data__method, name="" + (name_prefix or "data") + ".method", definition={'anyOf': [{'type': 'string'}, {'type': 'null'}]}, rule='anyOf')
        if "aggregate" in data_keys:
            data_keys.remove("aggregate")
            data__aggregate = data["aggregate"]
            data__aggregate_any_of_count15 = 0
            if not data__aggregate_any_of_count15:
                try:
                    if not isinstance(data__aggregate, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".aggregate must be string", value=data__aggregate, name="" + (name_prefix or "data") + ".aggregate", definition={'type': 'string'}, rule='type')
                    data__aggregate_any_of_count15 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__aggregate_any_of_count15:
                try:
                    if not isinstance(data__aggregate, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".aggregate must be null", value=data__aggregate, name="" + (name_prefix or "data") + ".aggregate", definition={'type': 'null'}, rule='type')
                    data__aggregate_any_of_count15 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__aggregate_any_of_count15:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".aggregate cannot be validated by any definition", value=data__aggregate, name="" + (name_prefix or "data") + ".aggregate", definition={'anyOf': [{'type': 'string'}, {'type': 'null'}]}, rule='anyOf')
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not (isinstance(data__status, str) and data__status == 'scored' or isinstance(data__status, str) and data__status == 'override' or isinstance(data__status, str) and data__status == 'not_applicable' or isinstance(data__status, str) and data__status == 'missing'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['scored', 'override', 'not_applicable', 'missing']", value=data__status, name="" + (name_prefix or "data") + ".status", definition={'enum': ['scored', 'override', 'not_applicable', 'missing']}, rule='enum')
        if "score" in data_keys:
            data_keys.remove("score")
            data__score = data["score"]
            data__score_any_of_count16 = 0
            if not data__score_any_of_count16:
                try:
                    if not isinstance(data__score, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".score must be string", value=data__score, name="" + (name_prefix or "data") + ".score", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='type')
                    if isinstance(data__score, str):
                        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'].search(data__score):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".score must match pattern ^-?[0-9]+(\\.[0-9]+)?\u2026?$(?!\\n)", value=data__score, name="" + (name_prefix or "data") + ".score", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='pattern')
                    data__score_any_of_count16 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__score_any_of_count16:
                try:
                    if not isinstance(data__score, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".score must be null", value=data__score, name="" + (name_prefix or "data") + ".score", definition={'type': 'null'}, rule='type')
                    data__score_any_of_count16 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__score_any_of_count16:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".score cannot be validated by any definition", value=data__score, name="" + (name_prefix or "data") + ".score", definition={'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, rule='anyOf')
        if "rule_score" in data_keys:
            data_keys.remove("rule_score")
            data__rulescore = data["rule_score"]
            data__rulescore_any_of_count17 = 0
            if not data__rulescore_any_of_count17:
                try:
                    if not isinstance(data__rulescore, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".rule_score must be string", value=data__rulescore, name="" + (name_prefix or "data") + ".rule_score", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='type')
                    if isinstance(data__rulescore, str):
                        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'].search(data__rulescore):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".rule_score must match pattern ^-?[0-9]+(\\.[0-9]+)?\u2026?$(?!\\n)", value=data__rulescore, name="" + (name_prefix or "data") + ".rule_score", definition={'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, rule='pattern')
                    data__rulescore_any_of_count17 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__rulescore_any_of_count17:
                try:
                    if not isinstance(data__rulescore, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".rule_score must be null", value=data__rulescore, name="" + (name_prefix or "data") + ".rule_score", definition={'type': 'null'}, rule='type')
                    data__rulescore_any_of_count17 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__rulescore_any_of_count17:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rule_score cannot be validated by any definition", value=data__rulescore, name="" + (name_prefix or "data") + ".rule_score", definition={'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, rule='anyOf')
        if "capped" in data_keys:
            data_keys.remove("capped")
            data__capped = data["capped"]
            if not isinstance(data__capped, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".capped must be boolean", value=data__capped, name="" + (name_prefix or "data") + ".capped", definition={'type': 'boolean'}, rule='type')
        if "band" in data_keys:
            data_keys.remove("band")
            data__band = data["band"]
            data__band_any_of_count18 = 0
            if not data__band_any_of_count18:
                try:
                    if not isinstance(data__band, (int)) and not (isinstance(data__band, float) and data__band.is_integer()) or isinstance(data__band, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".band must be integer", value=data__band, name="" + (name_prefix or "data") + ".band", definition={'type': 'integer'}, rule='type')
                    data__band_any_of_count18 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__band_any_of_count18:
                try:
                    if not isinstance(data__band, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".band must be null", value=data__band, name="" + (name_prefix or "data") + ".band", definition={'type': 'null'}, rule='type')
                    data__band_any_of_count18 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__band_any_of_count18:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".band cannot be validated by any definition", value=data__band, name="" + (name_prefix or "data") + ".band", definition={'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, rule='anyOf')
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            if not isinstance(data__reason, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be string", value=data__reason, name="" + (name_prefix or "data") + ".reason", definition={'type': 'string'}, rule='type')
        if "note" in data_keys:
            data_keys.remove("note")
            data__note = data["note"]
            if not isinstance(data__note, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".note must be string", value=data__note, name="" + (name_prefix or "data") + ".note", definition={'type': 'string'}, rule='type')
        if "assumed" in data_keys:
            data_keys.remove("assumed")
            data__assumed = data["assumed"]
            data__assumed_any_of_count19 = 0
            if not data__assumed_any_of_count19:
                try:
                    if not isinstance(data__assumed, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".assumed must be string", value=data__assumed, name="" + (name_prefix or "data") + ".assumed", definition={'type': 'string'}, rule='type')
                    data__assumed_any_of_count19 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__assumed_any_of_count19:
                try:
                    if not isinstance(data__assumed, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".assumed must be null", value=data__assumed, name="" + (name_prefix or "data") + ".assumed", definition={'type': 'null'}, rule='type')
                    data__assumed_any_of_count19 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__assumed_any_of_count19:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".assumed cannot be validated by any definition", value=data__assumed, name="" + (name_prefix or "data") + ".assumed", definition={'anyOf': [{'type': 'string'}, {'type': 'null'}]}, rule='anyOf')
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            data__at_any_of_count20 = 0
            if not data__at_any_of_count20:
                try:
                    if not isinstance(data__at, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".at must be string", value=data__at, name="" + (name_prefix or "data") + ".at", definition={'type': 'string'}, rule='type')
                    data__at_any_of_count20 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__at_any_of_count20:
                try:
                    if not isinstance(data__at, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".at must be null", value=data__at, name="" + (name_prefix or "data") + ".at", definition={'type': 'null'}, rule='type')
                    data__at_any_of_count20 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__at_any_of_count20:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".at cannot be validated by any definition", value=data__at, name="" + (name_prefix or "data") + ".at", definition={'anyOf': [{'type': 'string'}, {'type': 'null'}]}, rule='anyOf')
        if "trace" in data_keys:
            data_keys.remove("trace")
            data__trace = data["trace"]
            if not isinstance(data__trace, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".trace must be array", value=data__trace, name="" + (name_prefix or "data") + ".trace", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, rule='type')
            data__trace_is_list = isinstance(data__trace, (list, tuple))
            if data__trace_is_list:
                data__trace_len = len(data__trace)
                for data__trace_x, data__trace_item in enumerate(data__trace):
                    validate___definitions_step(data__trace_item, custom_formats, (name_prefix or "data") + ".trace[{data__trace_x}]".format(**locals()))
        if "children" in data_keys:
            data_keys.remove("children")
            data__children = data["children"]
            if not isinstance(data__children, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".children must be array", value=data__children, name="" + (name_prefix or "data") + ".children", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}, rule='type')
            data__children_is_list = isinstance(data__children, (list, tuple))
            if data__children_is_list:
                data__children_len = len(data__children)
                for data__children_x, data__children_item in enumerate(data__children):
                    validate___definitions_result(data__children_item, custom_formats, (name_prefix or "data") + ".children[{data__children_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}}, 'children': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'kind', 'weight', 'effective_weight', 'full_marks', 'unit', 'direction', 'target', 'target_label', 'actual', 'actual_at', 'method', 'aggregate', 'status', 'score', 'rule_score', 'capped', 'band', 'reason', 'note', 'assumed', 'at', 'trace', 'children'], 'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'}, 'kind': {'enum': ['group', 'leaf']}, 'weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'effective_weight': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'full_marks': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'unit': {'type': 'string'}, 'direction': {'enum': ['higher', 'lower', None]}, 'target': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'target_label': {'anyOf': [{'type': 'string', 'minLength': 1}, {'type': 'null'}]}, 'actual': {'anyOf': [{'anyOf': [{'type': 'string'}, {'type': 'null'}, {'type': 'boolean'}]}, {'type': 'object', 'properties': {'grade': {'type': 'string'}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?%?$(?!\\n)'}, {'type': 'null'}]}}}]}, 'actual_at': {'type': ['string', 'null']}, 'method': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'aggregate': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'status': {'enum': ['scored', 'override', 'not_applicable', 'missing']}, 'score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'rule_score': {'anyOf': [{'type': 'string', 'pattern': '^-?[0-9]+(\\.[0-9]+)?…?$(?!\\n)'}, {'type': 'null'}]}, 'capped': {'type': 'boolean'}, 'band': {'anyOf': [{'type': 'integer'}, {'type': 'null'}]}, 'reason': {'type': 'string'}, 'note': {'type': 'string'}, 'assumed': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'trace': {'type': 'array', 'items': {'$ref': '#/definitions/step'}}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/result'}}}}}}}, rule='additionalProperties')
    return data

def validate___definitions_step(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}, rule='required')
        data_keys = set(data.keys())
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not isinstance(data__kind, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be string", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, rule='type')
            if not (isinstance(data__kind, str) and data__kind == 'derive' or isinstance(data__kind, str) and data__kind == 'redistribute' or isinstance(data__kind, str) and data__kind == 'formula' or isinstance(data__kind, str) and data__kind == 'band' or isinstance(data__kind, str) and data__kind == 'grade' or isinstance(data__kind, str) and data__kind == 'missing' or isinstance(data__kind, str) and data__kind == 'clamp' or isinstance(data__kind, str) and data__kind == 'aggregate' or isinstance(data__kind, str) and data__kind == 'round' or isinstance(data__kind, str) and data__kind == 'override' or isinstance(data__kind, str) and data__kind == 'not_applicable' or isinstance(data__kind, str) and data__kind == 'grade_total'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be one of ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, rule='enum')
        if "label" in data_keys:
            data_keys.remove("label")
            data__label = data["label"]
            if not isinstance(data__label, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".label must be string", value=data__label, name="" + (name_prefix or "data") + ".label", definition={'type': 'string'}, rule='type')
        if "formula" in data_keys:
            data_keys.remove("formula")
            data__formula = data["formula"]
            if not isinstance(data__formula, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".formula must be string", value=data__formula, name="" + (name_prefix or "data") + ".formula", definition={'type': 'string'}, rule='type')
        if "lines" in data_keys:
            data_keys.remove("lines")
            data__lines = data["lines"]
            if not isinstance(data__lines, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".lines must be array", value=data__lines, name="" + (name_prefix or "data") + ".lines", definition={'type': 'array', 'items': {'type': 'string'}}, rule='type')
            data__lines_is_list = isinstance(data__lines, (list, tuple))
            if data__lines_is_list:
                data__lines_len = len(data__lines)
                for data__lines_x, data__lines_item in enumerate(data__lines):
                    if not isinstance(data__lines_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".lines[{data__lines_x}]".format(**locals()) + " must be string", value=data__lines_item, name="" + (name_prefix or "data") + ".lines[{data__lines_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
        if "value" in data_keys:
            data_keys.remove("value")
            data__value = data["value"]
            data__value_any_of_count21 = 0
            if not data__value_any_of_count21:
                try:
                    if not isinstance(data__value, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".value must be string", value=data__value, name="" + (name_prefix or "data") + ".value", definition={'type': 'string'}, rule='type')
                    data__value_any_of_count21 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__value_any_of_count21:
                try:
                    if not isinstance(data__value, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".value must be boolean", value=data__value, name="" + (name_prefix or "data") + ".value", definition={'type': 'boolean'}, rule='type')
                    data__value_any_of_count21 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__value_any_of_count21:
                try:
                    if not isinstance(data__value, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".value must be null", value=data__value, name="" + (name_prefix or "data") + ".value", definition={'type': 'null'}, rule='type')
                    data__value_any_of_count21 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__value_any_of_count21:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".value cannot be validated by any definition", value=data__value, name="" + (name_prefix or "data") + ".value", definition={'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, rule='anyOf')
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            data__at_any_of_count22 = 0
            if not data__at_any_of_count22:
                try:
                    if not isinstance(data__at, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".at must be string", value=data__at, name="" + (name_prefix or "data") + ".at", definition={'type': 'string'}, rule='type')
                    data__at_any_of_count22 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__at_any_of_count22:
                try:
                    if not isinstance(data__at, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".at must be null", value=data__at, name="" + (name_prefix or "data") + ".at", definition={'type': 'null'}, rule='type')
                    data__at_any_of_count22 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__at_any_of_count22:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".at cannot be validated by any definition", value=data__at, name="" + (name_prefix or "data") + ".at", definition={'anyOf': [{'type': 'string'}, {'type': 'null'}]}, rule='anyOf')
        if "rows" in data_keys:
            data_keys.remove("rows")
            data__rows = data["rows"]
            if not isinstance(data__rows, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rows must be array", value=data__rows, name="" + (name_prefix or "data") + ".rows", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}, rule='type')
            data__rows_is_list = isinstance(data__rows, (list, tuple))
            if data__rows_is_list:
                data__rows_len = len(data__rows)
                for data__rows_x, data__rows_item in enumerate(data__rows):
                    if not isinstance(data__rows_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".rows[{data__rows_x}]".format(**locals()) + " must be object", value=data__rows_item, name="" + (name_prefix or "data") + ".rows[{data__rows_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}, rule='type')
                    data__rows_item_is_dict = isinstance(data__rows_item, dict)
                    if data__rows_item_is_dict:
                        data__rows_item__missing_keys = set(['label', 'condition', 'outcome', 'matched']) - data__rows_item.keys()
                        if data__rows_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".rows[{data__rows_x}]".format(**locals()) + " must contain " + (str(sorted(data__rows_item__missing_keys)) + " properties"), value=data__rows_item, name="" + (name_prefix or "data") + ".rows[{data__rows_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}, rule='required')
                        data__rows_item_keys = set(data__rows_item.keys())
                        if "label" in data__rows_item_keys:
                            data__rows_item_keys.remove("label")
                            data__rows_item__label = data__rows_item["label"]
                            if not isinstance(data__rows_item__label, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rows[{data__rows_x}].label".format(**locals()) + " must be string", value=data__rows_item__label, name="" + (name_prefix or "data") + ".rows[{data__rows_x}].label".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                        if "condition" in data__rows_item_keys:
                            data__rows_item_keys.remove("condition")
                            data__rows_item__condition = data__rows_item["condition"]
                            if not isinstance(data__rows_item__condition, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rows[{data__rows_x}].condition".format(**locals()) + " must be string", value=data__rows_item__condition, name="" + (name_prefix or "data") + ".rows[{data__rows_x}].condition".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                        if "outcome" in data__rows_item_keys:
                            data__rows_item_keys.remove("outcome")
                            data__rows_item__outcome = data__rows_item["outcome"]
                            if not isinstance(data__rows_item__outcome, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rows[{data__rows_x}].outcome".format(**locals()) + " must be string", value=data__rows_item__outcome, name="" + (name_prefix or "data") + ".rows[{data__rows_x}].outcome".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                        if "matched" in data__rows_item_keys:
                            data__rows_item_keys.remove("matched")
                            data__rows_item__matched = data__rows_item["matched"]
                            if not isinstance(data__rows_item__matched, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rows[{data__rows_x}].matched".format(**locals()) + " must be boolean", value=data__rows_item__matched, name="" + (name_prefix or "data") + ".rows[{data__rows_x}].matched".format(**locals()) + "", definition={'type': 'boolean'}, rule='type')
                        if data__rows_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".rows[{data__rows_x}]".format(**locals()) + " must not contain "+str(data__rows_item_keys)+" properties", value=data__rows_item, name="" + (name_prefix or "data") + ".rows[{data__rows_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}, rule='additionalProperties')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['kind', 'label', 'formula', 'lines', 'value', 'at', 'rows'], 'properties': {'kind': {'type': 'string', 'enum': ['derive', 'redistribute', 'formula', 'band', 'grade', 'missing', 'clamp', 'aggregate', 'round', 'override', 'not_applicable', 'grade_total']}, 'label': {'type': 'string'}, 'formula': {'type': 'string'}, 'lines': {'type': 'array', 'items': {'type': 'string'}}, 'value': {'anyOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}, 'at': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'rows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['label', 'condition', 'outcome', 'matched'], 'properties': {'label': {'type': 'string'}, 'condition': {'type': 'string'}, 'outcome': {'type': 'string'}, 'matched': {'type': 'boolean'}}}}}}, rule='additionalProperties')
    return data