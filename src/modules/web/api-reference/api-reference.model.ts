/**
 * The API reference page (/api/docs) as plain data: the OpenAPI document grouped by tag, each operation with its
 * parameters, request body and responses, and every schema named once with its fields. Swagger UI is not served:
 * it fails the accessibility checks every other page passes (RGAA), and this page is the same document in DSFR.
 */
interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  description?: string;
  nullable?: boolean;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  additionalProperties?: boolean | SchemaObject;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
}

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
}

interface OperationObject {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }>; required?: boolean };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: SchemaObject }> }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  info?: { title?: string; description?: string; version?: string };
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export interface FieldView {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface OperationView {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: (FieldView & { location: string })[];
  body: { mediaType: string; type: string; schemaAnchor: string | null } | null;
  responses: { status: string; description: string; type: string; schemaAnchor: string | null }[];
}

export interface SchemaView {
  name: string;
  anchor: string;
  fields: FieldView[];
}

export interface ApiReferenceView {
  title: string;
  description: string;
  version: string;
  tags: { name: string; anchor: string; operations: OperationView[] }[];
  schemas: SchemaView[];
  operationCount: number;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const LOCATION_LABELS: Record<string, string> = { path: 'chemin', query: 'requête', header: 'en-tête', cookie: 'cookie' };

const anchorOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** A schema in words: `CallResponse`, `liste de LineDto`, `chaîne (date)`, `entier`, `ACTIVE | CLOSED`. */
export function typeLabel(s: SchemaObject | undefined): string {
  if (!s) return '—';
  if (s.$ref) return refName(s.$ref);
  const union = s.oneOf ?? s.anyOf ?? s.allOf;
  if (union?.length) return union.map(typeLabel).join(s.allOf ? ' et ' : ' ou ');
  if (s.enum?.length) return s.enum.map(String).join(' | ');
  const nullable = s.nullable ? ' ou null' : '';
  switch (s.type) {
    case 'array':
      return `liste de ${typeLabel(s.items)}${nullable}`;
    case 'integer':
      return `entier${nullable}`;
    case 'number':
      return `nombre${nullable}`;
    case 'boolean':
      return `booléen${nullable}`;
    case 'string':
      return `chaîne${s.format ? ` (${s.format})` : ''}${nullable}`;
    case 'object':
      return `objet${nullable}`;
    default:
      return s.type ?? 'valeur';
  }
}

function bounds(s: SchemaObject | undefined): string {
  if (!s) return '';
  const parts: string[] = [];
  if (s.minimum !== undefined) parts.push(`min. ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`max. ${s.maximum}`);
  if (s.minLength !== undefined) parts.push(`${s.minLength} caractères au moins`);
  if (s.maxLength !== undefined) parts.push(`${s.maxLength} caractères au plus`);
  return parts.join(', ');
}

function describe(s: SchemaObject | undefined, description?: string): string {
  return [description ?? s?.description ?? '', bounds(s)].filter(Boolean).join(' — ');
}

function firstContent(content: Record<string, { schema?: SchemaObject }> | undefined) {
  const [mediaType, media] = Object.entries(content ?? {})[0] ?? [];
  return mediaType ? { mediaType, schema: media?.schema } : null;
}

function schemaAnchor(s: SchemaObject | undefined): string | null {
  const ref = s?.$ref ?? s?.items?.$ref;
  return ref ? `schema-${anchorOf(refName(ref))}` : null;
}

export function apiReferenceView(doc: OpenApiDocument): ApiReferenceView {
  const byTag = new Map<string, OperationView[]>();
  let operationCount = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      operationCount++;
      const body = firstContent(op.requestBody?.content);
      const view: OperationView = {
        anchor: `op-${method}-${anchorOf(path)}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        description: op.description ?? '',
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          location: LOCATION_LABELS[p.in] ?? p.in,
          type: typeLabel(p.schema),
          required: p.required === true,
          description: describe(p.schema, p.description),
        })),
        body: body ? { mediaType: body.mediaType, type: typeLabel(body.schema), schemaAnchor: schemaAnchor(body.schema) } : null,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => {
          const content = firstContent(r.content);
          return { status, description: r.description ?? '', type: content ? typeLabel(content.schema) : '—', schemaAnchor: schemaAnchor(content?.schema) };
        }),
      };
      const tag = op.tags?.[0] ?? 'autres';
      byTag.set(tag, [...(byTag.get(tag) ?? []), view]);
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(([name, s]) => ({
      name,
      anchor: `schema-${anchorOf(name)}`,
      fields: Object.entries(s.properties ?? {}).map(([field, fs]) => ({
        name: field,
        type: typeLabel(fs),
        required: (s.required ?? []).includes(field),
        description: describe(fs),
      })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    title: doc.info?.title ?? 'API',
    description: doc.info?.description ?? '',
    version: doc.info?.version ?? '',
    tags: [...byTag.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, operations]) => ({ name, anchor: `tag-${anchorOf(name)}`, operations })),
    schemas,
    operationCount,
  };
}
