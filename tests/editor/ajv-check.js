// Validates YAML/JSON documents against the project's schemas with ajv in
// strict mode, the way an editor plugin built on ajv would.
//
//   node ajv-check.js SCHEMA_DIR < request.json > answer.json
//
// request: {"documents": [{"schema": "spec", "path": "specs/x.yaml"}
//                         | {"schema": "spec", "text": "spec: 1\n..."}]}
// answer:  {"compiled": {"spec": null | "why it failed"},
//           "documents": [[{"path": "/indicators/0/weight", "message": "..."}]]}
"use strict";

const fs = require("fs");
const path = require("path");
const Ajv = require("ajv");
const YAML = require("yaml");

// Keywords only editors read (VS Code's snippets); strict mode must be told.
const EDITOR_KEYWORDS = ["defaultSnippets", "markdownDescription", "enumDescriptions"];
const NAMES = ["spec", "actuals", "tests", "scorecard"];

function compileAll(dir) {
  const validators = {};
  const compiled = {};
  for (const name of NAMES) {
    const ajv = new Ajv({ strict: true, allErrors: true });
    ajv.addVocabulary(EDITOR_KEYWORDS);
    const file = path.join(dir, `${name}.schema.json`);
    try {
      validators[name] = ajv.compile(JSON.parse(fs.readFileSync(file, "utf8")));
      compiled[name] = null;
    } catch (err) {
      compiled[name] = String(err.message || err);
    }
  }
  return { validators, compiled };
}

function parse(doc) {
  const text = doc.text !== undefined ? doc.text : fs.readFileSync(doc.path, "utf8");
  if (doc.path && doc.path.endsWith(".json")) {
    return JSON.parse(text);
  }
  return YAML.parse(text);
}

function check(validators, doc) {
  const validate = validators[doc.schema];
  if (!validate) {
    return [{ path: "", message: `schema ${doc.schema} did not compile` }];
  }
  let data;
  try {
    data = parse(doc);
  } catch (err) {
    return [{ path: "", message: `not readable: ${err.message}` }];
  }
  if (validate(data)) {
    return [];
  }
  return validate.errors.map((e) => ({ path: e.instancePath, message: e.message }));
}

function main() {
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const { validators, compiled } = compileAll(process.argv[2]);
  const documents = request.documents.map((doc) => check(validators, doc));
  process.stdout.write(JSON.stringify({ compiled, documents }));
}

main();
