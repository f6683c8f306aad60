/**
 * Just enough of OpenAPI 3.0 to test our generated document without a validator dependency:
 * structural checks of the document against the specification's required fields, $ref resolution,
 * and a validator of JSON values against its schema objects (the subset the generator emits).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Follows a local `#/a/b` pointer. */
export function resolvePointer(doc: Obj, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObj(node) ? node[key] : undefined;
  }
  return node;
}

/** Problems with the document as an OpenAPI 3.0 document; empty when it is well formed. */
export function checkDocument(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(doc)) return ['document is not an object'];
  if (typeof doc.openapi !== 'string' || !/^3\.0\.\d+$/.test(doc.openapi))
    problems.push(`openapi: "${String(doc.openapi)}" is not 3.0.x`);
  if (
    !isObj(doc.info) ||
    typeof doc.info.title !== 'string' ||
    typeof doc.info.version !== 'string'
  )
    problems.push('info: title and version are required strings');
  if (!isObj(doc.paths)) problems.push('paths: required object');
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(isObj(doc.paths) ? doc.paths : {})) {
    if (!path.startsWith('/')) problems.push(`paths: "${path}" must start with /`);
    if (!isObj(item)) {
      problems.push(`paths["${path}"]: not an object`);
      continue;
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!isObj(op)) {
        problems.push(`${where}: not an object`);
        continue;
      }
      if (typeof op.operationId === 'string') {
        if (operationIds.has(op.operationId))
          problems.push(`${where}: duplicate operationId ${op.operationId}`);
        operationIds.add(op.operationId);
      }
      const params = Array.isArray(op.parameters) ? op.parameters : [];
      const seen = new Set<string>();
      for (const p of params) {
        if (
          !isObj(p) ||
          typeof p.name !== 'string' ||
          !['query', 'header', 'path', 'cookie'].includes(String(p.in))
        ) {
          problems.push(`${where}: a parameter lacks name or a valid "in"`);
          continue;
        }
        if (seen.has(`${p.in}:${p.name}`)) problems.push(`${where}: parameter ${p.name} twice`);
        seen.add(`${p.in}:${p.name}`);
        if (p.in === 'path' && p.required !== true)
          problems.push(`${where}: path parameter ${p.name} must be required`);
        if (p.in === 'path' && !templated.includes(p.name))
          problems.push(`${where}: path parameter ${p.name} is not in the path`);
        if (!isObj(p.schema) && !isObj(p.content))
          problems.push(`${where}: parameter ${p.name} has neither schema nor content`);
      }
      for (const name of templated)
        if (!seen.has(`path:${name}`))
          problems.push(`${where}: {${name}} is not declared as a path parameter`);
      if (!isObj(op.responses) || Object.keys(op.responses).length === 0) {
        problems.push(`${where}: responses required`);
        continue;
      }
      for (const [status, res] of Object.entries(op.responses)) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status))
          problems.push(`${where}: response key "${status}"`);
        if (!isObj(res) || typeof res.description !== 'string')
          problems.push(`${where} ${status}: description required`);
      }
    }
  }
  const walk = (node: Json, at: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
    else if (isObj(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref') {
          if (typeof v !== 'string' || resolvePointer(doc, v) === undefined)
            problems.push(`${at}: $ref ${String(v)} does not resolve`);
          else if (Object.keys(node).length > 1)
            problems.push(
              `${at}: $ref has siblings (ignored in 3.0): ${Object.keys(node).join(', ')}`,
            );
        } else walk(v, `${at}/${k}`);
      }
    }
  };
  walk(doc, '#');
  return problems;
}

/** Properties a schema declares, through $ref and allOf. */
function declared(doc: Obj, schema: Obj, into = new Set<string>()): Set<string> {
  const s = typeof schema.$ref === 'string' ? (resolvePointer(doc, schema.$ref) as Obj) : schema;
  if (isObj(s.properties)) for (const k of Object.keys(s.properties)) into.add(k);
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) if (isObj(sub)) declared(doc, sub, into);
  return into;
}

/**
 * Errors of `value` against an OpenAPI 3.0 schema object. Strict beyond the specification: a property
 * the schema does not declare is an error, so a response cannot carry fields the document hides.
 */
export function validate(
  doc: Obj,
  schema: Json,
  value: Json,
  at = '$',
  checkUnknown = true,
): string[] {
  if (!isObj(schema)) return [`${at}: schema is not an object`];
  if (typeof schema.$ref === 'string') {
    const target = resolvePointer(doc, schema.$ref);
    return target === undefined
      ? [`${at}: unresolved ${schema.$ref}`]
      : validate(doc, target, value, at, checkUnknown);
  }
  if (value === null)
    return schema.nullable === true ||
      (schema.type === undefined && !schema.allOf && !schema.anyOf && !schema.oneOf)
      ? []
      : [`${at}: null not allowed`];
  const errors: string[] = [];
  if (Array.isArray(schema.allOf)) {
    for (const sub of schema.allOf) errors.push(...validate(doc, sub, value, at, false));
  }
  if (
    Array.isArray(schema.anyOf) &&
    !schema.anyOf.some((sub) => validate(doc, sub, value, at).length === 0)
  )
    errors.push(`${at}: matches no anyOf branch`);
  if (
    Array.isArray(schema.oneOf) &&
    schema.oneOf.filter((sub) => validate(doc, sub, value, at).length === 0).length !== 1
  )
    errors.push(`${at}: must match exactly one oneOf branch`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  switch (schema.type) {
    case undefined:
      break;
    case 'object':
      if (!isObj(value)) errors.push(`${at}: expected object`);
      break;
    case 'array':
      if (!Array.isArray(value)) errors.push(`${at}: expected array`);
      break;
    case 'integer':
      if (!Number.isInteger(value))
        errors.push(`${at}: expected integer, got ${JSON.stringify(value)}`);
      break;
    case 'number':
      if (typeof value !== 'number') errors.push(`${at}: expected number`);
      break;
    case 'string':
      if (typeof value !== 'string') errors.push(`${at}: expected string`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${at}: expected boolean`);
      break;
    default:
      errors.push(`${at}: unknown type ${String(schema.type)}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      errors.push(`${at}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      errors.push(`${at}: above maximum`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      errors.push(`${at}: shorter than minLength`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      errors.push(`${at}: longer than maxLength`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${at}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value) && schema.items !== undefined)
    value.forEach((v, i) => errors.push(...validate(doc, schema.items!, v, `${at}[${i}]`)));
  if (isObj(value)) {
    const props = isObj(schema.properties) ? schema.properties : {};
    for (const k of Array.isArray(schema.required) ? schema.required : [])
      if (typeof k === 'string' && !(k in value)) errors.push(`${at}: missing ${k}`);
    for (const [k, v] of Object.entries(value)) {
      if (k in props) errors.push(...validate(doc, props[k]!, v, `${at}.${k}`));
      else if (isObj(schema.additionalProperties))
        errors.push(...validate(doc, schema.additionalProperties, v, `${at}.${k}`));
    }
    if (
      checkUnknown &&
      (schema.type === 'object' || schema.allOf) &&
      schema.additionalProperties === undefined
    ) {
      const known = declared(doc, schema);
      for (const k of Object.keys(value))
        if (!known.has(k)) errors.push(`${at}: undeclared property ${k}`);
    }
  }
  return errors;
}

/** The schema of a documented response, e.g. `responseSchema(doc, '/v1/search', 'get', 200)`. */
export function responseSchema(doc: Obj, path: string, method: string, status: number): Json {
  const op = resolvePointer(
    doc,
    `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`,
  );
  if (!isObj(op) || !isObj(op.responses))
    throw new Error(`no operation ${method} ${path} in the document`);
  const res = op.responses[String(status)];
  if (!isObj(res) || !isObj(res.content) || !isObj(res.content['application/json']))
    throw new Error(`no ${status} JSON response for ${method} ${path}`);
  return res.content['application/json'].schema ?? null;
}

export type { Json, Obj };
