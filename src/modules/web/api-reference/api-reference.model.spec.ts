import { apiReferenceView, typeLabel } from './api-reference.model';

describe('API reference view', () => {
  const doc = {
    info: { title: 'Essaim API', description: 'Montants en centimes.', version: '1' },
    paths: {
      '/api/v1/calls/{id}': {
        get: {
          summary: 'Read a call',
          tags: ['calls'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': { description: 'The call', content: { 'application/json': { schema: { $ref: '#/components/schemas/CallResponse' } } } },
            '404': { description: 'Unknown call' },
          },
        },
        parameters: [],
      },
      '/api/v1/calls': {
        post: {
          tags: ['calls'],
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateCallDto' } } } },
          responses: { '201': { description: 'Created' } },
        },
      },
      '/health/live': { get: { tags: ['health'], responses: { '200': { description: 'ok' } } } },
    },
    components: {
      schemas: {
        CreateCallDto: {
          type: 'object',
          properties: { title: { type: 'string', maxLength: 200 }, envelopeCents: { type: 'integer', minimum: 0 } },
          required: ['title'],
        },
        CallResponse: {
          type: 'object',
          properties: { status: { type: 'string', enum: ['DRAFT', 'PUBLISHED'] }, lines: { type: 'array', items: { $ref: '#/components/schemas/Line' } } },
        },
      },
    },
  };

  it('groups operations by tag with their parameters, body and responses, and links schemas', () => {
    const view = apiReferenceView(doc);
    expect(view.operationCount).toBe(3);
    expect(view.tags.map((t) => [t.name, t.operations.length])).toEqual([
      ['calls', 2],
      ['health', 1],
    ]);
    const get = view.tags[0]!.operations[0]!;
    expect(get).toMatchObject({ method: 'GET', path: '/api/v1/calls/{id}', summary: 'Read a call', anchor: 'op-get-api-v1-calls-id' });
    expect(get.parameters).toEqual([{ name: 'id', location: 'chemin', type: 'chaîne (uuid)', required: true, description: '' }]);
    expect(get.responses).toEqual([
      { status: '200', description: 'The call', type: 'CallResponse', schemaAnchor: 'schema-callresponse' },
      { status: '404', description: 'Unknown call', type: '—', schemaAnchor: null },
    ]);
    expect(view.tags[0]!.operations[1]!.body).toEqual({ mediaType: 'application/json', type: 'CreateCallDto', schemaAnchor: 'schema-createcalldto' });
    expect(view.schemas.map((s) => s.name)).toEqual(['CallResponse', 'CreateCallDto']);
    expect(view.schemas[1]!.fields).toEqual([
      { name: 'title', type: 'chaîne', required: true, description: '200 caractères au plus' },
      { name: 'envelopeCents', type: 'entier', required: false, description: 'min. 0' },
    ]);
  });

  it('names types in French words', () => {
    expect(typeLabel({ type: 'array', items: { $ref: '#/components/schemas/Line' } })).toBe('liste de Line');
    expect(typeLabel({ type: 'string', enum: ['A', 'B'] })).toBe('A | B');
    expect(typeLabel({ type: 'number', nullable: true })).toBe('nombre ou null');
    expect(typeLabel({ oneOf: [{ type: 'string' }, { type: 'integer' }] })).toBe('chaîne ou entier');
    expect(typeLabel(undefined)).toBe('—');
  });
});
