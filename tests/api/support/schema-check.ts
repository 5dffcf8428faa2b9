// Checks a JSON value against a schema from the OpenAPI document, for the keywords our schemas use.
// A keyword it does not know is an error, so a constraint is never silently skipped.

export interface OpenApiDocument {
  components: { schemas: Record<string, Schema> };
  [key: string]: unknown;
}

type Schema = { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['description', 'examples', 'example', 'default', 'title', '$id']);
const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/,
  uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
};

/** Where `value` breaks `schema`, one line per problem; empty when it conforms. */
export function schemaProblems(schema: Schema, value: unknown, doc: OpenApiDocument, at = '$'): string[] {
  const problems: string[] = [];
  for (const [keyword, arg] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case '$ref': {
        const name = /^#\/components\/schemas\/(.+)$/.exec(String(arg))?.[1];
        const target = name === undefined ? undefined : doc.components.schemas[name];
        if (!target) throw new Error(`${at}: unresolvable $ref ${String(arg)}`);
        problems.push(...schemaProblems(target, value, doc, at));
        break;
      }
      case 'type': {
        const types = Array.isArray(arg) ? (arg as string[]) : [arg as string];
        if (!types.some((t) => hasType(value, t))) problems.push(`${at}: ${JSON.stringify(value)} is not ${types.join(' or ')}`);
        break;
      }
      case 'enum':
        if (!(arg as unknown[]).includes(value as never)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(arg)}`);
        break;
      case 'anyOf': {
        const branches = (arg as Schema[]).map((s) => schemaProblems(s, value, doc, at));
        if (!branches.some((b) => b.length === 0)) problems.push(`${at}: matches no branch of anyOf (${branches.flat().join('; ')})`);
        break;
      }
      case 'format':
        if (typeof value === 'string') {
          const pattern = FORMATS[String(arg)];
          if (!pattern) throw new Error(`${at}: unknown format ${String(arg)}`);
          if (!pattern.test(value)) problems.push(`${at}: ${JSON.stringify(value)} is not a ${String(arg)}`);
        }
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(String(arg)).test(value)) problems.push(`${at}: ${JSON.stringify(value)} does not match ${String(arg)}`);
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (arg as number)) problems.push(`${at}: ${value} is below ${String(arg)}`);
        break;
      case 'required':
        if (isObject(value)) {
          for (const key of arg as string[]) if (!(key in value)) problems.push(`${at}: missing ${key}`);
        }
        break;
      case 'properties':
        if (isObject(value)) {
          for (const [key, sub] of Object.entries(arg as Record<string, Schema>)) {
            if (key in value) problems.push(...schemaProblems(sub, value[key], doc, `${at}.${key}`));
          }
        }
        break;
      case 'additionalProperties':
        if (isObject(value)) {
          const known = Object.keys((schema.properties as Record<string, Schema> | undefined) ?? {});
          for (const key of Object.keys(value).filter((k) => !known.includes(k))) {
            if (arg === false) problems.push(`${at}: undocumented field ${key}`);
            else if (isObject(arg)) problems.push(...schemaProblems(arg, value[key], doc, `${at}.${key}`));
          }
        }
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((item, i) => problems.push(...schemaProblems(arg as Schema, item, doc, `${at}[${i}]`)));
        break;
      default:
        throw new Error(`${at}: the checker does not know the keyword ${keyword}`);
    }
  }
  return problems;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    default:
      return typeof value === type;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
