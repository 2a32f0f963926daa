# Generated from schemas/actuals.schema.json by fastjsonschema 2.22.3: do not edit.
# Regenerate: UPDATE_GOLDEN=1 python -m pytest tests/test_schemagate.py
# schema sha256: 582ef558f4764f42bbbc47d0bd77ff6c03c397b3c2c31606c49ddaf0ed03cf58
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
    '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)': re.compile('^[0-9０-９]+([.．][0-9０-９]+)?[%％]\\Z(?!\\n)')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'additionalProperties': False, 'required': ['spec'], 'properties': {'spec': {'type': 'string', 'minLength': 1}, 'entity': {'anyOf': [{'type': 'string'}, {'type': 'number'}]}, 'period': {'anyOf': [{'type': 'string'}, {'type': 'number'}]}, 'inputs': {'type': 'object', 'additionalProperties': {'type': 'number'}}, 'values': {'type': 'object', 'additionalProperties': {'oneOf': [{'type': 'number'}, {'type': 'string', 'minLength': 1}, {'type': 'object', 'additionalProperties': False, 'required': ['grade', 'score'], 'properties': {'grade': {'type': 'string', 'minLength': 1}, 'score': {'anyOf': [{'type': 'number'}, {'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}]}}}]}}, 'not_applicable': {'type': 'object', 'additionalProperties': {'type': 'string', 'minLength': 1}}, 'overrides': {'type': 'object', 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['score', 'reason'], 'properties': {'score': {'type': 'number'}, 'reason': {'type': 'string', 'minLength': 1}}}}, 'notes': {'type': 'object', 'additionalProperties': {'type': 'string'}}, 'claimed': {'type': 'object', 'additionalProperties': {'type': 'number', 'minimum': 0}}, 'claimed_total': {'type': 'number', 'minimum': 0}, 'published': {'type': 'object', 'additionalProperties': False, 'properties': {'total': {'type': 'number'}, 'scores': {'type': 'object', 'additionalProperties': {'type': 'number'}}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['spec']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'additionalProperties': False, 'required': ['spec'], 'properties': {'spec': {'type': 'string', 'minLength': 1}, 'entity': {'anyOf': [{'type': 'string'}, {'type': 'number'}]}, 'period': {'anyOf': [{'type': 'string'}, {'type': 'number'}]}, 'inputs': {'type': 'object', 'additionalProperties': {'type': 'number'}}, 'values': {'type': 'object', 'additionalProperties': {'oneOf': [{'type': 'number'}, {'type': 'string', 'minLength': 1}, {'type': 'object', 'additionalProperties': False, 'required': ['grade', 'score'], 'properties': {'grade': {'type': 'string', 'minLength': 1}, 'score': {'anyOf': [{'type': 'number'}, {'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}]}}}]}}, 'not_applicable': {'type': 'object', 'additionalProperties': {'type': 'string', 'minLength': 1}}, 'overrides': {'type': 'object', 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['score', 'reason'], 'properties': {'score': {'type': 'number'}, 'reason': {'type': 'string', 'minLength': 1}}}}, 'notes': {'type': 'object', 'additionalProperties': {'type': 'string'}}, 'claimed': {'type': 'object', 'additionalProperties': {'type': 'number', 'minimum': 0}}, 'claimed_total': {'type': 'number', 'minimum': 0}, 'published': {'type': 'object', 'additionalProperties': False, 'properties': {'total': {'type': 'number'}, 'scores': {'type': 'object', 'additionalProperties': {'type': 'number'}}}}}}, rule='required')
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
        if "entity" in data_keys:
            data_keys.remove("entity")
            data__entity = data["entity"]
            data__entity_any_of_count1 = 0
            if not data__entity_any_of_count1:
                try:
                    if not isinstance(data__entity, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity must be string", value=data__entity, name="" + (name_prefix or "data") + ".entity", definition={'type': 'string'}, rule='type')
                    data__entity_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__entity_any_of_count1:
                try:
                    if not isinstance(data__entity, (int, float, Decimal)) or isinstance(data__entity, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity must be number", value=data__entity, name="" + (name_prefix or "data") + ".entity", definition={'type': 'number'}, rule='type')
                    data__entity_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__entity_any_of_count1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity cannot be validated by any definition", value=data__entity, name="" + (name_prefix or "data") + ".entity", definition={'anyOf': [{'type': 'string'}, {'type': 'number'}]}, rule='anyOf')
        if "period" in data_keys:
            data_keys.remove("period")
            data__period = data["period"]
            data__period_any_of_count2 = 0
            if not data__period_any_of_count2:
                try:
                    if not isinstance(data__period, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".period must be string", value=data__period, name="" + (name_prefix or "data") + ".period", definition={'type': 'string'}, rule='type')
                    data__period_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__period_any_of_count2:
                try:
                    if not isinstance(data__period, (int, float, Decimal)) or isinstance(data__period, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".period must be number", value=data__period, name="" + (name_prefix or "data") + ".period", definition={'type': 'number'}, rule='type')
                    data__period_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__period_any_of_count2:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".period cannot be validated by any definition", value=data__period, name="" + (name_prefix or "data") + ".period", definition={'anyOf': [{'type': 'string'}, {'type': 'number'}]}, rule='anyOf')
        if "inputs" in data_keys:
            data_keys.remove("inputs")
            data__inputs = data["inputs"]
            if not isinstance(data__inputs, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".inputs must be object", value=data__inputs, name="" + (name_prefix or "data") + ".inputs", definition={'type': 'object', 'additionalProperties': {'type': 'number'}}, rule='type')
            data__inputs_is_dict = isinstance(data__inputs, dict)
            if data__inputs_is_dict:
                data__inputs_keys = set(data__inputs.keys())
                for data__inputs_key in data__inputs_keys:
                    if data__inputs_key not in []:
                        data__inputs_value = data__inputs.get(data__inputs_key)
                        if not isinstance(data__inputs_value, (int, float, Decimal)) or isinstance(data__inputs_value, bool):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".inputs.{data__inputs_key}".format(**locals()) + " must be number", value=data__inputs_value, name="" + (name_prefix or "data") + ".inputs.{data__inputs_key}".format(**locals()) + "", definition={'type': 'number'}, rule='type')
        if "values" in data_keys:
            data_keys.remove("values")
            data__values = data["values"]
            if not isinstance(data__values, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".values must be object", value=data__values, name="" + (name_prefix or "data") + ".values", definition={'type': 'object', 'additionalProperties': {'oneOf': [{'type': 'number'}, {'type': 'string', 'minLength': 1}, {'type': 'object', 'additionalProperties': False, 'required': ['grade', 'score'], 'properties': {'grade': {'type': 'string', 'minLength': 1}, 'score': {'anyOf': [{'type': 'number'}, {'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}]}}}]}}, rule='type')
            data__values_is_dict = isinstance(data__values, dict)
            if data__values_is_dict:
                data__values_keys = set(data__values.keys())
                for data__values_key in data__values_keys:
                    if data__values_key not in []:
                        data__values_value = data__values.get(data__values_key)
                        data__values_value_one_of_count3 = 0
                        if data__values_value_one_of_count3 < 2:
                            try:
                                if not isinstance(data__values_value, (int, float, Decimal)) or isinstance(data__values_value, bool):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + " must be number", value=data__values_value, name="" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + "", definition={'type': 'number'}, rule='type')
                                data__values_value_one_of_count3 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if data__values_value_one_of_count3 < 2:
                            try:
                                if not isinstance(data__values_value, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + " must be string", value=data__values_value, name="" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='type')
                                if isinstance(data__values_value, str):
                                    data__values_value_len = len(data__values_value)
                                    if data__values_value_len < 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + " must be longer than or equal to 1 characters", value=data__values_value, name="" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='minLength')
                                data__values_value_one_of_count3 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if data__values_value_one_of_count3 < 2:
                            try:
                                if not isinstance(data__values_value, (dict)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + " must be object", value=data__values_value, name="" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['grade', 'score'], 'properties': {'grade': {'type': 'string', 'minLength': 1}, 'score': {'anyOf': [{'type': 'number'}, {'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}]}}}, rule='type')
                                data__values_value_is_dict = isinstance(data__values_value, dict)
                                if data__values_value_is_dict:
                                    data__values_value__missing_keys = set(['grade', 'score']) - data__values_value.keys()
                                    if data__values_value__missing_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + " must contain " + (str(sorted(data__values_value__missing_keys)) + " properties"), value=data__values_value, name="" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['grade', 'score'], 'properties': {'grade': {'type': 'string', 'minLength': 1}, 'score': {'anyOf': [{'type': 'number'}, {'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}]}}}, rule='required')
                                    data__values_value_keys = set(data__values_value.keys())
                                    if "grade" in data__values_value_keys:
                                        data__values_value_keys.remove("grade")
                                        data__values_value__grade = data__values_value["grade"]
                                        if not isinstance(data__values_value__grade, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}.grade".format(**locals()) + " must be string", value=data__values_value__grade, name="" + (name_prefix or "data") + ".values.{data__values_key}.grade".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='type')
                                        if isinstance(data__values_value__grade, str):
                                            data__values_value__grade_len = len(data__values_value__grade)
                                            if data__values_value__grade_len < 1:
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}.grade".format(**locals()) + " must be longer than or equal to 1 characters", value=data__values_value__grade, name="" + (name_prefix or "data") + ".values.{data__values_key}.grade".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='minLength')
                                    if "score" in data__values_value_keys:
                                        data__values_value_keys.remove("score")
                                        data__values_value__score = data__values_value["score"]
                                        data__values_value__score_any_of_count4 = 0
                                        if not data__values_value__score_any_of_count4:
                                            try:
                                                if not isinstance(data__values_value__score, (int, float, Decimal)) or isinstance(data__values_value__score, bool):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}.score".format(**locals()) + " must be number", value=data__values_value__score, name="" + (name_prefix or "data") + ".values.{data__values_key}.score".format(**locals()) + "", definition={'type': 'number'}, rule='type')
                                                data__values_value__score_any_of_count4 += 1
                                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                        if not data__values_value__score_any_of_count4:
                                            try:
                                                if not isinstance(data__values_value__score, (str)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}.score".format(**locals()) + " must be string", value=data__values_value__score, name="" + (name_prefix or "data") + ".values.{data__values_key}.score".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}, rule='type')
                                                if isinstance(data__values_value__score, str):
                                                    if not REGEX_PATTERNS['^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'].search(data__values_value__score):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}.score".format(**locals()) + " must match pattern ^[0-9\uff10-\uff19]+([.\uff0e][0-9\uff10-\uff19]+)?[%\uff05]$(?!\\n)", value=data__values_value__score, name="" + (name_prefix or "data") + ".values.{data__values_key}.score".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}, rule='pattern')
                                                data__values_value__score_any_of_count4 += 1
                                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                        if not data__values_value__score_any_of_count4:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}.score".format(**locals()) + " cannot be validated by any definition", value=data__values_value__score, name="" + (name_prefix or "data") + ".values.{data__values_key}.score".format(**locals()) + "", definition={'anyOf': [{'type': 'number'}, {'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}]}, rule='anyOf')
                                    if data__values_value_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + " must not contain "+str(data__values_value_keys)+" properties", value=data__values_value, name="" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['grade', 'score'], 'properties': {'grade': {'type': 'string', 'minLength': 1}, 'score': {'anyOf': [{'type': 'number'}, {'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}]}}}, rule='additionalProperties')
                                data__values_value_one_of_count3 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if data__values_value_one_of_count3 != 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + " must be valid exactly by one definition" + (" (" + str(data__values_value_one_of_count3) + " matches found)"), value=data__values_value, name="" + (name_prefix or "data") + ".values.{data__values_key}".format(**locals()) + "", definition={'oneOf': [{'type': 'number'}, {'type': 'string', 'minLength': 1}, {'type': 'object', 'additionalProperties': False, 'required': ['grade', 'score'], 'properties': {'grade': {'type': 'string', 'minLength': 1}, 'score': {'anyOf': [{'type': 'number'}, {'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}]}}}]}, rule='oneOf')
        if "not_applicable" in data_keys:
            data_keys.remove("not_applicable")
            data__notapplicable = data["not_applicable"]
            if not isinstance(data__notapplicable, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".not_applicable must be object", value=data__notapplicable, name="" + (name_prefix or "data") + ".not_applicable", definition={'type': 'object', 'additionalProperties': {'type': 'string', 'minLength': 1}}, rule='type')
            data__notapplicable_is_dict = isinstance(data__notapplicable, dict)
            if data__notapplicable_is_dict:
                data__notapplicable_keys = set(data__notapplicable.keys())
                for data__notapplicable_key in data__notapplicable_keys:
                    if data__notapplicable_key not in []:
                        data__notapplicable_value = data__notapplicable.get(data__notapplicable_key)
                        if not isinstance(data__notapplicable_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".not_applicable.{data__notapplicable_key}".format(**locals()) + " must be string", value=data__notapplicable_value, name="" + (name_prefix or "data") + ".not_applicable.{data__notapplicable_key}".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='type')
                        if isinstance(data__notapplicable_value, str):
                            data__notapplicable_value_len = len(data__notapplicable_value)
                            if data__notapplicable_value_len < 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".not_applicable.{data__notapplicable_key}".format(**locals()) + " must be longer than or equal to 1 characters", value=data__notapplicable_value, name="" + (name_prefix or "data") + ".not_applicable.{data__notapplicable_key}".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='minLength')
        if "overrides" in data_keys:
            data_keys.remove("overrides")
            data__overrides = data["overrides"]
            if not isinstance(data__overrides, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".overrides must be object", value=data__overrides, name="" + (name_prefix or "data") + ".overrides", definition={'type': 'object', 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['score', 'reason'], 'properties': {'score': {'type': 'number'}, 'reason': {'type': 'string', 'minLength': 1}}}}, rule='type')
            data__overrides_is_dict = isinstance(data__overrides, dict)
            if data__overrides_is_dict:
                data__overrides_keys = set(data__overrides.keys())
                for data__overrides_key in data__overrides_keys:
                    if data__overrides_key not in []:
                        data__overrides_value = data__overrides.get(data__overrides_key)
                        if not isinstance(data__overrides_value, (dict)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".overrides.{data__overrides_key}".format(**locals()) + " must be object", value=data__overrides_value, name="" + (name_prefix or "data") + ".overrides.{data__overrides_key}".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['score', 'reason'], 'properties': {'score': {'type': 'number'}, 'reason': {'type': 'string', 'minLength': 1}}}, rule='type')
                        data__overrides_value_is_dict = isinstance(data__overrides_value, dict)
                        if data__overrides_value_is_dict:
                            data__overrides_value__missing_keys = set(['score', 'reason']) - data__overrides_value.keys()
                            if data__overrides_value__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".overrides.{data__overrides_key}".format(**locals()) + " must contain " + (str(sorted(data__overrides_value__missing_keys)) + " properties"), value=data__overrides_value, name="" + (name_prefix or "data") + ".overrides.{data__overrides_key}".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['score', 'reason'], 'properties': {'score': {'type': 'number'}, 'reason': {'type': 'string', 'minLength': 1}}}, rule='required')
                            data__overrides_value_keys = set(data__overrides_value.keys())
                            if "score" in data__overrides_value_keys:
                                data__overrides_value_keys.remove("score")
                                data__overrides_value__score = data__overrides_value["score"]
                                if not isinstance(data__overrides_value__score, (int, float, Decimal)) or isinstance(data__overrides_value__score, bool):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".overrides.{data__overrides_key}.score".format(**locals()) + " must be number", value=data__overrides_value__score, name="" + (name_prefix or "data") + ".overrides.{data__overrides_key}.score".format(**locals()) + "", definition={'type': 'number'}, rule='type')
                            if "reason" in data__overrides_value_keys:
                                data__overrides_value_keys.remove("reason")
                                data__overrides_value__reason = data__overrides_value["reason"]
                                if not isinstance(data__overrides_value__reason, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".overrides.{data__overrides_key}.reason".format(**locals()) + " must be string", value=data__overrides_value__reason, name="" + (name_prefix or "data") + ".overrides.{data__overrides_key}.reason".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='type')
                                if isinstance(data__overrides_value__reason, str):
                                    data__overrides_value__reason_len = len(data__overrides_value__reason)
                                    if data__overrides_value__reason_len < 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".overrides.{data__overrides_key}.reason".format(**locals()) + " must be longer than or equal to 1 characters", value=data__overrides_value__reason, name="" + (name_prefix or "data") + ".overrides.{data__overrides_key}.reason".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='minLength')
                            if data__overrides_value_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".overrides.{data__overrides_key}".format(**locals()) + " must not contain "+str(data__overrides_value_keys)+" properties", value=data__overrides_value, name="" + (name_prefix or "data") + ".overrides.{data__overrides_key}".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['score', 'reason'], 'properties': {'score': {'type': 'number'}, 'reason': {'type': 'string', 'minLength': 1}}}, rule='additionalProperties')
        if "notes" in data_keys:
            data_keys.remove("notes")
            data__notes = data["notes"]
            if not isinstance(data__notes, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".notes must be object", value=data__notes, name="" + (name_prefix or "data") + ".notes", definition={'type': 'object', 'additionalProperties': {'type': 'string'}}, rule='type')
            data__notes_is_dict = isinstance(data__notes, dict)
            if data__notes_is_dict:
                data__notes_keys = set(data__notes.keys())
                for data__notes_key in data__notes_keys:
                    if data__notes_key not in []:
                        data__notes_value = data__notes.get(data__notes_key)
                        if not isinstance(data__notes_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".notes.{data__notes_key}".format(**locals()) + " must be string", value=data__notes_value, name="" + (name_prefix or "data") + ".notes.{data__notes_key}".format(**locals()) + "", definition={'type': 'string'}, rule='type')
        if "claimed" in data_keys:
            data_keys.remove("claimed")
            data__claimed = data["claimed"]
            if not isinstance(data__claimed, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".claimed must be object", value=data__claimed, name="" + (name_prefix or "data") + ".claimed", definition={'type': 'object', 'additionalProperties': {'type': 'number', 'minimum': 0}}, rule='type')
            data__claimed_is_dict = isinstance(data__claimed, dict)
            if data__claimed_is_dict:
                data__claimed_keys = set(data__claimed.keys())
                for data__claimed_key in data__claimed_keys:
                    if data__claimed_key not in []:
                        data__claimed_value = data__claimed.get(data__claimed_key)
                        if not isinstance(data__claimed_value, (int, float, Decimal)) or isinstance(data__claimed_value, bool):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".claimed.{data__claimed_key}".format(**locals()) + " must be number", value=data__claimed_value, name="" + (name_prefix or "data") + ".claimed.{data__claimed_key}".format(**locals()) + "", definition={'type': 'number', 'minimum': 0}, rule='type')
                        if isinstance(data__claimed_value, (int, float, Decimal)) and not isinstance(data__claimed_value, bool):
                            if data__claimed_value < 0:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".claimed.{data__claimed_key}".format(**locals()) + " must be bigger than or equal to 0", value=data__claimed_value, name="" + (name_prefix or "data") + ".claimed.{data__claimed_key}".format(**locals()) + "", definition={'type': 'number', 'minimum': 0}, rule='minimum')
        if "claimed_total" in data_keys:
            data_keys.remove("claimed_total")
            data__claimedtotal = data["claimed_total"]
            if not isinstance(data__claimedtotal, (int, float, Decimal)) or isinstance(data__claimedtotal, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".claimed_total must be number", value=data__claimedtotal, name="" + (name_prefix or "data") + ".claimed_total", definition={'type': 'number', 'minimum': 0}, rule='type')
            if isinstance(data__claimedtotal, (int, float, Decimal)) and not isinstance(data__claimedtotal, bool):
                if data__claimedtotal < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".claimed_total must be bigger than or equal to 0", value=data__claimedtotal, name="" + (name_prefix or "data") + ".claimed_total", definition={'type': 'number', 'minimum': 0}, rule='minimum')
        if "published" in data_keys:
            data_keys.remove("published")
            data__published = data["published"]
            if not isinstance(data__published, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".published must be object", value=data__published, name="" + (name_prefix or "data") + ".published", definition={'type': 'object', 'additionalProperties': False, 'properties': {'total': {'type': 'number'}, 'scores': {'type': 'object', 'additionalProperties': {'type': 'number'}}}}, rule='type')
            data__published_is_dict = isinstance(data__published, dict)
            if data__published_is_dict:
                data__published_keys = set(data__published.keys())
                if "total" in data__published_keys:
                    data__published_keys.remove("total")
                    data__published__total = data__published["total"]
                    if not isinstance(data__published__total, (int, float, Decimal)) or isinstance(data__published__total, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.total must be number", value=data__published__total, name="" + (name_prefix or "data") + ".published.total", definition={'type': 'number'}, rule='type')
                if "scores" in data__published_keys:
                    data__published_keys.remove("scores")
                    data__published__scores = data__published["scores"]
                    if not isinstance(data__published__scores, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.scores must be object", value=data__published__scores, name="" + (name_prefix or "data") + ".published.scores", definition={'type': 'object', 'additionalProperties': {'type': 'number'}}, rule='type')
                    data__published__scores_is_dict = isinstance(data__published__scores, dict)
                    if data__published__scores_is_dict:
                        data__published__scores_keys = set(data__published__scores.keys())
                        for data__published__scores_key in data__published__scores_keys:
                            if data__published__scores_key not in []:
                                data__published__scores_value = data__published__scores.get(data__published__scores_key)
                                if not isinstance(data__published__scores_value, (int, float, Decimal)) or isinstance(data__published__scores_value, bool):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".published.scores.{data__published__scores_key}".format(**locals()) + " must be number", value=data__published__scores_value, name="" + (name_prefix or "data") + ".published.scores.{data__published__scores_key}".format(**locals()) + "", definition={'type': 'number'}, rule='type')
                if data__published_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".published must not contain "+str(data__published_keys)+" properties", value=data__published, name="" + (name_prefix or "data") + ".published", definition={'type': 'object', 'additionalProperties': False, 'properties': {'total': {'type': 'number'}, 'scores': {'type': 'object', 'additionalProperties': {'type': 'number'}}}}, rule='additionalProperties')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'additionalProperties': False, 'required': ['spec'], 'properties': {'spec': {'type': 'string', 'minLength': 1}, 'entity': {'anyOf': [{'type': 'string'}, {'type': 'number'}]}, 'period': {'anyOf': [{'type': 'string'}, {'type': 'number'}]}, 'inputs': {'type': 'object', 'additionalProperties': {'type': 'number'}}, 'values': {'type': 'object', 'additionalProperties': {'oneOf': [{'type': 'number'}, {'type': 'string', 'minLength': 1}, {'type': 'object', 'additionalProperties': False, 'required': ['grade', 'score'], 'properties': {'grade': {'type': 'string', 'minLength': 1}, 'score': {'anyOf': [{'type': 'number'}, {'type': 'string', 'pattern': '^[0-9０-９]+([.．][0-9０-９]+)?[%％]$(?!\\n)'}]}}}]}}, 'not_applicable': {'type': 'object', 'additionalProperties': {'type': 'string', 'minLength': 1}}, 'overrides': {'type': 'object', 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['score', 'reason'], 'properties': {'score': {'type': 'number'}, 'reason': {'type': 'string', 'minLength': 1}}}}, 'notes': {'type': 'object', 'additionalProperties': {'type': 'string'}}, 'claimed': {'type': 'object', 'additionalProperties': {'type': 'number', 'minimum': 0}}, 'claimed_total': {'type': 'number', 'minimum': 0}, 'published': {'type': 'object', 'additionalProperties': False, 'properties': {'total': {'type': 'number'}, 'scores': {'type': 'object', 'additionalProperties': {'type': 'number'}}}}}}, rule='additionalProperties')
    return data