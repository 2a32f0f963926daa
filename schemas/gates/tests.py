# Generated from schemas/tests.schema.json by fastjsonschema 2.22.3: do not edit.
# Regenerate: UPDATE_GOLDEN=1 python -m pytest tests/test_schemagate.py
# schema sha256: 74207fd6cadc8362aff1e4c82c43e5ceb1f787c966fd0f1d4cead7cd84c8c517
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
    '^[^=]+=.*$(?!\\n)': re.compile('^[^=]+=.*\\Z(?!\\n)'),
    '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)': re.compile('^[A-Za-z_][A-Za-z0-9_]*\\Z(?!\\n)')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'additionalProperties': False, 'required': ['spec', 'cases'], 'definitions': {'case': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}}, 'properties': {'spec': {'type': 'string', 'minLength': 1}, 'cases': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['spec', 'cases']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'additionalProperties': False, 'required': ['spec', 'cases'], 'definitions': {'case': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}}, 'properties': {'spec': {'type': 'string', 'minLength': 1}, 'cases': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}}}}, rule='required')
        data_keys = set(data.keys())
        if "spec" in data_keys:
            data_keys.remove("spec")
            data__spec = data["spec"]
            if not isinstance(data__spec, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec must be string", value=data__spec, name="" + (name_prefix or "data") + ".spec", definition={'type': 'string', 'minLength': 1}, rule='type')
            if isinstance(data__spec, str):
                data__spec_len = len(data__spec)
                if data__spec_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec must be longer than or equal to 1 characters", value=data__spec, name="" + (name_prefix or "data") + ".spec", definition={'type': 'string', 'minLength': 1}, rule='minLength')
        if "cases" in data_keys:
            data_keys.remove("cases")
            data__cases = data["cases"]
            if not isinstance(data__cases, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cases must be array", value=data__cases, name="" + (name_prefix or "data") + ".cases", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}}, rule='type')
            data__cases_is_list = isinstance(data__cases, (list, tuple))
            if data__cases_is_list:
                data__cases_len = len(data__cases)
                if data__cases_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cases must contain at least 1 items", value=data__cases, name="" + (name_prefix or "data") + ".cases", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}}, rule='minItems')
                for data__cases_x, data__cases_item in enumerate(data__cases):
                    validate___definitions_case(data__cases_item, custom_formats, (name_prefix or "data") + ".cases[{data__cases_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'additionalProperties': False, 'required': ['spec', 'cases'], 'definitions': {'case': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}}, 'properties': {'spec': {'type': 'string', 'minLength': 1}, 'cases': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}}}}, rule='additionalProperties')
    return data

def validate___definitions_case(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['name', 'expect']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}, rule='required')
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string", value=data__name, name="" + (name_prefix or "data") + ".name", definition={'type': 'string', 'minLength': 1}, rule='type')
            if isinstance(data__name, str):
                data__name_len = len(data__name)
                if data__name_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be longer than or equal to 1 characters", value=data__name, name="" + (name_prefix or "data") + ".name", definition={'type': 'string', 'minLength': 1}, rule='minLength')
        if "actuals" in data_keys:
            data_keys.remove("actuals")
            data__actuals = data["actuals"]
            data__actuals_any_of_count1 = 0
            if not data__actuals_any_of_count1:
                try:
                    if not isinstance(data__actuals, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".actuals must be string", value=data__actuals, name="" + (name_prefix or "data") + ".actuals", definition={'type': 'string'}, rule='type')
                    data__actuals_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__actuals_any_of_count1:
                try:
                    if not isinstance(data__actuals, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".actuals must be object", value=data__actuals, name="" + (name_prefix or "data") + ".actuals", definition={'type': 'object'}, rule='type')
                    data__actuals_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__actuals_any_of_count1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".actuals cannot be validated by any definition", value=data__actuals, name="" + (name_prefix or "data") + ".actuals", definition={'anyOf': [{'type': 'string'}, {'type': 'object'}]}, rule='anyOf')
        if "set" in data_keys:
            data_keys.remove("set")
            data__set = data["set"]
            if not isinstance(data__set, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".set must be object", value=data__set, name="" + (name_prefix or "data") + ".set", definition={'type': 'object'}, rule='type')
        if "spec_set" in data_keys:
            data_keys.remove("spec_set")
            data__specset = data["spec_set"]
            if not isinstance(data__specset, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec_set must be array", value=data__specset, name="" + (name_prefix or "data") + ".spec_set", definition={'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, rule='type')
            data__specset_is_list = isinstance(data__specset, (list, tuple))
            if data__specset_is_list:
                data__specset_len = len(data__specset)
                for data__specset_x, data__specset_item in enumerate(data__specset):
                    if not isinstance(data__specset_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec_set[{data__specset_x}]".format(**locals()) + " must be string", value=data__specset_item, name="" + (name_prefix or "data") + ".spec_set[{data__specset_x}]".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}, rule='type')
                    if isinstance(data__specset_item, str):
                        if not REGEX_PATTERNS['^[^=]+=.*$(?!\\n)'].search(data__specset_item):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec_set[{data__specset_x}]".format(**locals()) + " must match pattern ^[^=]+=.*$(?!\\n)", value=data__specset_item, name="" + (name_prefix or "data") + ".spec_set[{data__specset_x}]".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}, rule='pattern')
        if "missing" in data_keys:
            data_keys.remove("missing")
            data__missing = data["missing"]
            if not (isinstance(data__missing, str) and data__missing == 'error' or isinstance(data__missing, str) and data__missing == 'zero'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".missing must be one of ['error', 'zero']", value=data__missing, name="" + (name_prefix or "data") + ".missing", definition={'enum': ['error', 'zero']}, rule='enum')
        if "expect" in data_keys:
            data_keys.remove("expect")
            data__expect = data["expect"]
            if not isinstance(data__expect, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect must be object", value=data__expect, name="" + (name_prefix or "data") + ".expect", definition={'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, rule='type')
            data__expect_is_dict = isinstance(data__expect, dict)
            if data__expect_is_dict:
                data__expect_len = len(data__expect)
                if data__expect_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect must contain at least 1 properties", value=data__expect, name="" + (name_prefix or "data") + ".expect", definition={'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, rule='minProperties')
                data__expect_keys = set(data__expect.keys())
                if "total" in data__expect_keys:
                    data__expect_keys.remove("total")
                    data__expect__total = data__expect["total"]
                    if not isinstance(data__expect__total, (int, float, Decimal)) or isinstance(data__expect__total, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.total must be number", value=data__expect__total, name="" + (name_prefix or "data") + ".expect.total", definition={'type': 'number'}, rule='type')
                if "full_marks" in data__expect_keys:
                    data__expect_keys.remove("full_marks")
                    data__expect__fullmarks = data__expect["full_marks"]
                    if not isinstance(data__expect__fullmarks, (int, float, Decimal)) or isinstance(data__expect__fullmarks, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.full_marks must be number", value=data__expect__fullmarks, name="" + (name_prefix or "data") + ".expect.full_marks", definition={'type': 'number'}, rule='type')
                if "grade" in data__expect_keys:
                    data__expect_keys.remove("grade")
                    data__expect__grade = data__expect["grade"]
                    data__expect__grade_any_of_count2 = 0
                    if not data__expect__grade_any_of_count2:
                        try:
                            if not isinstance(data__expect__grade, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.grade must be string", value=data__expect__grade, name="" + (name_prefix or "data") + ".expect.grade", definition={'type': 'string'}, rule='type')
                            data__expect__grade_any_of_count2 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__expect__grade_any_of_count2:
                        try:
                            if not isinstance(data__expect__grade, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.grade must be null", value=data__expect__grade, name="" + (name_prefix or "data") + ".expect.grade", definition={'type': 'null'}, rule='type')
                            data__expect__grade_any_of_count2 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__expect__grade_any_of_count2:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.grade cannot be validated by any definition", value=data__expect__grade, name="" + (name_prefix or "data") + ".expect.grade", definition={'anyOf': [{'type': 'string'}, {'type': 'null'}]}, rule='anyOf')
                if "scores" in data__expect_keys:
                    data__expect_keys.remove("scores")
                    data__expect__scores = data__expect["scores"]
                    if not isinstance(data__expect__scores, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.scores must be object", value=data__expect__scores, name="" + (name_prefix or "data") + ".expect.scores", definition={'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, rule='type')
                    data__expect__scores_is_dict = isinstance(data__expect__scores, dict)
                    if data__expect__scores_is_dict:
                        data__expect__scores_keys = set(data__expect__scores.keys())
                        for data__expect__scores_key in data__expect__scores_keys:
                            if data__expect__scores_key not in []:
                                data__expect__scores_value = data__expect__scores.get(data__expect__scores_key)
                                if not isinstance(data__expect__scores_value, (int, float, Decimal)) or isinstance(data__expect__scores_value, bool):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.scores.{data__expect__scores_key}".format(**locals()) + " must be number", value=data__expect__scores_value, name="" + (name_prefix or "data") + ".expect.scores.{data__expect__scores_key}".format(**locals()) + "", definition={'type': 'number'}, rule='type')
                        data__expect__scores_len = len(data__expect__scores)
                        if data__expect__scores_len != 0:
                            data__expect__scores_property_names = True
                            for data__expect__scores_key in data__expect__scores:
                                try:
                                    if isinstance(data__expect__scores_key, str):
                                        if not REGEX_PATTERNS['^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'].search(data__expect__scores_key):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.scores must match pattern ^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)", value=data__expect__scores_key, name="" + (name_prefix or "data") + ".expect.scores", definition={'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, rule='pattern')
                                except (JsonSchemaValueException, JsonSchemaValuesException):
                                    data__expect__scores_property_names = False
                            if not data__expect__scores_property_names:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.scores must be named by propertyName definition", value=data__expect__scores, name="" + (name_prefix or "data") + ".expect.scores", definition={'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, rule='propertyNames')
                if "status" in data__expect_keys:
                    data__expect_keys.remove("status")
                    data__expect__status = data__expect["status"]
                    if not isinstance(data__expect__status, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.status must be object", value=data__expect__status, name="" + (name_prefix or "data") + ".expect.status", definition={'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, rule='type')
                    data__expect__status_is_dict = isinstance(data__expect__status, dict)
                    if data__expect__status_is_dict:
                        data__expect__status_keys = set(data__expect__status.keys())
                        for data__expect__status_key in data__expect__status_keys:
                            if data__expect__status_key not in []:
                                data__expect__status_value = data__expect__status.get(data__expect__status_key)
                                if not (isinstance(data__expect__status_value, str) and data__expect__status_value == 'scored' or isinstance(data__expect__status_value, str) and data__expect__status_value == 'override' or isinstance(data__expect__status_value, str) and data__expect__status_value == 'not_applicable' or isinstance(data__expect__status_value, str) and data__expect__status_value == 'missing'):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.status.{data__expect__status_key}".format(**locals()) + " must be one of ['scored', 'override', 'not_applicable', 'missing']", value=data__expect__status_value, name="" + (name_prefix or "data") + ".expect.status.{data__expect__status_key}".format(**locals()) + "", definition={'enum': ['scored', 'override', 'not_applicable', 'missing']}, rule='enum')
                        data__expect__status_len = len(data__expect__status)
                        if data__expect__status_len != 0:
                            data__expect__status_property_names = True
                            for data__expect__status_key in data__expect__status:
                                try:
                                    if isinstance(data__expect__status_key, str):
                                        if not REGEX_PATTERNS['^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'].search(data__expect__status_key):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.status must match pattern ^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)", value=data__expect__status_key, name="" + (name_prefix or "data") + ".expect.status", definition={'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, rule='pattern')
                                except (JsonSchemaValueException, JsonSchemaValuesException):
                                    data__expect__status_property_names = False
                            if not data__expect__status_property_names:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.status must be named by propertyName definition", value=data__expect__status, name="" + (name_prefix or "data") + ".expect.status", definition={'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, rule='propertyNames')
                if "band" in data__expect_keys:
                    data__expect_keys.remove("band")
                    data__expect__band = data__expect["band"]
                    if not isinstance(data__expect__band, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.band must be object", value=data__expect__band, name="" + (name_prefix or "data") + ".expect.band", definition={'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, rule='type')
                    data__expect__band_is_dict = isinstance(data__expect__band, dict)
                    if data__expect__band_is_dict:
                        data__expect__band_keys = set(data__expect__band.keys())
                        for data__expect__band_key in data__expect__band_keys:
                            if data__expect__band_key not in []:
                                data__expect__band_value = data__expect__band.get(data__expect__band_key)
                                if not isinstance(data__expect__band_value, (int)) and not (isinstance(data__expect__band_value, float) and data__expect__band_value.is_integer()) or isinstance(data__expect__band_value, bool):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.band.{data__expect__band_key}".format(**locals()) + " must be integer", value=data__expect__band_value, name="" + (name_prefix or "data") + ".expect.band.{data__expect__band_key}".format(**locals()) + "", definition={'type': 'integer', 'minimum': 1}, rule='type')
                                if isinstance(data__expect__band_value, (int, float, Decimal)) and not isinstance(data__expect__band_value, bool):
                                    if data__expect__band_value < 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.band.{data__expect__band_key}".format(**locals()) + " must be bigger than or equal to 1", value=data__expect__band_value, name="" + (name_prefix or "data") + ".expect.band.{data__expect__band_key}".format(**locals()) + "", definition={'type': 'integer', 'minimum': 1}, rule='minimum')
                        data__expect__band_len = len(data__expect__band)
                        if data__expect__band_len != 0:
                            data__expect__band_property_names = True
                            for data__expect__band_key in data__expect__band:
                                try:
                                    if isinstance(data__expect__band_key, str):
                                        if not REGEX_PATTERNS['^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'].search(data__expect__band_key):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.band must match pattern ^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)", value=data__expect__band_key, name="" + (name_prefix or "data") + ".expect.band", definition={'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, rule='pattern')
                                except (JsonSchemaValueException, JsonSchemaValuesException):
                                    data__expect__band_property_names = False
                            if not data__expect__band_property_names:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.band must be named by propertyName definition", value=data__expect__band, name="" + (name_prefix or "data") + ".expect.band", definition={'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, rule='propertyNames')
                if "error" in data__expect_keys:
                    data__expect_keys.remove("error")
                    data__expect__error = data__expect["error"]
                    if not isinstance(data__expect__error, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.error must be string", value=data__expect__error, name="" + (name_prefix or "data") + ".expect.error", definition={'type': 'string', 'minLength': 1}, rule='type')
                    if isinstance(data__expect__error, str):
                        data__expect__error_len = len(data__expect__error)
                        if data__expect__error_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect.error must be longer than or equal to 1 characters", value=data__expect__error, name="" + (name_prefix or "data") + ".expect.error", definition={'type': 'string', 'minLength': 1}, rule='minLength')
                if data__expect_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".expect must not contain "+str(data__expect_keys)+" properties", value=data__expect, name="" + (name_prefix or "data") + ".expect", definition={'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, rule='additionalProperties')
        if "tolerance" in data_keys:
            data_keys.remove("tolerance")
            data__tolerance = data["tolerance"]
            if not isinstance(data__tolerance, (int, float, Decimal)) or isinstance(data__tolerance, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tolerance must be number", value=data__tolerance, name="" + (name_prefix or "data") + ".tolerance", definition={'type': 'number', 'minimum': 0}, rule='type')
            if isinstance(data__tolerance, (int, float, Decimal)) and not isinstance(data__tolerance, bool):
                if data__tolerance < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".tolerance must be bigger than or equal to 0", value=data__tolerance, name="" + (name_prefix or "data") + ".tolerance", definition={'type': 'number', 'minimum': 0}, rule='minimum')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'expect'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'actuals': {'anyOf': [{'type': 'string'}, {'type': 'object'}]}, 'set': {'type': 'object'}, 'spec_set': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[^=]+=.*$(?!\\n)'}}, 'missing': {'enum': ['error', 'zero']}, 'expect': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'total': {'type': 'number'}, 'full_marks': {'type': 'number'}, 'grade': {'anyOf': [{'type': 'string'}, {'type': 'null'}]}, 'scores': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'number'}}, 'status': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'enum': ['scored', 'override', 'not_applicable', 'missing']}}, 'band': {'type': 'object', 'propertyNames': {'pattern': '^[A-Za-z_][A-Za-z0-9_]*$(?!\\n)'}, 'additionalProperties': {'type': 'integer', 'minimum': 1}}, 'error': {'type': 'string', 'minLength': 1}}}, 'tolerance': {'type': 'number', 'minimum': 0}}}, rule='additionalProperties')
    return data